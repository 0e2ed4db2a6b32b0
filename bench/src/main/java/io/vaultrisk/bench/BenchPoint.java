package io.vaultrisk.bench;

/**
 * One measured configuration: a backend (or the C reference) at a path count, seconds per whole run with its JMH
 * error (99.9% half-width; NaN for the C reference, which is timed by its own clock), and the derived throughput.
 */
public record BenchPoint(String backend, String device, long paths, int steps, double secondsPerRun, double error) {
    public static final String C_REFERENCE = "c-reference";

    public BenchPoint {
        if (paths < 1 || steps < 1 || !(secondsPerRun > 0)) {
            throw new IllegalArgumentException("a bench point needs paths, steps and a positive time, got " + paths
                    + ", " + steps + ", " + secondsPerRun);
        }
    }

    public static BenchPoint of(
            String backend, String device, long paths, int steps, double secondsPerRun, double error) {
        return new BenchPoint(backend, device, paths, steps, secondsPerRun, error);
    }

    /** Path-steps per second. */
    public double stepsPerSecond() {
        return paths * (double) steps / secondsPerRun;
    }
}
