package io.vaultrisk.bench;

import java.util.List;

/**
 * What {@code vaultrisk bench} measures: backends × path counts at one step count, JMH iterations of at least
 * {@code iterationSeconds} each, {@code forks} fresh JVMs per configuration (0: in this JVM), and the C reference;
 * then the book workload: the nightly book's paths ({@link BookPaths}) at {@code bookPaths} paths on every backend
 * (0: no book section) and, when {@code nightly} is set, the whole nightly run on each backend with a book-path kernel at the same path count.
 */
public record BenchPlan(
        List<String> backends,
        List<Long> paths,
        int steps,
        int warmupIterations,
        int measurementIterations,
        int iterationSeconds,
        int forks,
        boolean cReference,
        long bookPaths,
        boolean nightly) {
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
        require(bookPaths == 0 || bookPaths >= 2 && bookPaths <= 1_000_000_000L, "bookPaths: must be 0 or in 2..1e9");
        require(!nightly || bookPaths > 0, "nightly: the nightly run needs bookPaths > 0");
    }

    /** The core workload alone, without the book section. */
    public BenchPlan(
            List<String> backends,
            List<Long> paths,
            int steps,
            int warmupIterations,
            int measurementIterations,
            int iterationSeconds,
            int forks,
            boolean cReference) {
        this(
                backends,
                paths,
                steps,
                warmupIterations,
                measurementIterations,
                iterationSeconds,
                forks,
                cReference,
                0,
                false);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * The default plan: the core workload on every given backend at 100k and 1M paths, 252 steps, 1 warm-up + 3
     * iterations; the nightly book at 1M paths.
     */
    public static BenchPlan of(List<String> backends) {
        return new BenchPlan(backends, List.of(100_000L, 1_000_000L), 252, 1, 3, 1, 1, true, 1_000_000L, true);
    }

    public int configurations() {
        return backends.size() * paths.size();
    }
}
