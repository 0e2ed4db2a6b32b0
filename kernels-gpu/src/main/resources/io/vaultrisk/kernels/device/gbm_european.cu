/* CUDA entry points of the European kernels (GBM, and Merton and Heston in double) and of the correlated book-path
 * kernel (vr_correlated_paths: plain GBM in float, every PathDynamics feature in double): the math is in vaultrisk_math.h
 * and vaultrisk_models.h, shared with gbm_european.cl. kernels-gpu/scripts/compile-ptx compiles this file to PTX during
 * the Maven build when nvcc is on PATH; VR_FLOAT=1 selects the float (screening) GBM variant. */
#include "vaultrisk_math.h"
#include "vaultrisk_models.h"

extern "C" __global__ void vr_gbm_european(const double *params, vr_u32 steps, vr_u32 seedLo, vr_u32 seedHi, vr_u64 first,
                                           vr_u64 end, vr_u32 flags, double *out) {
    extern __shared__ double scratch[];
    vr_gbm_european_item(params, steps, seedLo, seedHi, first, end, flags, out, scratch,
                         threadIdx.x, blockIdx.x, blockDim.x);
}

#if !VR_FLOAT
extern "C" __global__ void vr_merton_european(const double *params, vr_u32 steps, vr_u32 seedLo, vr_u32 seedHi,
                                              vr_u64 first, vr_u64 end, vr_u32 flags, double *out) {
    extern __shared__ double scratch[];
    vr_merton_european_item(params, steps, seedLo, seedHi, first, end, flags, out, scratch,
                            threadIdx.x, blockIdx.x, blockDim.x);
}

extern "C" __global__ void vr_heston_european(const double *params, vr_u32 steps, vr_u32 seedLo, vr_u32 seedHi,
                                              vr_u64 first, vr_u64 end, vr_u32 flags, double *out) {
    extern __shared__ double scratch[];
    vr_heston_european_item(params, steps, seedLo, seedHi, first, end, flags, out, scratch,
                            threadIdx.x, blockIdx.x, blockDim.x);
}
#endif

extern "C" __global__ void vr_correlated_paths(const double *params, const int *ints, vr_u32 seedLo, vr_u32 seedHi,
                                               vr_u64 first, vr_u64 count, double *observed, double *checkpointLn,
                                               double *checkpointLow, double *checkpointHigh) {
    vr_correlated_paths_item(params, ints, seedLo, seedHi, first, count,
                             (vr_u64)blockIdx.x * blockDim.x + threadIdx.x, observed, checkpointLn, checkpointLow,
                             checkpointHigh);
}
