package io.vaultrisk.kernels.device;

import io.vaultrisk.kernels.BackendException;
import io.vaultrisk.kernels.EuropeanRun;
import io.vaultrisk.kernels.EuropeanTask;
import io.vaultrisk.kernels.PathBackend;
import io.vaultrisk.kernels.ProgressSink;
import io.vaultrisk.kernels.Sampling;
import java.util.List;
import java.util.Optional;

/**
 * What the OpenCL and CUDA backends share: ids and device strings, availability from the {@link ProcessDevice},
 * the tasks the device kernels cannot run, and one {@link #simulateEuropean} that checks the task, locks the device
 * and turns the API's own failures into a {@link BackendException} naming the device. A subclass only launches
 * the kernel of {@code vaultrisk_math.h} through its API.
 *
 * @param <D> the API's device
 */
public abstract class DeviceBackend<D extends ComputeDevice> implements PathBackend {
    private final String api;
    private final String apiName;
    private final int preference;
    private final ProcessDevice<D> process;
    private final Precision precision;

    /**
     * @param api the id prefix and device-string prefix: {@code opencl}, {@code cuda}
     * @param apiName the API as messages spell it: {@code OpenCL}, {@code CUDA}
     * @param preference the double backend's preference for {@code auto}; float paths always get 0
     */
    protected DeviceBackend(String api, String apiName, int preference, ProcessDevice<D> process, Precision precision) {
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
}
