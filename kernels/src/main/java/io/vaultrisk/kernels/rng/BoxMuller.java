package io.vaultrisk.kernels.rng;

/**
 * Box–Muller with both outputs, in the exact form every backend uses: one cosine, the sine recovered as
 * sign·sqrt(fma(−cos, cos, 1)) (the sign of sin 2πu₂ is known from u₂). One log, one sqrt and one cos per pair of
 * normals, log and cos from {@link ReproducibleMath}: every operation is exactly specified by IEEE 754, so a word
 * pair gives the same bits here, in {@link VectorNormals}, cold or compiled, and on OpenCL and CUDA.
 */
public final class BoxMuller {
    public static final double TWO_PI = 6.283185307179586;

    private BoxMuller() {}

    /** Writes the two standard normals of words (w0, w1) into out[offset], out[offset + 1]. */
    public static void pair(int w0, int w1, double[] out, int offset) {
        double u1 = Uniforms.open01(w0), u2 = Uniforms.open01(w1);
        double rad = Math.sqrt(-2.0 * ReproducibleMath.log(u1));
        double cs = ReproducibleMath.cos(TWO_PI * u2);
        double sn = Math.sqrt(Math.fma(-cs, cs, 1.0));
        out[offset] = rad * cs;
        out[offset + 1] = (u2 < 0.5 ? rad : -rad) * sn;
    }
}
