/* CUDA wrapper of the GBM European kernel: the math is in vaultrisk_math.h (shared with gbm_european.cl). nvcc
 * compiles this file to PTX during the build (kernels/pom.xml, profile "cuda"); VR_FLOAT selects the float variant. */
#include "vaultrisk_math.h"

extern "C" __global__ void vr_gbm_european(const double *params, vr_u32 steps, vr_u32 seedLo, vr_u32 seedHi, vr_u64 first,
                                           vr_u64 end, vr_u32 flags, double *out) {
    extern __shared__ double scratch[];
    vr_gbm_european_item(params, steps, seedLo, seedHi, first, end, flags, out, scratch,
                         threadIdx.x, blockIdx.x, blockDim.x);
}
