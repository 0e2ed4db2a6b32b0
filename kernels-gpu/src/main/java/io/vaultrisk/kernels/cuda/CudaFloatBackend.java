package io.vaultrisk.kernels.cuda;

import io.vaultrisk.kernels.device.Precision;

/** {@code --backend cuda-float}: CUDA paths stepped in float with fast intrinsics, for screening; never auto. */
public final class CudaFloatBackend extends CudaBackend {
    public CudaFloatBackend() {
        super(Precision.FLOAT);
    }
}
