package io.vaultrisk.kernels.opencl;

import io.vaultrisk.kernels.device.Precision;

/**
 * {@code --backend opencl-float}: the OpenCL kernel with paths stepped in float and the device's native log, sqrt and
 * cos, for screening runs (about 1e-5 relative from the double price, far inside a Monte Carlo error; estimators and
 * sums stay in double). Never chosen by {@code auto}.
 */
public final class OpenClFloatBackend extends OpenClBackend {
    public OpenClFloatBackend() {
        super(Precision.FLOAT, localSizeProperty());
    }
}
