package io.vaultrisk.kernels;

import java.util.Arrays;

/**
 * Correlated GBM paths of several underlyings observed at chosen steps: the path half of a book or strategy run, in
 * the flat form a backend takes. Underlying u is dimension u of {@link io.vaultrisk.kernels.rng.NormalStream}; the
 * step from time index s to s + 1 is the log-Euler step
 * ln S_u(s + 1) = ln S_u(s) + driftDt[u] + volSqrtDt[u] · Σ_{k ≤ u} lower[u][k] · Z(path, s, k).
 *
 * <p>The output of a path is its spot at each observation (underlying {@code obsUnderlying[o]} after
 * {@code obsStep[o]} steps): O(paths × observations), never O(paths × steps), so a device can keep every step in
 * registers and write back only the observations. Checkpoint steps are where a path-dependent monitor on the CPU
 * (perpetuals' liquidation and funding) sees each path's log-spots and their extremes since the previous checkpoint.
 *
 * <p>{@link PathDynamics} adds jumps, Heston variance and implied-vol factors on further dimensions of the stream;
 * observation underlying U + u (U underlyings) is the vol factor X of underlying u (the log of its ATM implied vol
 * relative to today), observed as X itself.
 *
 * @param lower the lower-triangular Cholesky factor of the correlation matrix (u × u)
 * @param checkpoint per time index 0..steps: whether a monitor is called after that step (index 0 is never used)
 */
public record CorrelatedPathTask(
        long seed,
        double[] logSpot0,
        double[] driftDt,
        double[] volSqrtDt,
        double[][] lower,
        int steps,
        int[] obsUnderlying,
        int[] obsStep,
        boolean[] checkpoint,
        PathDynamics dynamics) {

    /** Correlated GBM. */
    public CorrelatedPathTask(
            long seed,
            double[] logSpot0,
            double[] driftDt,
            double[] volSqrtDt,
            double[][] lower,
            int steps,
            int[] obsUnderlying,
            int[] obsStep,
            boolean[] checkpoint) {
        this(
                seed,
                logSpot0,
                driftDt,
                volSqrtDt,
                lower,
                steps,
                obsUnderlying,
                obsStep,
                checkpoint,
                PathDynamics.gbm(logSpot0.length));
    }

    public CorrelatedPathTask {
        int u = logSpot0.length;
        require(u >= 1, "at least one underlying is required");
        require(
                driftDt.length == u && volSqrtDt.length == u && lower.length == u,
                "drift, volatility and Cholesky factor must have one entry per underlying (" + u + ")");
        require(steps >= 1, "steps must be >= 1, got " + steps);
        require(obsUnderlying.length == obsStep.length, "observation underlyings and steps differ in length");
        require(checkpoint.length == steps + 1, "checkpoint flags must cover time indices 0.." + steps);
        require(dynamics.underlyings() == u, "path dynamics must cover the " + u + " underlyings");
        logSpot0 = logSpot0.clone();
        driftDt = driftDt.clone();
        volSqrtDt = volSqrtDt.clone();
        double[][] l = new double[u][];
        for (int i = 0; i < u; i++) {
            require(lower[i].length == u, "the Cholesky factor must be " + u + " × " + u);
            for (int j = i + 1; j < u; j++) {
                require(lower[i][j] == 0.0, "the Cholesky factor must be lower-triangular");
            }
            l[i] = lower[i].clone();
        }
        lower = l;
        for (int o = 0; o < obsStep.length; o++) {
            require(
                    obsStep[o] >= 1 && obsStep[o] <= steps,
                    "observation step must be in 1.." + steps + ", got " + obsStep[o]);
            require(
                    obsUnderlying[o] >= 0 && obsUnderlying[o] < u
                            || obsUnderlying[o] >= u
                                    && obsUnderlying[o] < 2 * u
                                    && dynamics.hasVolFactor(obsUnderlying[o] - u),
                    "observation underlying must be in 0.." + (u - 1) + " (or U + u for a vol factor), got "
                            + obsUnderlying[o]);
        }
        obsUnderlying = obsUnderlying.clone();
        obsStep = obsStep.clone();
        checkpoint = checkpoint.clone();
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    public int underlyings() {
        return logSpot0.length;
    }

    public int observations() {
        return obsStep.length;
    }

    /** True when some step is a checkpoint: the kernel then tracks each path's extremes between checkpoints. */
    public boolean monitored() {
        for (boolean c : checkpoint) {
            if (c) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "CorrelatedPathTask[seed=" + seed + ", underlyings=" + underlyings() + ", steps=" + steps
                + ", observations=" + Arrays.toString(obsStep) + "]";
    }
}
