package io.vaultrisk.kernels.rng;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The log and cos of the Box–Muller transform, written only with operations IEEE 754 specifies exactly (+, −, ×, ÷,
 * sqrt, fused multiply-add, bit moves), so they give the same bits in the interpreter, C1, C2, scalar and vector
 * code, and on OpenCL and CUDA ({@code log_bm}/{@code cos_bm} in kernels-gpu's vaultrisk_math.h are the C
 * transcription, operation for operation). {@code Math.log}/{@code Math.cos} and the Vector API's LOG/COS cannot
 * promise that: the intrinsic, the Java fallback of a cold method and SVML may differ in the last bit.
 *
 * <p>The algorithms are fdlibm's (as in StrictMath) made branch-free: log by the exponent/mantissa split and the
 * polynomial in s = f/(2 + f); cos by reduction modulo π/2 with π/2 in three doubles (exact for |x| &lt; 2^20 and
 * carried as a double-double), then the musl/fdlibm sin and cos kernels on [−π/4, π/4]. Error under 1 ulp over the
 * inputs the transform uses (ReproducibleMathTest measures it). Polynomials are evaluated by Horner's rule in fused
 * multiply-adds (fewer operations and roundings than fdlibm's separate products). Each vector method mirrors its
 * scalar one operation for operation; change both or neither.
 */
public final class ReproducibleMath {
    /** The species of the vector forms: {@link VectorNormals#DOUBLES}. */
    public static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;

    private static final double LN2_HI = 6.93147180369123816490e-01; // 0x3fe62e42fee00000: k·LN2_HI is exact
    private static final double LN2_LO = 1.90821492927058770002e-10;
    private static final double LG1 = 6.666666666666735130e-01,
            LG2 = 3.999999999940941908e-01,
            LG3 = 2.857142874366239149e-01,
            LG4 = 2.222219843214978396e-01,
            LG5 = 1.818357216161805012e-01,
            LG6 = 1.531383769920937332e-01,
            LG7 = 1.479819860511658591e-01;

    private static final double INV_PIO2 = 0.6366197723675814;
    /** π/2 = PIO2_1 + PIO2_2 + PIO2_3 to 160 bits. */
    private static final double PIO2_1 = 0x1.921fb54442d18p0,
            PIO2_2 = 0x1.1a62633145c07p-54,
            PIO2_3 = -0x1.f1976b7ed8fbcp-110;
    /** 1.5·2^52: adding it rounds a double below 2^51 to an integer held in the low bits of the sum. */
    private static final double ROUND = 0x1.8p52;

    private static final double S1 = -1.66666666666666324348e-01,
            S2 = 8.33333333332248946124e-03,
            S3 = -1.98412698298579493134e-04,
            S4 = 2.75573137070700676789e-06,
            S5 = -2.50507602534068634195e-08,
            S6 = 1.58969099521155010221e-10;
    private static final double C1 = 4.16666666666666019037e-02,
            C2 = -1.38888888888741095749e-03,
            C3 = 2.48015872894767294178e-05,
            C4 = -2.75573143513906633035e-07,
            C5 = 2.08757232129817482790e-09,
            C6 = -1.13596475577881948265e-11;

    private static final double INV_LN2 = 1.44269504088896338700e+00;
    private static final double P1 = 1.66666666666666019037e-01,
            P2 = -2.77777777770155933842e-03,
            P3 = 6.61375632143793436117e-05,
            P4 = -1.65339022054652515390e-06,
            P5 = 4.13813679705723846039e-08;

    // The constants as vectors: a broadcast per use would cost C2 IR nodes, and a method over its node budget stops
    // inlining (a vector passed to a call that is not inlined is boxed on the heap).
    private static final DoubleVector V_LG1 = v(LG1),
            V_LG2 = v(LG2),
            V_LG3 = v(LG3),
            V_LG4 = v(LG4),
            V_LG5 = v(LG5),
            V_LG6 = v(LG6),
            V_LG7 = v(LG7),
            V_LN2_HI = v(LN2_HI),
            V_LN2_LO = v(LN2_LO),
            V_ONE = v(1.0),
            V_TWO = v(2.0),
            V_HALF = v(0.5);
    private static final DoubleVector V_INV_PIO2 = v(INV_PIO2),
            V_ROUND = v(ROUND),
            V_PIO2_1 = v(PIO2_1),
            V_PIO2_2 = v(PIO2_2),
            V_PIO2_3 = v(PIO2_3);
    private static final DoubleVector V_S1 = v(S1),
            V_S2 = v(S2),
            V_S3 = v(S3),
            V_S4 = v(S4),
            V_S5 = v(S5),
            V_S6 = v(S6),
            V_C1 = v(C1),
            V_C2 = v(C2),
            V_C3 = v(C3),
            V_C4 = v(C4),
            V_C5 = v(C5),
            V_C6 = v(C6);

    private ReproducibleMath() {}

    private static DoubleVector v(double c) {
        return DoubleVector.broadcast(DOUBLES, c);
    }

    /**
     * e^x for |x| &lt; 708 (fdlibm's exp, branch-free): x = k·ln 2 + r with k·LN2_HI exact, the rational
     * approximation on |r| ≤ ln 2 / 2, then the scale 2^k from the bits. The book-path kernels' observed spots.
     */
    public static double exp(double x) {
        double big = x * INV_LN2 + ROUND;
        double fk = big - ROUND;
        long k = Double.doubleToRawLongBits(big) - Double.doubleToRawLongBits(ROUND);
        double hi = x - fk * LN2_HI;
        double lo = fk * LN2_LO;
        double r = hi - lo;
        double t = r * r;
        double c = r - t * Math.fma(t, Math.fma(t, Math.fma(t, Math.fma(t, P5, P4), P3), P2), P1);
        double y = 1.0 - ((lo - (r * c) / (2.0 - c)) - hi);
        return y * Double.longBitsToDouble((k + 1023) << 52);
    }

    /** Natural log of a positive normal finite x (Box–Muller's u₁ in (0, 1]); other inputs give unspecified values. */
    public static double log(double x) {
        long bits = Double.doubleToRawLongBits(x);
        // x = m·2^k with m in [√2/2, √2): the mantissa's high bits decide whether m = 1.f or m = 2·0.f
        long hx = (bits >>> 32) & 0x000f_ffffL;
        long i = (hx + 0x9_5f64L) & 0x10_0000L;
        long k = (bits >>> 52) - 1023 + (i >>> 20);
        double m = Double.longBitsToDouble(((hx | (i ^ 0x3ff0_0000L)) << 32) | (bits & 0xffff_ffffL));
        double f = m - 1.0;
        double hfsq = 0.5 * f * f;
        double s = f / (2.0 + f);
        double dk = (double) k;
        double z = s * s;
        double w = z * z;
        double t1 = w * Math.fma(w, Math.fma(w, LG6, LG4), LG2);
        double t2 = z * Math.fma(w, Math.fma(w, Math.fma(w, LG7, LG5), LG3), LG1);
        double r = t2 + t1;
        return dk * LN2_HI - ((hfsq - (s * (hfsq + r) + dk * LN2_LO)) - f);
    }

    /** cos x for 0 ≤ x &lt; 2^19 (Box–Muller's 2πu₂ lies in [0, 2π)). */
    public static double cos(double x) {
        double big = x * INV_PIO2 + ROUND;
        double fn = big - ROUND;
        // x − fn·π/2 as a double-double (y0, y1): the first product is exact (fn·PIO2_1 shares x's binade or the
        // result is below 1), the rest by a two-sum and the fma's exact product error
        double a = Math.fma(-fn, PIO2_1, x);
        double p = fn * PIO2_2;
        double pe = Math.fma(fn, PIO2_2, -p);
        double sum = a - p;
        double bb = sum - a;
        double e = (a - (sum - bb)) + (-p - bb);
        double tail = (e - pe) - fn * PIO2_3;
        double y0 = sum + tail;
        double y1 = (sum - y0) + tail;
        return quadrant(cosKernel(y0, y1), sinKernel(y0, y1), Double.doubleToRawLongBits(big));
    }

    /** cos(y0 + y1) for |y0| ≤ π/4 + ε, |y1| ≤ ulp(y0)/2 (musl's __cos). */
    private static double cosKernel(double y0, double y1) {
        double z = y0 * y0;
        double rc = z * Math.fma(z, Math.fma(z, Math.fma(z, Math.fma(z, Math.fma(z, C6, C5), C4), C3), C2), C1);
        double hz = 0.5 * z;
        double one = 1.0 - hz;
        return one + (((1.0 - one) - hz) + (z * rc - y0 * y1));
    }

    /** sin(y0 + y1) for |y0| ≤ π/4 + ε, |y1| ≤ ulp(y0)/2 (musl's __sin with a tail). */
    private static double sinKernel(double y0, double y1) {
        double z = y0 * y0;
        double rs = Math.fma(z, Math.fma(z, Math.fma(z, Math.fma(z, S6, S5), S4), S3), S2);
        double v = z * y0;
        return y0 - ((z * (0.5 * y1 - v * rs) - y1) - v * S1);
    }

    /** cos x from cos y and sin y, y = x − n·π/2: cos y, −sin y, −cos y, sin y for n mod 4 = 0, 1, 2, 3. */
    private static double quadrant(double cs, double sn, long n) {
        double c = (n & 1) != 0 ? sn : cs;
        return ((n + 1) & 2) != 0 ? -c : c;
    }

    /**
     * {@link #log(double)} of the {@code DOUBLES.length()} values at {@code a[offset]}, in place, lane by lane and
     * operation for operation. Arrays, not vectors, cross this method, and no method of this class is called inside
     * it: C2 inlines the Vector API (forced) but stops inlining ordinary methods once a compilation is large, and a
     * vector passed to a call that is not inlined is boxed on the heap.
     */
    public static void log(double[] a, int offset) {
        DoubleVector x = DoubleVector.fromArray(DOUBLES, a, offset);
        LongVector bits = x.reinterpretAsLongs();
        LongVector hx = bits.lanewise(VectorOperators.LSHR, 32).and(0x000f_ffffL);
        LongVector i = hx.add(0x9_5f64L).and(0x10_0000L);
        LongVector k = bits.lanewise(VectorOperators.LSHR, 52).sub(1023).add(i.lanewise(VectorOperators.LSHR, 20));
        DoubleVector m = hx.lanewise(VectorOperators.OR, i.lanewise(VectorOperators.XOR, 0x3ff0_0000L))
                .lanewise(VectorOperators.LSHL, 32)
                .lanewise(VectorOperators.OR, bits.and(0xffff_ffffL))
                .reinterpretAsDoubles();
        DoubleVector f = m.sub(V_ONE);
        DoubleVector hfsq = V_HALF.mul(f).mul(f);
        DoubleVector s = f.div(V_TWO.add(f));
        DoubleVector dk = (DoubleVector) k.convert(VectorOperators.L2D, 0);
        DoubleVector z = s.mul(s);
        DoubleVector w = z.mul(z);
        DoubleVector t1 = w.mul(w.fma(w.fma(V_LG6, V_LG4), V_LG2));
        DoubleVector t2 = z.mul(w.fma(w.fma(w.fma(V_LG7, V_LG5), V_LG3), V_LG1));
        DoubleVector r = t2.add(t1);
        dk.mul(V_LN2_HI)
                .sub(hfsq.sub(s.mul(hfsq.add(r)).add(dk.mul(V_LN2_LO))).sub(f))
                .intoArray(a, offset);
    }

    /**
     * {@link #cos(double)} of the {@code DOUBLES.length()} values at {@code a[offset]}, in place, lane by lane and
     * operation for operation (the kernels and the quadrant choice written out, for the reason given at
     * {@link #log(double[], int)}).
     */
    public static void cos(double[] a, int offset) {
        DoubleVector x = DoubleVector.fromArray(DOUBLES, a, offset);
        DoubleVector big = x.mul(V_INV_PIO2).add(V_ROUND);
        DoubleVector fn = big.sub(V_ROUND);
        DoubleVector pa = fn.neg().fma(V_PIO2_1, x);
        DoubleVector p = fn.mul(V_PIO2_2);
        DoubleVector pe = fn.fma(V_PIO2_2, p.neg());
        DoubleVector sum = pa.sub(p);
        DoubleVector bb = sum.sub(pa);
        DoubleVector e = pa.sub(sum.sub(bb)).add(p.neg().sub(bb));
        DoubleVector tail = e.sub(pe).sub(fn.mul(V_PIO2_3));
        DoubleVector y0 = sum.add(tail);
        DoubleVector y1 = sum.sub(y0).add(tail);
        // cosKernel
        DoubleVector z = y0.mul(y0);
        DoubleVector rc = z.mul(z.fma(z.fma(z.fma(z.fma(z.fma(V_C6, V_C5), V_C4), V_C3), V_C2), V_C1));
        DoubleVector hz = V_HALF.mul(z);
        DoubleVector one = V_ONE.sub(hz);
        DoubleVector cs = one.add(V_ONE.sub(one).sub(hz).add(z.mul(rc).sub(y0.mul(y1))));
        // sinKernel
        DoubleVector rs = z.fma(z.fma(z.fma(z.fma(V_S6, V_S5), V_S4), V_S3), V_S2);
        DoubleVector v = z.mul(y0);
        DoubleVector sn = y0.sub(z.mul(V_HALF.mul(y1).sub(v.mul(rs))).sub(y1).sub(v.mul(V_S1)));
        // quadrant
        LongVector n = big.reinterpretAsLongs();
        VectorMask<Double> odd = n.and(1L).compare(VectorOperators.NE, 0L).cast(DOUBLES);
        VectorMask<Double> negate =
                n.add(1L).and(2L).compare(VectorOperators.NE, 0L).cast(DOUBLES);
        DoubleVector c = cs.blend(sn, odd);
        c.blend(c.neg(), negate).intoArray(a, offset);
    }
}
