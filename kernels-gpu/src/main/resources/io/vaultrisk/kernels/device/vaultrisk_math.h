/*
 * Vaultrisk device math, one source for OpenCL C and CUDA C: Philox4x32-10, Box-Muller, the GBM log-Euler step and
 * the per-path European estimators, written in the common subset of both languages behind a few macros.
 *
 * The stream layout is the CPU's (io.vaultrisk.kernels.rng.NormalStream): counter (2*floor(step/2), path lo, path hi,
 * dim/2), key (seed lo, seed hi); u = (x + 1/2) / 2^32; rad = sqrt(-2 log u1), cs = cos(2 pi u2), z0 = rad cs,
 * z1 = (u2 < 1/2 ? rad : -rad) sqrt(1 - cs^2). The estimator formulas are those of cpu/GbmEstimators.java, term
 * for term, so a seed gives the CPU's price to rounding. Agreement tests: OpenClBackendTest and CudaBackendTest,
 * simulateEuropean_sameSeed_equalsCpuForPriceAndEveryGreek (1e-12 relative, plain and antithetic).
 *
 * OpenCL: one work-item carries VR_LANES = 16 paths in double16 (float16 with VR_FLOAT=1), because PoCL does not
 * vectorise across work-items; Philox runs in 64-bit lanes (a 32x32->64 product is exact there, and PoCL emulates
 * mul_hi on uint vectors in 16-bit pieces). CUDA: one path per thread, Philox with __umulhi.
 * Build-time switches: VR_FLOAT (0: double paths, 1: float paths for screening; estimators stay double).
 */
#ifndef VAULTRISK_MATH_H
#define VAULTRISK_MATH_H

#ifndef VR_FLOAT
#define VR_FLOAT 0
#endif
#ifndef VR_COS
/* How double paths take cos(2 pi u) for u in (0, 1): 0 library cos, 1 library cospi(2u), 2 vr_cos2pi below (default:
 * on PoCL the library's double16 cospi costs a third of the kernel, the polynomial a few percent) */
#define VR_COS 2
#endif

/* Indices into the parameter array the host fills (EuropeanKernelParameters.java must match). */
#define VR_P_LN_START 0   /* log-spot the path starts from (0 in float mode: the log-return is accumulated) */
#define VR_P_LN_OFFSET 1  /* added to the accumulated value at expiry, in double (log-spot in float mode) */
#define VR_P_DRIFT 2      /* (r - sigma^2/2) dt */
#define VR_P_VOL_SQRT_DT 3
#define VR_P_SPOT 4
#define VR_P_LOG_SPOT 5
#define VR_P_STRIKE 6
#define VR_P_EXPIRY 7
#define VR_P_RATE 8
#define VR_P_VOL 9
#define VR_P_DISCOUNT 10
#define VR_P_HALF_DRIFT 11 /* (r - sigma^2/2) / 2 */
#define VR_P_VOL_T 12      /* sigma T */
#define VR_P_CALL_SIGN 13
#define VR_P_MU_T 14       /* (r - sigma^2/2) T */
#define VR_P_COUNT 15

/* Flags */
#define VR_F_CALL 1u
#define VR_F_INVERSE 2u
#define VR_F_ANTITHETIC 4u

/* Estimator order: io.vaultrisk.kernels.Estimator (PRICE, DELTA, GAMMA, VEGA, RHO, THETA, CONTROL). */
#define VR_EST 7
/* Per work-group output: sum[7], sumSquares[7], sum price*control, padding = 16 doubles. */
#define VR_OUT_STRIDE 16

#define VR_PHILOX_M0 0xD2511F53u
#define VR_PHILOX_M1 0xCD9E8D57u
#define VR_PHILOX_W0 0x9E3779B9u
#define VR_PHILOX_W1 0xBB67AE85u
#define VR_INV_2_32 2.3283064365386963e-10 /* 2^-32 */

