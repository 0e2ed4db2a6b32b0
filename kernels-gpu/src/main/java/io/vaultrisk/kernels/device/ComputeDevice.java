package io.vaultrisk.kernels.device;

/** A device a {@link DeviceBackend} runs kernels on, opened once per process by its {@link ProcessDevice}. */
public interface ComputeDevice {
    /** The name a run reports, prefixed by its API, e.g. {@code opencl: cpu-haswell (OpenCL 3.0 PoCL 3.1)}. */
    String name();
}
