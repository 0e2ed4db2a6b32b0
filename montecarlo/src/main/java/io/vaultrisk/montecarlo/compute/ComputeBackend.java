package io.vaultrisk.montecarlo.compute;

import io.vaultrisk.kernels.Backends;
import io.vaultrisk.kernels.PathBackend;
import java.util.Objects;

/**
 * Where an engine's paths are simulated: a {@link PathBackend} and whether a device that is absent or fails falls back
 * to the CPU. A device that is present but has no kernel for a task always runs it on the CPU with a warning: that is
 * a property of the task, not a broken machine. A user who asked for a device explicitly should not get a CPU run (and
 * its timing) silently, so front ends pass {@code fallback = false} for an explicit backend and true for {@code auto}
 * or {@code --fallback cpu}.
 *
 * @param fallback true: an absent or failing device is replaced by the CPU with a one-line warning; false: it throws
 *     {@link io.vaultrisk.kernels.BackendException}
 */
public record ComputeBackend(PathBackend backend, boolean fallback) {
    /** The CPU backend (Vector API), the default of every engine. */
    public static final ComputeBackend CPU = new ComputeBackend(Backends.select("cpu"), true);

    public ComputeBackend {
        Objects.requireNonNull(backend, "backend");
    }

    /**
     * The backend called {@code id} ({@code cpu}, {@code opencl}, {@code cuda-float}, … or {@code auto}, which picks
     * the most preferred available one and always falls back). Throws {@link IllegalArgumentException} for an unknown
     * name.
     */
    public static ComputeBackend of(String id, boolean fallback) {
        return new ComputeBackend(Backends.select(id), fallback || "auto".equals(id));
    }

    public boolean isCpu() {
        return backend.id().equals(CPU.backend.id());
    }
}