#if defined(__OPENCL_VERSION__)
/* ------------------------------------------------------------------ OpenCL C: 16 lanes per work-item */
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#pragma OPENCL FP_CONTRACT OFF
#define VR_LANES 16
#define VR_FN inline
#define VR_GLOBAL __global
#define VR_LOCAL __local
#define VR_BARRIER() barrier(CLK_LOCAL_MEM_FENCE)
typedef uint vr_u32;
typedef ulong vr_u64;
typedef ulong16 vr_word;   /* Philox words, one per lane, in 64-bit lanes */
typedef ulong16 vr_index;  /* sample index per lane */
typedef double16 vr_d;     /* estimator lanes (always double) */
typedef long16 vr_mask;    /* a comparison of vr_d lanes */
#define VR_WORD(x) ((ulong16)(x))
#define VR_DBL(x) ((double16)(x))
#define VR_W2D(x) convert_double16(x)
#define VR_IOTA ((ulong16)(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15))
#define VR_SEL(a, b, c) select((a), (b), (c))
#define VR_ANY(m) any(m)
/* a*M split into high and low 32-bit words. Masking a at the multiply lets LLVM emit one 32x32->64 vpmuludq and
 * leave the low word unmasked (its upper half is ignored by the next multiply and cleared by VR_LOW32 at the end). */
#define VR_MULWIDE(a, m, hi, lo) { vr_word p_ = ((a) & 0xFFFFFFFFUL) * (ulong)(m); hi = p_ >> 32; lo = p_; }
#define VR_LOW32(x) ((x) & 0xFFFFFFFFUL)
#if VR_FLOAT
typedef float16 vr_r;
#define VR_REAL(x) ((float16)(x))
#define VR_W2R(x) convert_float16(x)
#define VR_R2D(x) convert_double16(x)
#define VR_LOG(x) vr_logf(x)
#define VR_SQRT(x) native_sqrt(x)
#define VR_COS2PI(u) vr_cos2pif(u)
/* cos(2 pi u) for float16 u in (0, 1): the quadrant reduction of vr_cos2pi with cephes' sinf/cosf polynomials. */
inline float16 vr_cos2pif(float16 u) {
    float16 t = 4.0f * u;
    float16 big = t + 12582912.0f; /* 1.5 * 2^23: rounds t to an integer in the low bits */
    float16 y = (t - (big - 12582912.0f)) * 1.5707963267948966f;
    float16 z = y * y;
    float16 sn = ((-1.9515295891e-4f * z + 8.3321608736e-3f) * z - 1.6666654611e-1f) * z * y + y;
    float16 cs = ((2.443315711809948e-5f * z - 1.388731625493765e-3f) * z + 4.166664568298827e-2f) * z * z
            - 0.5f * z + 1.0f;
    int16 qi = as_int16(big);
    float16 v = select(cs, sn, (qi & 1) != 0);
    return select(v, -v, ((qi + 1) & 2) != 0);
}
/*
 * log for float16 (cephes logf, ~1 ulp): PoCL's native_log on float16 cost a third of the float kernel. x = m 2^e with
 * m in [sqrt(1/2), sqrt(2)) taken from the bits, then log(m) by the cephes polynomial in f = m - 1. x > 0 finite.
 */
