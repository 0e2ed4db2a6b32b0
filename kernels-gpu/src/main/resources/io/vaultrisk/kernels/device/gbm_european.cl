/* OpenCL entry points of the European kernels (GBM, and Merton and Heston in double) and of the correlated book-path
 * kernel (vr_correlated_paths: plain GBM in float, every PathDynamics feature in double): the math is in vaultrisk_math.h
 * and vaultrisk_models.h, shared with gbm_european.cu. The host replaces the include lines below with the headers'
 * text, since a program built from a string has no include path. A build with -DVR_PATH_U (the path kernel for one
 * task shape) holds the path kernel alone, so each shape compiles only what it runs. */
#include "vaultrisk_math.h"
#include "vaultrisk_models.h"

#ifndef VR_PATH_U

__kernel void vr_gbm_european(__global const double *params, const vr_u32 steps, const vr_u32 seedLo, const vr_u32 seedHi,
                              const vr_u64 first, const vr_u64 end, const vr_u32 flags, __global double *out,
                              __local double *scratch) {
    vr_gbm_european_item(params, steps, seedLo, seedHi, first, end, flags, out, scratch,
                         (vr_u32)get_local_id(0), (vr_u32)get_group_id(0), (vr_u32)get_local_size(0));
}

#if !VR_FLOAT
__kernel void vr_merton_european(__global const double *params, const uint steps, const uint seedLo,
                                 const uint seedHi, const ulong first, const ulong end, const uint flags,
                                 __global double *out, __local double *scratch) {
    vr_merton_european_item(params, steps, seedLo, seedHi, first, end, flags, out, scratch,
                            (uint)get_local_id(0), (uint)get_group_id(0), (uint)get_local_size(0));
}

__kernel void vr_heston_european(__global const double *params, const uint steps, const uint seedLo,
                                 const uint seedHi, const ulong first, const ulong end, const uint flags,
                                 __global double *out, __local double *scratch) {
    vr_heston_european_item(params, steps, seedLo, seedHi, first, end, flags, out, scratch,
                            (uint)get_local_id(0), (uint)get_group_id(0), (uint)get_local_size(0));
}
#endif
#endif

__kernel void vr_correlated_paths(__global const double *params, __global const int *ints, const uint seedLo,
                                  const uint seedHi, const ulong first, const ulong count, __global double *observed,
                                  __global double *checkpointLn, __global double *checkpointLow,
                                  __global double *checkpointHigh) {
    vr_correlated_paths_item(params, ints, seedLo, seedHi, first, count, (ulong)get_global_id(0), observed,
                             checkpointLn, checkpointLow, checkpointHigh);
}
