package io.vaultrisk.kernels.opencl;

import io.vaultrisk.kernels.device.Precision;

/**
 * {@code --backend opencl-float}: the OpenCL kernel with paths stepped in float and the device's native log, sqrt and
 * cos, for screening runs (about 1e-5 relative from the double price, far inside a Monte Carlo error; estimators and
 * sums stay in double). Book paths run in float for plain correlated GBM only (each path within about 1e-3 of the
 * double one, see {@link Precision#FLOAT}); tasks with jumps, Heston or vol factors fall back to the CPU. Never chosen
 * by {@code auto}.
 */
public final class OpenClFloatBackend extends OpenClBackend {
    public OpenClFloatBackend() {
        super(Precision.FLOAT, localSizeProperty());
    }
}
