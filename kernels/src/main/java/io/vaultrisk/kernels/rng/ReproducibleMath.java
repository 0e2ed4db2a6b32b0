package io.vaultrisk.kernels.rng;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

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
 * inputs the transform uses (ReproducibleMathTest measures it). Each vector method mirrors its scalar one operation
 * for operation; change both or neither.
 */
public final class ReproducibleMath {
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

    private ReproducibleMath() {}

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
        double c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
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
        double t1 = w * (LG2 + w * (LG4 + w * LG6));
        double t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
        double r = t2 + t1;
        return dk * LN2_HI - ((hfsq - (s * (hfsq + r) + dk * LN2_LO)) - f);
    }

    /** cos x for 0 ≤ x &lt; 2^19 (Box–Muller's 2πu₂ lies in [0, 2π)). */
    public static double cos(double x) {
        double big = x * INV_PIO2 + ROUND;
        double fn = big - ROUND;
        long n = Double.doubleToRawLongBits(big);
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
        double z = y0 * y0;
        double w = z * z;
        // cos kernel (musl __cos)
        double rc = z * (C1 + z * (C2 + z * C3)) + w * w * (C4 + z * (C5 + z * C6));
        double hz = 0.5 * z;
        double one = 1.0 - hz;
        double cs = one + (((1.0 - one) - hz) + (z * rc - y0 * y1));
        // sin kernel (musl __sin with tail)
        double rs = S2 + z * (S3 + z * S4) + z * w * (S5 + z * S6);
        double v = z * y0;
        double sn = y0 - ((z * (0.5 * y1 - v * rs) - y1) - v * S1);
        // quadrant n mod 4 = 0, 1, 2, 3: cos y, −sin y, −cos y, sin y
        double c = (n & 1) != 0 ? sn : cs;
        return ((n + 1) & 2) != 0 ? -c : c;
    }

    /** {@link #log} lane by lane, operation for operation. */
    public static DoubleVector log(DoubleVector x) {
        LongVector bits = x.reinterpretAsLongs();
        LongVector hx = bits.lanewise(VectorOperators.LSHR, 32).and(0x000f_ffffL);
        LongVector i = hx.add(0x9_5f64L).and(0x10_0000L);
        LongVector k = bits.lanewise(VectorOperators.LSHR, 52).sub(1023).add(i.lanewise(VectorOperators.LSHR, 20));
        DoubleVector m = hx.lanewise(VectorOperators.OR, i.lanewise(VectorOperators.XOR, 0x3ff0_0000L))
                .lanewise(VectorOperators.LSHL, 32)
                .lanewise(VectorOperators.OR, bits.and(0xffff_ffffL))
                .reinterpretAsDoubles();
        DoubleVector f = m.sub(1.0);
        DoubleVector hfsq = f.mul(0.5).mul(f);
        DoubleVector s = f.div(f.add(2.0));
        DoubleVector dk = (DoubleVector) k.convert(VectorOperators.L2D, 0);
        DoubleVector z = s.mul(s);
        DoubleVector w = z.mul(z);
        DoubleVector t1 = w.mul(w.mul(w.mul(LG6).add(LG4)).add(LG2));
        DoubleVector t2 = z.mul(w.mul(w.mul(w.mul(LG7).add(LG5)).add(LG3)).add(LG1));
        DoubleVector r = t2.add(t1);
        return dk.mul(LN2_HI)
                .sub(hfsq.sub(s.mul(hfsq.add(r)).add(dk.mul(LN2_LO))).sub(f));
    }

    /** {@link #cos} lane by lane, operation for operation. */
    public static DoubleVector cos(DoubleVector x) {
        DoubleVector pio2Lo = DoubleVector.broadcast(x.species(), PIO2_2);
        DoubleVector big = x.mul(INV_PIO2).add(ROUND);
        DoubleVector fn = big.sub(ROUND);
        LongVector n = big.reinterpretAsLongs();
        DoubleVector a = fn.neg().fma(DoubleVector.broadcast(x.species(), PIO2_1), x);
        DoubleVector p = fn.mul(pio2Lo);
        DoubleVector pe = fn.fma(pio2Lo, p.neg());
        DoubleVector sum = a.sub(p);
        DoubleVector bb = sum.sub(a);
        DoubleVector e = a.sub(sum.sub(bb)).add(p.neg().sub(bb));
        DoubleVector tail = e.sub(pe).sub(fn.mul(PIO2_3));
        DoubleVector y0 = sum.add(tail);
        DoubleVector y1 = sum.sub(y0).add(tail);
        DoubleVector z = y0.mul(y0);
        DoubleVector w = z.mul(z);
        DoubleVector rc = z.mul(z.mul(z.mul(C3).add(C2)).add(C1))
                .add(w.mul(w).mul(z.mul(z.mul(C6).add(C5)).add(C4)));
        DoubleVector hz = z.mul(0.5);
        DoubleVector one = hz.neg().add(1.0);
        DoubleVector cs = one.add(one.neg().add(1.0).sub(hz).add(z.mul(rc).sub(y0.mul(y1))));
        DoubleVector rs =
                z.mul(z.mul(S4).add(S3)).add(S2).add(z.mul(w).mul(z.mul(S6).add(S5)));
        DoubleVector v = z.mul(y0);
        DoubleVector sn = y0.sub(z.mul(y1.mul(0.5).sub(v.mul(rs))).sub(y1).sub(v.mul(S1)));
        VectorMask<Long> odd = n.and(1L).compare(VectorOperators.NE, 0L);
        VectorMask<Long> negate = n.add(1L).and(2L).compare(VectorOperators.NE, 0L);
        DoubleVector c = cs.blend(sn, odd.cast(x.species()));
        return c.blend(c.neg(), negate.cast(x.species()));
    }
}
