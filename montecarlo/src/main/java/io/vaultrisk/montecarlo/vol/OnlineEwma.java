package io.vaultrisk.montecarlo.vol;

import java.util.Arrays;

/**
 * {@link Ewma} fed one return at a time: the first {@value Ewma#SEED_DAYS} returns are kept and run through
 * {@link Ewma#filter} once they are all in, later ones through {@link Ewma#next}, so after any number of returns the
 * variance is bit for bit the last value of {@code filter} over all of them. Not thread-safe; callers serialise.
 */
public final class OnlineEwma {
    private final Ewma ewma;
    private final double[] seed = new double[Ewma.SEED_DAYS];
    private int count;
    private double variance = Double.NaN;

    public OnlineEwma(double lambda) {
        this.ewma = new Ewma(lambda);
    }

    public void add(double r) {
        if (!Double.isFinite(r)) {
            throw new IllegalArgumentException("return: must be finite, got " + r);
        }
        if (count < Ewma.SEED_DAYS) {
            seed[count++] = r;
            if (count == Ewma.SEED_DAYS) {
                double[] h = ewma.filter(Arrays.copyOf(seed, count));
                variance = h[count];
            }
            return;
        }
        count++;
        variance = ewma.next(variance, r);
    }

    /** Returns seen so far. */
    public int count() {
        return count;
    }

    /** The variance forecast per return period; NaN until {@value Ewma#SEED_DAYS} returns have seeded it. */
    public double variance() {
        return variance;
    }

    public double lambda() {
        return ewma.lambda();
    }
}
