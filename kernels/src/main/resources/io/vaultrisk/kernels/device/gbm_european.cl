/* OpenCL wrapper of the GBM European kernel: the math is in vaultrisk_math.h (shared with gbm_european.cu). The host
 * replaces the include line below with the header's text, since a program built from a string has no include path. */
#include "vaultrisk_math.h"

__kernel void vr_gbm_european(__global const double *params, const vr_u32 steps, const vr_u32 seedLo, const vr_u32 seedHi,
                              const vr_u64 first, const vr_u64 end, const vr_u32 flags, __global double *out,
                              __local double *scratch) {
    vr_gbm_european_item(params, steps, seedLo, seedHi, first, end, flags, out, scratch,
                         (vr_u32)get_local_id(0), (vr_u32)get_group_id(0), (vr_u32)get_local_size(0));
}
