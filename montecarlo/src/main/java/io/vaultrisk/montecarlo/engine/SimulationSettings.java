package io.vaultrisk.montecarlo.engine;

import io.vaultrisk.kernels.GreekMethod;
import io.vaultrisk.kernels.Sampling;

/**
 * How to simulate: paths, time steps, seed and sampling; which backend runs it.
 *
 * @param threads CPU worker threads, 0 for all cores (results do not depend on it)
 * @param replicates independent random shifts for QMC (its standard error comes from their spread)
 * @param backend "cpu", "opencl", "cuda" or "auto"
 */
public record SimulationSettings(
        long paths,
        int steps,
        long seed,
        int threads,
        Sampling sampling,
        boolean controlVariate,
        GreekMethod greekMethod,
        int replicates,
        String backend) {
    public static final int DEFAULT_REPLICATES = 16;

    public SimulationSettings {
        if (paths < 2) {
            throw new IllegalArgumentException("paths must be at least 2, got " + paths);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be 0 (all cores) or more, got " + threads);
        }
        if (sampling == null || greekMethod == null || backend == null) {
            throw new IllegalArgumentException("sampling, greek method and backend are required");
        }
    }

    /** Plain pseudo-random sampling with pathwise greeks on the CPU. */
    public static SimulationSettings of(long paths, int steps, long seed) {
        return new SimulationSettings(
                paths, steps, seed, 0, Sampling.PSEUDO, false, GreekMethod.PATHWISE, DEFAULT_REPLICATES, "cpu");
    }

    public SimulationSettings withSampling(Sampling s) {
        return new SimulationSettings(paths, steps, seed, threads, s, controlVariate, greekMethod, replicates, backend);
    }

    public SimulationSettings withThreads(int t) {
        return new SimulationSettings(
                paths, steps, seed, t, sampling, controlVariate, greekMethod, replicates, backend);
    }

    public SimulationSettings withControlVariate(boolean cv) {
        return new SimulationSettings(paths, steps, seed, threads, sampling, cv, greekMethod, replicates, backend);
    }

    public SimulationSettings withGreekMethod(GreekMethod g) {
        return new SimulationSettings(paths, steps, seed, threads, sampling, controlVariate, g, replicates, backend);
    }

    public SimulationSettings withBackend(String b) {
        return new SimulationSettings(
                paths, steps, seed, threads, sampling, controlVariate, greekMethod, replicates, b);
    }

    public SimulationSettings withSeed(long s) {
        return new SimulationSettings(
                paths, steps, s, threads, sampling, controlVariate, greekMethod, replicates, backend);
    }
}
