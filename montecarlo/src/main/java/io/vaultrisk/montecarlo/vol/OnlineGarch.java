package io.vaultrisk.montecarlo.vol;

import java.util.Objects;

/**
 * GARCH(1,1) fed one return at a time with fixed parameters: {@code h ← ω + α r² + β h}, the recursion of
 * {@link Garch#filter} with its start {@code h[0]} the mean square of the first {@value Ewma#SEED_DAYS} returns (the
 * batch filter's start is the mean square of all of them, which an online estimator cannot know), so after the seed
 * it is that recursion run over the later returns. The parameters come from a maximum-likelihood fit
 * ({@link Garch#fit}, as {@code vaultrisk vol} prints it) or from stated defaults ({@link #cryptoDaily}); they are not
 * re-fitted here. Not thread-safe; callers serialise.
 */
public final class OnlineGarch {
    /** Parameters of the recursion, per return period. */
    public record Params(double omega, double alpha, double beta) {
        public Params {
            if (!(omega > 0 && alpha >= 0 && beta >= 0 && alpha + beta < 1)) {
                throw new IllegalArgumentException("garch: need omega > 0, alpha, beta >= 0 and alpha + beta < 1, got "
                        + omega + ", " + alpha + ", " + beta);
            }
        }

        /** ω/(1 − α − β): the level the forecast reverts to. */
        public double longRunVariance() {
            return omega / (1 - alpha - beta);
        }

        public static Params of(Garch.Fit fit) {
            return new Params(fit.omega(), fit.alpha(), fit.beta());
        }
    }

    /**
     * Stated defaults for daily crypto returns where no fit is at hand: α 0.10, β 0.85 (persistence 0.95, a shock's
     * half-life about 13.5 days) and ω for a long-run annual vol of {@code longRunAnnualVol} over 365 days.
     */
    public static Params cryptoDaily(double longRunAnnualVol) {
        double alpha = 0.10, beta = 0.85;
        return new Params((1 - alpha - beta) * longRunAnnualVol * longRunAnnualVol / 365, alpha, beta);
    }

    /** What an {@link OnlineGarch} needs to resume. */
    public record State(Params params, int count, double sumSquares, double variance) {}

    private final Params params;
    private int count;
    private double sumSquares;
    private double variance = Double.NaN;

    public OnlineGarch(Params params) {
        this.params = Objects.requireNonNull(params, "params");
    }

    public void add(double r) {
        if (!Double.isFinite(r)) {
            throw new IllegalArgumentException("return: must be finite, got " + r);
        }
        if (count < Ewma.SEED_DAYS) {
            sumSquares += r * r;
            count++;
            if (count == Ewma.SEED_DAYS) {
                variance = sumSquares / count;
            }
            return;
        }
        count++;
        variance = params.omega() + params.alpha() * r * r + params.beta() * variance;
    }

    public int count() {
        return count;
    }

    /** The variance forecast for the next return period; NaN until {@value Ewma#SEED_DAYS} returns have seeded it. */
    public double variance() {
        return variance;
    }

    public Params params() {
        return params;
    }

    public State state() {
        return new State(params, count, sumSquares, variance);
    }

    public static OnlineGarch restore(State state) {
        OnlineGarch g = new OnlineGarch(state.params());
        if (state.count() < 0) {
            throw new IllegalArgumentException("state: count must be >= 0, got " + state.count());
        }
        g.count = state.count();
        g.sumSquares = state.sumSquares();
        g.variance = state.variance();
        return g;
    }
}
