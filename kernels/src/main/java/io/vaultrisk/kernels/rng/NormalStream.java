package io.vaultrisk.kernels.rng;

/**
 * The standard normal Z(path, step, dim) that every backend draws, by definition.
 *
 * <p>One Philox call with counter (2⌊step/2⌋, path, dim/2) gives four words: words 0 and 1 form the Box–Muller
 * pair of dimension 2·block (even step: cosine output, odd step: sine output), words 2 and 3 the pair of dimension
 * 2·block + 1. A one-factor model (dim 0) therefore uses exactly the layout of {@code shared/perf/gbm_limit_simd.c}.
 * This scalar form is the reference the vectorised and device kernels are tested against.
 */
public final class NormalStream {
    private final long seed;

    public NormalStream(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    public double normal(long path, int step, int dim) {
        int[] words = new int[4];
        Philox4x32.draw(seed, step & ~1, path, dim >>> 1, words);
        double[] z = new double[2];
        int w = (dim & 1) * 2;
        BoxMuller.pair(words[w], words[w + 1], z, 0);
        return z[step & 1];
    }

    /** A uniform in (0, 1) for (path, index) on a stream separate from the normals (draw block 0x55000000 + block). */
    public double uniform(long path, int index, int block) {
        int[] words = new int[4];
        Philox4x32.draw(seed, index & ~3, path, 0x5500_0000 + block, words);
        return Uniforms.open01(words[index & 3]);
    }
}
