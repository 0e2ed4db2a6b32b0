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

    /**
     * What an {@link OnlineEwma} needs to resume (to be stored and restored across restarts): the returns seen, the
     * seed returns kept until the seed is full, and the variance.
     */
    public record State(double lambda, int count, double[] seed, double variance) {}

    public State state() {
        return new State(ewma.lambda(), count, Arrays.copyOf(seed, Math.min(count, seed.length)), variance);
    }

    /** The estimator that {@code state} was taken from, resumed: later returns give the same bits as without a stop. */
    public static OnlineEwma restore(State state) {
        OnlineEwma e = new OnlineEwma(state.lambda());
        if (state.count() < 0
                || state.seed() == null
                || state.seed().length != Math.min(state.count(), Ewma.SEED_DAYS)) {
            throw new IllegalArgumentException("state: count " + state.count() + " does not match its seed returns");
        }
        System.arraycopy(state.seed(), 0, e.seed, 0, state.seed().length);
        e.count = state.count();
        e.variance = state.variance();
        return e;
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
