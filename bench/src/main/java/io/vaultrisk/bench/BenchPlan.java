package io.vaultrisk.bench;

import java.util.List;

/**
 * What {@code vaultrisk bench} measures: backends × path counts at one step count, JMH iterations of at least
 * {@code iterationSeconds} each, {@code forks} fresh JVMs per configuration (0: in this JVM), and the C reference.
 */
public record BenchPlan(
        List<String> backends,
        List<Long> paths,
        int steps,
        int warmupIterations,
        int measurementIterations,
        int iterationSeconds,
        int forks,
        boolean cReference) {
    public BenchPlan {
        backends = List.copyOf(backends);
        paths = List.copyOf(paths);
        require(!backends.isEmpty(), "backends: at least one backend is needed");
        require(
                !paths.isEmpty() && paths.stream().allMatch(p -> p >= 2 && p <= 1_000_000_000L),
                "paths: every path count must be in 2..1e9, got " + paths);
        require(steps >= 1 && steps <= 100_000, "steps must be in 1..100000, got " + steps);
        require(warmupIterations >= 0 && measurementIterations >= 1, "iterations: need at least one measurement");
        require(iterationSeconds >= 1, "iterationSeconds must be at least 1");
        require(forks >= 0, "forks must be >= 0");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The core-workload plan: every given backend at 100k and 1M paths, 252 steps, 1 warm-up + 3 iterations. */
    public static BenchPlan of(List<String> backends) {
        return new BenchPlan(backends, List.of(100_000L, 1_000_000L), 252, 1, 3, 1, 1, true);
    }

    public int configurations() {
        return backends.size() * paths.size();
    }
}