inline float16 vr_logf(float16 x) {
    int16 ix = as_int16(x);
    int16 e = ((ix >> 23) & 0xff) - 126;
    float16 m = as_float16((ix & 0x007fffff) | 0x3f000000); /* [0.5, 1) */
    int16 small = m < 0.70710678118654752f;
    e = select(e, e - 1, small);
    float16 f = select(m - 1.0f, m + m - 1.0f, small);
    float16 fe = convert_float16(e);
    float16 z = f * f;
    float16 y = (((((((( 7.0376836292e-2f * f - 1.1514610310e-1f) * f + 1.1676998740e-1f) * f - 1.2420140846e-1f) * f
            + 1.4249322787e-1f) * f - 1.6668057665e-1f) * f + 2.0000714765e-1f) * f - 2.4999993993e-1f) * f
            + 3.3333331174e-1f) * f * z;
    y += -2.12194440e-4f * fe;
    y += -0.5f * z;
    return f + y + 0.693359375f * fe;
}
#else
typedef double16 vr_r;
#define VR_REAL(x) ((double16)(x))
#define VR_W2R(x) convert_double16(x)
#define VR_R2D(x) (x)
#define VR_LOG(x) log(x)
#define VR_SQRT(x) sqrt(x)
#define VR_LIBCOS(u) cos(6.283185307179586 * (u))
#define VR_LIBCOSPI(u) cospi(2.0 * (u))
typedef long16 vr_int;
#define VR_BITS(x) as_long16(x)
#endif
VR_FN double vr_hsum(double16 v) {
    double8 a = v.lo + v.hi;
    double4 b = a.lo + a.hi;
    double2 c = b.lo + b.hi;
    return c.x + c.y;
}
#else
/* ------------------------------------------------------------------ CUDA C: one path per thread */
#define VR_LANES 1
#define VR_FN __device__ __forceinline__ static
#define VR_GLOBAL
#define VR_LOCAL
#define VR_BARRIER() __syncthreads()
typedef unsigned int vr_word;
typedef unsigned long long vr_index;
typedef double vr_d;
typedef bool vr_mask;
typedef unsigned int vr_u32;
typedef unsigned long long vr_u64;
#define VR_WORD(x) ((vr_word)(x))
#define VR_DBL(x) ((double)(x))
#define VR_W2D(x) ((double)(x))
#define VR_IOTA 0ULL
#define VR_SEL(a, b, c) ((c) ? (b) : (a))
#define VR_ANY(m) (m)
#define VR_MULWIDE(a, m, hi, lo) { hi = __umulhi((a), (m)); lo = (a) * (m); }
#define VR_LOW32(x) (x)
#if VR_FLOAT
typedef float vr_r;
#define VR_REAL(x) ((float)(x))
#define VR_W2R(x) ((float)(x))
#define VR_R2D(x) ((double)(x))
#define VR_LOG(x) __logf(x)
#define VR_SQRT(x) sqrtf(x)
#define VR_COS2PI(u) __cosf((u) * 6.2831853f)
#else
typedef double vr_r;
#define VR_REAL(x) ((double)(x))
#define VR_W2R(x) ((double)(x))
#define VR_R2D(x) (x)
#define VR_LOG(x) log(x)
#define VR_SQRT(x) sqrt(x)
#define VR_LIBCOS(u) cos(6.283185307179586 * (u))
#define VR_LIBCOSPI(u) cospi(2.0 * (u))
typedef long long vr_int;
#define VR_BITS(x) __double_as_longlong(x)
#endif
VR_FN double vr_hsum(double v) { return v; }
#endif

#if !VR_FLOAT
/*
 * cos(2 pi u) for u in (0, 1) to about an ulp, branch-free: 4u = q + r with q = rint(4u) and |r| <= 1/2 (exact), then
 * with y = r pi/2 in [-pi/4, pi/4], cos(2 pi u) = cos y, -sin y, -cos y, sin y for q mod 4 = 0, 1, 2, 3. The kernels
 * on [-pi/4, pi/4] are fdlibm's (__kernel_sin, __kernel_cos), as in musl.
 */
VR_FN vr_r vr_cos2pi(vr_r u) {
    vr_r t = 4.0 * u;
    /* adding 1.5 * 2^52 rounds t to an integer held in the low bits of the sum: q without a library call */
    vr_r big = t + 6755399441055744.0;
    vr_r q = big - 6755399441055744.0;
    vr_r y = (t - q) * 1.57079632679489655800e+00;
    vr_r z = y * y, w = z * z;
    vr_r rs = 8.33333333332248946124e-03 + z * (-1.98412698298579493134e-04 + z * 2.75573137070700676789e-06)
            + z * w * (-2.50507602534068634195e-08 + z * 1.58969099521155010221e-10);
    vr_r sn = y + z * y * (-1.66666666666666324348e-01 + z * rs);
    vr_r rc = z * (4.16666666666666019037e-02 + z * (-1.38888888888741095749e-03 + z * 2.48015872894767294178e-05))
            + w * w * (-2.75573143513906633035e-07 + z * (2.08757232129817482790e-09 + z * -1.13596475577881948265e-11));
    vr_r hz = 0.5 * z;
    vr_r one = 1.0 - hz;
    vr_r cs = one + (((1.0 - one) - hz) + z * rc);
    vr_int qi = VR_BITS(big);
    vr_r v = VR_SEL(cs, sn, (qi & 1) != 0);
    return VR_SEL(v, -v, ((qi + 1) & 2) != 0);
}
#if VR_COS == 0
#define VR_COS2PI(u) VR_LIBCOS(u)
#elif VR_COS == 1
#define VR_COS2PI(u) VR_LIBCOSPI(u)
#else
#define VR_COS2PI(u) vr_cos2pi(u)
#endif
#endif

