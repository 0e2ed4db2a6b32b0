package io.vaultrisk.kernels.device;

import io.vaultrisk.kernels.BackendException;
import io.vaultrisk.kernels.CorrelatedPathTask;
import io.vaultrisk.kernels.EuropeanRun;
import io.vaultrisk.kernels.EuropeanTask;
import io.vaultrisk.kernels.PathBackend;
import io.vaultrisk.kernels.PathBlock;
import io.vaultrisk.kernels.ProgressSink;
import io.vaultrisk.kernels.Sampling;
import java.util.List;
import java.util.Optional;

/**
 * What the OpenCL and CUDA backends share: ids and device strings, availability from the {@link ProcessDevice},
 * the tasks the device kernels cannot run, and one {@link #simulateEuropean} and one {@link #simulatePaths} that check
 * the task, lock the device and turn the API's own failures into a {@link BackendException} naming the device. A
 * subclass only launches the kernels of {@code vaultrisk_math.h} and {@code vaultrisk_models.h} through its API.
 *
 * @param <D> the API's device
 */
public abstract class DeviceBackend<D extends ComputeDevice> implements PathBackend {
    private final String api;
    private final String apiName;
    private final int preference;
    private final ProcessDevice<D> process;
    private final Precision precision;
    private final int pathChunk;

    /** Device memory a book-path launch may hold for its outputs: the block is filled in chunks of this size. */
    public static final long PATH_CHUNK_BYTES = 64L << 20;

    /**
     * @param api the id prefix and device-string prefix: {@code opencl}, {@code cuda}
     * @param apiName the API as messages spell it: {@code OpenCL}, {@code CUDA}
     * @param preference the double backend's preference for {@code auto}; float paths always get 0
     */
    protected DeviceBackend(String api, String apiName, int preference, ProcessDevice<D> process, Precision precision) {
        this(api, apiName, preference, process, precision, 0);
    }

    /**
     * @param pathChunk paths per book-path launch, or 0 for as many as {@link #PATH_CHUNK_BYTES} of output hold
     */
    protected DeviceBackend(
            String api, String apiName, int preference, ProcessDevice<D> process, Precision precision, int pathChunk) {
        if (pathChunk < 0) {
            throw new IllegalArgumentException("pathChunk must be >= 0, got " + pathChunk);
        }
        this.pathChunk = pathChunk;
        this.api = api;
        this.apiName = apiName;
        this.preference = preference;
        this.process = process;
        this.precision = precision;
    }

    @Override
    public String id() {
        return precision == Precision.FLOAT ? api + "-float" : api;
    }

    @Override
    public boolean isAvailable() {
        return process.unavailableReason() == null;
    }

    @Override
    public String device() {
        String reason = process.unavailableReason();
        if (reason != null) {
            return api + ": unavailable (" + reason + ")";
        }
        String name = process.get().name();
        return precision == Precision.FLOAT ? name + " [float paths]" : name;
    }

    @Override
    public int preference() {
        // float trades digits for speed: auto never picks it
        return precision == Precision.FLOAT ? 0 : preference;
    }

    public Precision precision() {
        return precision;
    }

    @Override
    public Optional<String> unsupported(EuropeanTask task) {
        return EuropeanKernelParameters.unsupported(task, precision);
    }

    @Override
    public final EuropeanRun simulateEuropean(EuropeanTask task, ProgressSink progress) {
        unsupported(task).ifPresent(reason -> {
            throw new BackendException(apiName + " backend: " + reason);
        });
        D device = process.get();
        EuropeanKernelParameters kp = EuropeanKernelParameters.of(task, precision);
        synchronized (device) {
            try {
                GroupSums sums = launch(
                        device,
                        KernelSource.europeanKernel(task.model()),
                        kp,
                        task.samples(),
                        task.sampling() == Sampling.ANTITHETIC ? 2 : 1,
                        progress);
                return new EuropeanRun(device(), List.of(sums.toSums(task.samples())));
            } catch (RuntimeException e) {
                if (!process.isApiError(e)) {
                    throw e;
                }
                throw new BackendException(apiName + " run failed on " + device.name() + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Runs {@code samples} samples of kernel {@code kernelName} on {@code device} (held locked by the caller) and
     * returns the per-group sums added in group order; progress advances by {@code pathsPerSample} per sample.
     */
    protected abstract GroupSums launch(
            D device,
            String kernelName,
            EuropeanKernelParameters kp,
            long samples,
            int pathsPerSample,
            ProgressSink progress);

    @Override
    public Optional<String> unsupported(CorrelatedPathTask task) {
        return PathKernelParameters.unsupported(task, precision);
    }

    /**
     * Paths [first, first + count) in launches of at most {@link #pathChunk(PathKernelParameters)} paths, each read back
     * into its slice of the block, so device memory stays bounded however many paths are asked for. A failure on
     * the device throws and the partly filled block is dropped.
     */
    @Override
    public final PathBlock simulatePaths(
            CorrelatedPathTask task, long first, int count, int threads, ProgressSink progress) {
        unsupported(task).ifPresent(reason -> {
            throw new BackendException(apiName + " backend: " + reason);
        });
        D device = process.get();
        PathKernelParameters kp = PathKernelParameters.of(task, precision);
        PathBlock out = PathBlock.allocate(task, first, count, device());
        if (count == 0) {
            return out;
        }
        synchronized (device) {
            try {
                launchPaths(device, kp, out, Math.min(count, pathChunk(kp)), progress);
                return out;
            } catch (RuntimeException e) {
                if (!process.isApiError(e)) {
                    throw e;
                }
                throw new BackendException(apiName + " run failed on " + device.name() + ": " + e.getMessage(), e);
            }
        }
    }

    /** Paths per book-path launch: the constructor's, or as many as {@link #PATH_CHUNK_BYTES} of output hold. */
    protected int pathChunk(PathKernelParameters kp) {
        if (pathChunk > 0) {
            return pathChunk;
        }
        long perPath = 8L * Math.max(1, kp.doublesPerPath());
        return (int) Math.max(4096, Math.min(1 << 24, PATH_CHUNK_BYTES / perPath / 4096 * 4096));
    }

    /**
     * Fills {@code out} (paths [out.first(), out.first() + out.count())) on {@code device}, held locked by the caller,
     * in launches of at most {@code chunk} paths; progress advances by each launch's paths.
     */
    protected abstract void launchPaths(
            D device, PathKernelParameters kp, PathBlock out, int chunk, ProgressSink progress);
}
