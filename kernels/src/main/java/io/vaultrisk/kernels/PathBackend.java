package io.vaultrisk.kernels;

import java.util.Optional;

/**
 * The one abstraction every compute backend implements: models and engines build a task and never know where it
 * runs. Implementations are found with {@link java.util.ServiceLoader}: the CPU (Vector API) backend ships here,
 * OpenCL (JOCL) and CUDA (JCuda) plug in the same way, and a TornadoVM backend would too once its artifacts can be
 * had (they are not served by the registries this project builds from).
 */
public interface PathBackend {

    /** Short name used by {@code --backend}: cpu, opencl, cuda. */
    String id();

    /** True when the device and its runtime are present on this machine. */
    boolean isAvailable();

    /** Human-readable device name, e.g. "cpu: 2 cores, AVX-512 (8 double lanes)". */
    String device();

    /** Relative speed used by {@code auto}: higher is preferred. */
    int preference();

    /**
     * Why this backend cannot run {@code task} (a model or sampling it has no kernel for), or empty when it can;
     * {@link Backends#runWithFallback} then runs the task on the CPU instead.
     */
    default Optional<String> unsupported(EuropeanTask task) {
        return Optional.empty();
    }

    /** Simulates the task and returns per-estimate sums; throws {@link BackendException} when the device fails. */
    EuropeanRun simulateEuropean(EuropeanTask task, ProgressSink progress);

    /**
     * Why this backend cannot simulate the book-path task {@code task} (a model or dynamics it has no kernel for), or
     * empty when it can; {@link Backends#pathsWithFallback} then runs it on the CPU instead.
     */
    default Optional<String> unsupported(CorrelatedPathTask task) {
        return Optional.of("no kernel for correlated book paths");
    }

    /**
     * Simulates paths [first, first + count) of {@code task}: the same counter-based streams on every backend, so a
     * path's values do not depend on the backend (to rounding of exp and log, 1e-12 relative), the chunking or the
     * thread count. Throws {@link BackendException} when the device fails; never returns a partial block.
     *
     * @param threads CPU threads to use (devices ignore it)
     */
    default PathBlock simulatePaths(
            CorrelatedPathTask task, long first, int count, int threads, ProgressSink progress) {
        throw new BackendException(id() + " has no kernel for correlated book paths");
    }
}
