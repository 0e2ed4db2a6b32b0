package io.vaultrisk.kernels;

import java.util.Arrays;

/**
 * One European option Monte Carlo run, in the flat form every backend takes: model, market, payoff, sampling.
 * Prices and greeks of {@code inverse} (coin-settled) options are in coin, of linear ones in the quote currency.
 *
 * @param paths simulated paths; with antithetic sampling each pair of mirrored paths counts two
 * @param replicates independent digital shifts for QMC (ignored otherwise)
 * @param threads worker threads on the CPU, 0 for all cores
 */
public record EuropeanTask(
        ModelKind model,
        double[] modelParameters,
        double spot,
        double strike,
        double expiry,
        double rate,
        boolean call,
        boolean inverse,
        int steps,
        long paths,
        long seed,
        Sampling sampling,
        int replicates,
        int threads,
        GreekMethod greekMethod) {

    public static final int MAX_STEPS = 100_000;

    public EuropeanTask {
        modelParameters = modelParameters.clone();
        if (modelParameters.length != model.parameterCount()) {
            throw new IllegalArgumentException(
                    model + " takes " + model.parameterCount() + " parameters, got " + modelParameters.length);
        }
        require(spot > 0 && Double.isFinite(spot), "spot must be positive and finite, got " + spot);
        require(strike > 0 && Double.isFinite(strike), "strike must be positive and finite, got " + strike);
        require(expiry > 0 && Double.isFinite(expiry), "expiry must be positive and finite, got " + expiry);
        require(Double.isFinite(rate), "rate must be finite, got " + rate);
        require(steps >= 1 && steps <= MAX_STEPS, "steps must be in 1.." + MAX_STEPS + ", got " + steps);
        require(paths >= 2, "paths must be at least 2, got " + paths);
        require(threads >= 0, "threads must be >= 0, got " + threads);
        require(sampling != null && greekMethod != null, "sampling and greek method are required");
        if (sampling == Sampling.QMC) {
            require(replicates >= 2, "QMC needs at least 2 random shifts for a standard error, got " + replicates);
            require(
                    paths / replicates >= 2,
                    "QMC needs at least 2 points per shift: paths " + paths + " over " + replicates + " shifts");
            require(paths / replicates <= (1L << 32), "QMC supports at most 2^32 points per shift");
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Independent samples: paths, or pairs of paths with antithetic sampling, or points per shift with QMC. */
    public long samples() {
        return switch (sampling) {
            case PSEUDO -> paths;
            case ANTITHETIC -> (paths + 1) / 2;
            case QMC -> paths / replicates;
        };
    }

    /** Paths actually simulated (antithetic rounds up to whole pairs, QMC down to whole shifts). */
    public long simulatedPaths() {
        return switch (sampling) {
            case PSEUDO -> paths;
            case ANTITHETIC -> 2 * samples();
            case QMC -> samples() * replicates;
        };
    }

    public double parameter(int i) {
        return modelParameters[i];
    }

    @Override
    public double[] modelParameters() {
        return modelParameters.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EuropeanTask t && t.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        return "EuropeanTask[" + model + Arrays.toString(modelParameters) + ", spot=" + spot + ", strike=" + strike
                + ", expiry=" + expiry + ", rate=" + rate + ", call=" + call + ", inverse=" + inverse + ", steps="
                + steps + ", paths=" + paths + ", seed=" + seed + ", " + sampling + ", replicates=" + replicates
                + ", threads=" + threads + ", greeks=" + greekMethod + "]";
    }
}
