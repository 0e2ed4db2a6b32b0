package io.vaultrisk.kernels.rng;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The stream of {@link NormalStream}, one path per SIMD lane: Philox4x32-10 in 64-bit lanes (a 32×32→64 multiply
 * per word is exact in a long) and Box–Muller with {@link ReproducibleMath}'s vector log and cos, the scalar
 * {@link BoxMuller} operation for operation. Every CPU path kernel draws its normals here. Values equal the scalar
 * definition bit for bit in every lane, whether this code runs interpreted, in C1 or in C2 (SVML's LOG/COS and the
 * Java fallback of a cold method differ in the last bit, so they are not used).
 *
 * <p>Vectors never cross this class's methods: paths come in and normals go out through arrays, so the caller's hot
 * loop stays compiled whether or not C2 inlines the generator (a vector returned from a call that is not inlined is
 * boxed).
 */
public final class VectorNormals {
    public static final VectorSpecies<Double> DOUBLES = ReproducibleMath.DOUBLES;
    public static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED;
    /** Paths per call: the number of 64-bit lanes of the preferred vector shape. */
    public static final int LANES = Math.min(DOUBLES.length(), LONGS.length());

    private static final long MASK32 = 0xFFFF_FFFFL;

    private final long[] roundKey0 = new long[Philox4x32.ROUNDS], roundKey1 = new long[Philox4x32.ROUNDS];

    public VectorNormals(long seed) {
        if (DOUBLES.length() != LONGS.length()) {
            throw new IllegalStateException("double and long vector species differ in lanes on this CPU");
        }
        int k0 = (int) seed, k1 = (int) (seed >>> 32);
        for (int r = 0; r < Philox4x32.ROUNDS; r++) {
            roundKey0[r] = k0 & MASK32;
            roundKey1[r] = k1 & MASK32;
            k0 += Philox4x32.W0;
            k1 += Philox4x32.W1;
        }
    }

    /**
     * Z(path, s, d) and Z(path, s + 1, d) for the LANES paths {@code paths[0 .. LANES)}, every dimension
     * d &lt; {@code dims} and an even step {@code s}: {@code even[d·LANES + lane]} = Z(paths[lane], s, d),
     * {@code odd[d·LANES + lane]} = Z(paths[lane], s + 1, d). One Philox call per pair of dimensions.
     */
    public void fill(long[] paths, int s, int dims, double[] even, double[] odd) {
        LongVector path = LongVector.fromArray(LONGS, paths, 0);
        LongVector lo = path.and(MASK32), hi = path.lanewise(VectorOperators.LSHR, 32);
        LongVector step = LongVector.broadcast(LONGS, s & MASK32);
        for (int b = 0; 2 * b < dims; b++) {
            // counter (s, path lo, path hi, b): words 0 and 1 are dimension 2b, words 2 and 3 dimension 2b + 1
            LongVector x0 = step, x1 = lo, x2 = hi, x3 = LongVector.broadcast(LONGS, b & MASK32);
            for (int r = 0; r < Philox4x32.ROUNDS; r++) {
                LongVector p0 = x0.mul(Philox4x32.M0), p1 = x2.mul(Philox4x32.M1);
                LongVector n0 = p1.lanewise(VectorOperators.LSHR, 32)
                        .lanewise(VectorOperators.XOR, x1)
                        .lanewise(VectorOperators.XOR, roundKey0[r]);
                LongVector n2 = p0.lanewise(VectorOperators.LSHR, 32)
                        .lanewise(VectorOperators.XOR, x3)
                        .lanewise(VectorOperators.XOR, roundKey1[r]);
                x1 = p1.and(MASK32);
                x3 = p0.and(MASK32);
                x0 = n0;
                x2 = n2;
            }
            // the uniforms u1, u2 (Uniforms.open01) of each pair of words, to even and odd, transformed below
            ((DoubleVector) x0.convert(VectorOperators.L2D, 0))
                    .add(0.5)
                    .mul(Uniforms.INV_2_32)
                    .intoArray(even, 2 * b * LANES);
            ((DoubleVector) x1.convert(VectorOperators.L2D, 0))
                    .add(0.5)
                    .mul(Uniforms.INV_2_32)
                    .intoArray(odd, 2 * b * LANES);
            if (2 * b + 1 < dims) {
                ((DoubleVector) x2.convert(VectorOperators.L2D, 0))
                        .add(0.5)
                        .mul(Uniforms.INV_2_32)
                        .intoArray(even, (2 * b + 1) * LANES);
                ((DoubleVector) x3.convert(VectorOperators.L2D, 0))
                        .add(0.5)
                        .mul(Uniforms.INV_2_32)
                        .intoArray(odd, (2 * b + 1) * LANES);
            }
        }
        // BoxMuller.pair lane by lane: log and cos go through the arrays (see ReproducibleMath.log(double[], int))
        for (int d = 0; d < dims; d++) {
            int offset = d * LANES;
            DoubleVector u2 = DoubleVector.fromArray(DOUBLES, odd, offset);
            u2.mul(BoxMuller.TWO_PI).intoArray(odd, offset);
            ReproducibleMath.log(even, offset);
            ReproducibleMath.cos(odd, offset);
            DoubleVector rad =
                    DoubleVector.fromArray(DOUBLES, even, offset).mul(-2.0).sqrt();
            DoubleVector cs = DoubleVector.fromArray(DOUBLES, odd, offset);
            DoubleVector sn =
                    cs.neg().fma(cs, DoubleVector.broadcast(DOUBLES, 1.0)).sqrt();
            VectorMask<Double> upperHalf = u2.compare(VectorOperators.GE, 0.5);
            rad.mul(cs).intoArray(even, offset);
            rad.blend(rad.neg(), upperHalf).mul(sn).intoArray(odd, offset);
        }
    }
}
