package io.vaultrisk.kernels.rng;

/**
 * Box–Muller with both outputs, in the exact form every backend uses: one cosine, the sine recovered as
 * sign·sqrt(1 − cos²) (the sign of sin 2πu₂ is known from u₂). One log, one sqrt and one cos per pair of normals.
 */
public final class BoxMuller {
    public static final double TWO_PI = 6.283185307179586;

    private BoxMuller() {}

    /** Writes the two standard normals of words (w0, w1) into out[offset], out[offset + 1]. */
    public static void pair(int w0, int w1, double[] out, int offset) {
        double u1 = Uniforms.open01(w0), u2 = Uniforms.open01(w1);
        double rad = Math.sqrt(-2.0 * Math.log(u1));
        double cs = Math.cos(TWO_PI * u2);
        double sn = Math.sqrt(1.0 - cs * cs);
        out[offset] = rad * cs;
        out[offset + 1] = (u2 < 0.5 ? rad : -rad) * sn;
    }
}