/*
 * Philox4x32-10 on counter (x0, x1, x2, x3) and key (k0, k1): the four output words (low 32 bits of each lane) into
 * o[0..3]. The one device Philox; rng/Philox4x32.java is its CPU side, pinned to it bit for bit by the OpenCL and CUDA
 * backend tests (simulateEuropean_sameSeed_equalsCpuForPriceAndEveryGreek).
 */
VR_FN void vr_philox4(vr_word x0, vr_word x1, vr_word x2, vr_word x3, vr_u32 k0, vr_u32 k1, vr_word *o) {
#pragma unroll
    for (int r = 0; r < 10; r++) {
        vr_word hi0, lo0, hi1, lo1;
        VR_MULWIDE(x0, VR_PHILOX_M0, hi0, lo0);
        VR_MULWIDE(x2, VR_PHILOX_M1, hi1, lo1);
        x0 = hi1 ^ x1 ^ VR_WORD(k0);
        x2 = hi0 ^ x3 ^ VR_WORD(k1);
        x1 = lo1;
        x3 = lo0;
        k0 += VR_PHILOX_W0;
        k1 += VR_PHILOX_W1;
    }
    o[0] = VR_LOW32(x0); o[1] = VR_LOW32(x1); o[2] = VR_LOW32(x2); o[3] = VR_LOW32(x3);
}

/*
 * Per-path estimators from the terminal log-spot (cpu/GbmEstimators.fill, term for term), into e[0..6].
 */
VR_FN void vr_gbm_estimators(vr_d lnS, VR_GLOBAL const double *p, vr_u32 flags, vr_d *e) {
    const double spot = p[VR_P_SPOT], strike = p[VR_P_STRIKE], expiry = p[VR_P_EXPIRY], rate = p[VR_P_RATE];
    const double vol = p[VR_P_VOL], discount = p[VR_P_DISCOUNT], volT = p[VR_P_VOL_T];
    const double callSign = p[VR_P_CALL_SIGN];
    vr_d s = exp(lnS);
    vr_d logReturn = lnS - VR_DBL(p[VR_P_LOG_SPOT]);
    vr_d w = (logReturn - VR_DBL(p[VR_P_MU_T])) / vol;
    vr_d payoffItm = (discount * callSign) * (s - strike);
    vr_d slopeItm = (discount * callSign) * s;
    vr_d payoff, slope;
    if (flags & VR_F_CALL) {
        payoff = VR_SEL(VR_DBL(0.0), payoffItm, s > strike);
        slope = VR_SEL(VR_DBL(0.0), slopeItm, s > strike);
    } else {
        payoff = VR_SEL(VR_DBL(0.0), payoffItm, s < strike);
        slope = VR_SEL(VR_DBL(0.0), slopeItm, s < strike);
    }
    vr_d price = payoff;
    vr_d delta = slope / spot;
    vr_d gamma = slope / (spot * spot) * (w / volT - 1.0);
    vr_d vega = slope * (w - volT);
    vr_d rho = -expiry * payoff + slope * expiry;
    vr_d theta = rate * payoff - slope * (VR_DBL(p[VR_P_HALF_DRIFT]) + logReturn / (2.0 * expiry));
    vr_d control = discount * s;
    if (flags & VR_F_INVERSE) {
        const double inv = 1.0 / spot;
        gamma = (gamma - 2.0 * delta * inv + 2.0 * price * inv * inv) * inv;
        delta = (delta - price * inv) * inv;
        price *= inv;
        vega *= inv;
        rho *= inv;
        theta *= inv;
        control *= inv;
    }
    e[0] = price; e[1] = delta; e[2] = gamma; e[3] = vega; e[4] = rho; e[5] = theta; e[6] = control;
}

/*
 * Reduces the estimators e[0..6] of this work-item's lanes (lanes at or past end contribute nothing) with the rest of
 * the work-group, in a fixed order, into out[group * 16 ...]: sum[7], sumSquares[7], sum price*control.
 */
