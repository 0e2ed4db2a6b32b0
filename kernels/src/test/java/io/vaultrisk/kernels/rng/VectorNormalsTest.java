package io.vaultrisk.kernels.rng;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VectorNormalsTest {
    private static final int LANES = VectorNormals.LANES;

    /**
     * Every lane against the scalar definition, over paths across the 32-bit boundary, even and odd steps (the sine
     * output), and one to five dimensions (an odd count leaves words 2 and 3 of the last counter unused): equal to
     * the bit, since both run ReproducibleMath's log and cos and the same fused 1 − cos².
     */
    @Test
    void fill_everyLaneStepAndDimension_equalsScalarNormalStream() {
        long seed = (67890L << 32) | 12345L;
        VectorNormals vector = new VectorNormals(seed);
        NormalStream scalar = new NormalStream(seed);
        long[][] pathSets = {lanes(0), lanes(4093), lanes((1L << 32) - 3), {7, 123_456_789_012L, 0, 5, 9, 11, 13, 17}};
        int checked = 0;
        for (long[] set : pathSets) {
            long[] paths = java.util.Arrays.copyOf(set, LANES);
            for (int dims = 1; dims <= 5; dims++) {
                double[] even = new double[dims * LANES], odd = new double[dims * LANES];
                for (int s = 0; s < 40; s += 2) {
                    vector.fill(paths, s, dims, even, odd);
                    for (int d = 0; d < dims; d++) {
                        for (int lane = 0; lane < LANES; lane++) {
                            double zs = scalar.normal(paths[lane], s, d), zo = scalar.normal(paths[lane], s + 1, d);
                            assertThat(even[d * LANES + lane])
                                    .as("path %d step %d dim %d", paths[lane], s, d)
                                    .isEqualTo(zs);
                            assertThat(odd[d * LANES + lane])
                                    .as("path %d step %d dim %d", paths[lane], s + 1, d)
                                    .isEqualTo(zo);
                            checked += 2;
                        }
                    }
                }
            }
        }
        assertThat(checked).isEqualTo(4 * 20 * (1 + 2 + 3 + 4 + 5) * 2 * LANES);
    }

    @Test
    void fill_sameCounterInAnotherLaneOrCall_givesTheSameBits() {
        VectorNormals normals = new VectorNormals(42);
        long[] forward = lanes(100), backward = new long[LANES];
        for (int i = 0; i < LANES; i++) {
            backward[i] = forward[LANES - 1 - i];
        }
        double[] e1 = new double[3 * LANES],
                o1 = new double[3 * LANES],
                e2 = new double[3 * LANES],
                o2 = new double[3 * LANES];
        normals.fill(forward, 6, 3, e1, o1);
        normals.fill(backward, 6, 3, e2, o2);
        for (int d = 0; d < 3; d++) {
            for (int i = 0; i < LANES; i++) {
                assertThat(e2[d * LANES + LANES - 1 - i]).isEqualTo(e1[d * LANES + i]);
                assertThat(o2[d * LANES + LANES - 1 - i]).isEqualTo(o1[d * LANES + i]);
            }
        }
    }

    private static long[] lanes(long first) {
        long[] p = new long[LANES];
        for (int i = 0; i < LANES; i++) {
            p[i] = first + i;
        }
        return p;
    }
}
