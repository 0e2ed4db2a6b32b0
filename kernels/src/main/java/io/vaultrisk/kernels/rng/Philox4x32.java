package io.vaultrisk.kernels.rng;

/**
 * Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC'11), a counter-based generator:
 * any counter can be drawn on its own, which is what lets every backend and every partition of the paths see the
 * same numbers.
 *
 * <p>Vaultrisk's stream layout, shared by every backend (and by {@code shared/perf/gbm_limit_simd.c}): counter =
 * (step pair, path low 32 bits, path high 32 bits, draw block), key = the 64-bit seed (low word, high word).
 */
public final class Philox4x32 {
    public static final int ROUNDS = 10;
    static final long M0 = 0xD2511F53L;
    static final long M1 = 0xCD9E8D57L;
    static final int W0 = 0x9E3779B9;
    static final int W1 = 0xBB67AE85;
    private static final long MASK32 = 0xFFFF_FFFFL;

    private Philox4x32() {}

    /** Applies {@code rounds} Philox rounds to {@code counter} (4 words) under {@code key} (2 words), into {@code out}. */
    public static void bijection(int rounds, int[] counter, int[] key, int[] out) {
        long x0 = counter[0] & MASK32, x1 = counter[1] & MASK32, x2 = counter[2] & MASK32, x3 = counter[3] & MASK32;
        int k0 = key[0], k1 = key[1];
        for (int r = 0; r < rounds; r++) {
            long p0 = M0 * x0, p1 = M1 * x2; // < 2^64 unsigned: the long product is exact
            long n0 = ((p1 >>> 32) ^ x1 ^ (k0 & MASK32));
            long n1 = p1 & MASK32;
            long n2 = ((p0 >>> 32) ^ x3 ^ (k1 & MASK32));
            long n3 = p0 & MASK32;
            x0 = n0;
            x1 = n1;
            x2 = n2;
            x3 = n3;
            k0 += W0;
            k1 += W1;
        }
        out[0] = (int) x0;
        out[1] = (int) x1;
        out[2] = (int) x2;
        out[3] = (int) x3;
    }

    /** Philox4x32-10 of the Vaultrisk counter layout; fills {@code out} with 4 words. */
    public static void draw(long seed, long stepPair, long path, int block, int[] out) {
        bijection(
                ROUNDS,
                new int[] {(int) stepPair, (int) path, (int) (path >>> 32), block},
                new int[] {(int) seed, (int) (seed >>> 32)},
                out);
    }

    /** Philox4x32-10 of counter (c0, c1, c2, c3) and key (k0, k1) into {@code out}, without allocating. */
    public static void draw(int c0, int c1, int c2, int c3, int k0, int k1, int[] out) {
        long x0 = c0 & MASK32, x1 = c1 & MASK32, x2 = c2 & MASK32, x3 = c3 & MASK32;
        for (int r = 0; r < ROUNDS; r++) {
            long p0 = M0 * x0, p1 = M1 * x2;
            long n0 = ((p1 >>> 32) ^ x1 ^ (k0 & MASK32));
            long n2 = ((p0 >>> 32) ^ x3 ^ (k1 & MASK32));
            x1 = p1 & MASK32;
            x3 = p0 & MASK32;
            x0 = n0;
            x2 = n2;
            k0 += W0;
            k1 += W1;
        }
        out[0] = (int) x0;
        out[1] = (int) x1;
        out[2] = (int) x2;
        out[3] = (int) x3;
    }

    /**
     * The first two output words of Philox4x32-10 for one counter, packed as (word1 << 32 | word0): the scalar hot
     * path, with no arrays, for kernels that need one Box–Muller pair per counter. Java cannot return four words
     * without an array, so the rounds are written again here; Philox4x32Test.firstPair_anyCounter_equalsFullBijection
     * pins them to {@link #draw}.
     */
    public static long firstPair(int c0, int c1, int c2, int c3, int k0, int k1) {
        long x0 = c0 & MASK32, x1 = c1 & MASK32, x2 = c2 & MASK32, x3 = c3 & MASK32;
        for (int r = 0; r < ROUNDS; r++) {
            long p0 = M0 * x0, p1 = M1 * x2;
            long n0 = ((p1 >>> 32) ^ x1 ^ (k0 & MASK32));
            long n2 = ((p0 >>> 32) ^ x3 ^ (k1 & MASK32));
            x1 = p1 & MASK32;
            x3 = p0 & MASK32;
            x0 = n0;
            x2 = n2;
            k0 += W0;
            k1 += W1;
        }
        return (x1 << 32) | x0;
    }
}
