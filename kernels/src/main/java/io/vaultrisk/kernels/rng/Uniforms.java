package io.vaultrisk.kernels.rng;

/** Maps 32-bit words to uniforms in the open interval (0, 1): u = (x + 1/2) / 2^32, exact in double. */
public final class Uniforms {
    public static final double INV_2_32 = 1.0 / 4294967296.0;

    private Uniforms() {}

    public static double open01(int word) {
        return ((word & 0xFFFF_FFFFL) + 0.5) * INV_2_32;
    }
}