VR_FN void vr_store_sums(vr_d *e, vr_index sample, vr_u64 end, VR_GLOBAL double *out, VR_LOCAL double *scratch,
                         vr_u32 lid, vr_u32 group, vr_u32 groupSize) {
    VR_LOCAL double *mine = scratch + lid * VR_OUT_STRIDE;
    for (int k = 0; k < VR_EST; k++) {
        vr_d x = VR_SEL(VR_DBL(0.0), e[k], sample < end);
        mine[k] = vr_hsum(x);
        mine[VR_EST + k] = vr_hsum(x * x);
    }
    mine[2 * VR_EST] = vr_hsum(VR_SEL(VR_DBL(0.0), e[0] * e[6], sample < end));
    VR_BARRIER();
    if (lid == 0) {
        /* sequential over work-items: a fixed order, so a seed gives the same bits on every run */
        for (int k = 0; k < 2 * VR_EST + 1; k++) {
            double acc = 0.0;
            for (vr_u32 i = 0; i < groupSize; i++) {
                acc += scratch[i * VR_OUT_STRIDE + k];
            }
            out[(vr_u64)group * VR_OUT_STRIDE + k] = acc;
        }
        out[(vr_u64)group * VR_OUT_STRIDE + 2 * VR_EST + 1] = 0.0;
    }
}

/*
 * One work-item (thread) of the GBM European kernel: simulates samples [base, base + VR_LANES) of the launch, forms
 * their estimators and reduces them with the rest of the work-group, in a fixed order, into out[group * 16 ...].
 * scratch holds VR_OUT_STRIDE doubles per work-item.
 */
VR_FN void vr_gbm_european_item(VR_GLOBAL const double *p, vr_u32 steps, vr_u32 seedLo, vr_u32 seedHi, vr_u64 first,
                                vr_u64 end, vr_u32 flags, VR_GLOBAL double *out, VR_LOCAL double *scratch,
                                vr_u32 lid, vr_u32 group, vr_u32 groupSize) {
    const vr_u64 base = first + ((vr_u64)group * groupSize + lid) * VR_LANES;
    const vr_index sample = base + VR_IOTA;
    const vr_word lo = VR_WORD(sample & 0xFFFFFFFFUL), hi = VR_WORD(sample >> 32);
    const vr_r drift = VR_REAL(p[VR_P_DRIFT]), v = VR_REAL(p[VR_P_VOL_SQRT_DT]);
    const int antithetic = (flags & VR_F_ANTITHETIC) != 0;
    vr_r ln = VR_REAL(p[VR_P_LN_START]), lnm = ln;
    if (base < end) {
        for (vr_u32 s = 0; s < steps; s += 2) {
            vr_word c[4];
            vr_philox4(VR_WORD(s), lo, hi, VR_WORD(0), seedLo, seedHi, c);
            vr_r u1 = (VR_W2R(c[0]) + VR_REAL(0.5)) * VR_REAL(VR_INV_2_32);
            vr_r u2 = (VR_W2R(c[1]) + VR_REAL(0.5)) * VR_REAL(VR_INV_2_32);
            vr_r rad = VR_SQRT(VR_REAL(-2.0) * VR_LOG(u1));
            vr_r cs = VR_COS2PI(u2);
            vr_r sn = VR_SQRT(fma(-cs, cs, VR_REAL(1.0)));
            vr_r z0 = rad * cs;
            vr_r z1 = VR_SEL(-rad, rad, u2 < VR_REAL(0.5)) * sn;
            ln += fma(z0, v, drift);
            if (antithetic) {
                lnm += fma(z0, -v, drift);
            }
            if (s + 1 < steps) {
                ln += fma(z1, v, drift);
                if (antithetic) {
                    lnm += fma(z1, -v, drift);
                }
            }
        }
    }
    const double lnOffset = p[VR_P_LN_OFFSET];
    vr_d e[VR_EST];
    vr_gbm_estimators(VR_R2D(ln) + lnOffset, p, flags, e);
    if (antithetic) {
        vr_d m[VR_EST];
        vr_gbm_estimators(VR_R2D(lnm) + lnOffset, p, flags, m);
        for (int k = 0; k < VR_EST; k++) {
            e[k] = 0.5 * (e[k] + m[k]);
        }
    }
    vr_store_sums(e, sample, end, out, scratch, lid, group, groupSize);
}
#endif
