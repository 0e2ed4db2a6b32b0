/*
 * Vaultrisk device math, one source for OpenCL C and CUDA C: Philox4x32-10, Box-Muller, the GBM log-Euler step and
 * the per-path European estimators, written in the common subset of both languages behind a few macros.
 *
 * The stream layout is the CPU's (io.vaultrisk.kernels.rng.NormalStream): counter (2*floor(step/2), path lo, path hi,
 * dim/2), key (seed lo, seed hi); u = (x + 1/2) / 2^32; rad = sqrt(-2 log u1), cs = cos(2 pi u2), z0 = rad cs,
 * z1 = (u2 < 1/2 ? rad : -rad) sqrt(fma(-cs, cs, 1)), with log and cos the transcription below of
 * rng/ReproducibleMath.java: only +, -, *, /, sqrt, fma and bit moves, every one exactly specified, so double paths
 * draw the CPU's normals bit for bit. That needs the compiler to fuse nothing on its own: FP_CONTRACT OFF below for
 * OpenCL, -fmad=false for nvcc (scripts/compile-ptx); fma() is written where the Java code calls fma. The estimator
 * formulas are those of cpu/GbmEstimators.java, term for term, so a seed gives the CPU's price to rounding (their
 * exp is the device's). Agreement tests: OpenClBackendTest and CudaBackendTest,
 * simulateEuropean_sameSeed_equalsCpuForPriceAndEveryGreek (1e-12 relative, plain and antithetic); OpenClNormalsTest
 * (the normals, bit for bit).
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
/* cos(2 pi u) for float16 u in (0, 1): 4u = q + r exactly (q = rint(4u)), then cephes' sinf/cosf polynomials at
 * r pi/2 by q mod 4. Float paths screen; they are not the CPU's normals to the bit. */
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
#define VR_SQRT(x) sqrt(x)
typedef long16 vr_int;
#define VR_BITS(x) as_long16(x)
#define VR_FROM_BITS(x) as_double16(x)
#define VR_I2R(x) convert_double16(x)
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
#define VR_SQRT(x) sqrt(x)
typedef long long vr_int;
#define VR_BITS(x) __double_as_longlong(x)
#define VR_FROM_BITS(x) __longlong_as_double(x)
#define VR_I2R(x) ((double)(x))
#endif
VR_FN double vr_hsum(double v) { return v; }
#endif

#if !VR_FLOAT
/*
 * rng/ReproducibleMath.log, operation for operation (fdlibm's log, branch-free): x = m 2^k with m in [sqrt(2)/2,
 * sqrt(2)) from the bits, then the polynomial in s = f / (2 + f), f = m - 1, by Horner in fma. x positive, normal and
 * finite.
 */
VR_FN vr_r vr_log_bm(vr_r x) {
    vr_int bits = VR_BITS(x);
    vr_int hx = (bits >> 32) & 0x000fffffL;
    vr_int i = (hx + 0x95f64L) & 0x100000L;
    vr_int k = (bits >> 52) - 1023L + (i >> 20);
    vr_r m = VR_FROM_BITS(((hx | (i ^ 0x3ff00000L)) << 32) | (bits & 0xffffffffL));
    vr_r f = m - 1.0;
    vr_r hfsq = 0.5 * f * f;
    vr_r s = f / (2.0 + f);
    vr_r dk = VR_I2R(k);
    vr_r z = s * s;
    vr_r w = z * z;
    vr_r t1 = w * fma(w, fma(w, VR_REAL(1.531383769920937332e-01), VR_REAL(2.222219843214978396e-01)),
                      VR_REAL(3.999999999940941908e-01));
    vr_r t2 = z * fma(w, fma(w, fma(w, VR_REAL(1.479819860511658591e-01), VR_REAL(1.818357216161805012e-01)),
                             VR_REAL(2.857142874366239149e-01)), VR_REAL(6.666666666666735130e-01));
    vr_r r = t2 + t1;
    return dk * 6.93147180369123816490e-01 - ((hfsq - (s * (hfsq + r) + dk * 1.90821492927058770002e-10)) - f);
}

/*
 * rng/ReproducibleMath.cos, operation for operation, for 0 <= x < 2^19: x - n pi/2 as a double-double with pi/2 in
 * three doubles (the first product exact through fma), then musl's cos and sin kernels, chosen by n mod 4.
 */
VR_FN vr_r vr_cos_bm(vr_r x) {
    vr_r big = x * 0.6366197723675814 + 6755399441055744.0;
    vr_r fn = big - 6755399441055744.0;
    vr_int n = VR_BITS(big);
    vr_r a = fma(-fn, VR_REAL(1.5707963267948966), x);
    vr_r p = fn * 6.123233995736766e-17;
    vr_r pe = fma(fn, VR_REAL(6.123233995736766e-17), -p);
    vr_r sum = a - p;
    vr_r bb = sum - a;
    vr_r e = (a - (sum - bb)) + (-p - bb);
    vr_r tail = (e - pe) - fn * -1.4973849048591698e-33;
    vr_r y0 = sum + tail;
    vr_r y1 = (sum - y0) + tail;
    vr_r z = y0 * y0;
    vr_r rc = z * fma(z, fma(z, fma(z, fma(z, fma(z, VR_REAL(-1.13596475577881948265e-11),
                                                      VR_REAL(2.08757232129817482790e-09)),
                                               VR_REAL(-2.75573143513906633035e-07)),
                                        VR_REAL(2.48015872894767294178e-05)),
                                 VR_REAL(-1.38888888888741095749e-03)),
                      VR_REAL(4.16666666666666019037e-02));
    vr_r hz = 0.5 * z;
    vr_r one = 1.0 - hz;
    vr_r cs = one + (((1.0 - one) - hz) + (z * rc - y0 * y1));
    vr_r rs = fma(z, fma(z, fma(z, fma(z, VR_REAL(1.58969099521155010221e-10), VR_REAL(-2.50507602534068634195e-08)),
                                VR_REAL(2.75573137070700676789e-06)),
                         VR_REAL(-1.98412698298579493134e-04)),
                  VR_REAL(8.33333333332248946124e-03));
    vr_r v = z * y0;
    vr_r sn = y0 - ((z * (0.5 * y1 - v * rs) - y1) - v * -1.66666666666666324348e-01);
    vr_r c = VR_SEL(cs, sn, (n & 1) != 0);
    return VR_SEL(c, -c, ((n + 1) & 2) != 0);
}

/* rng/ReproducibleMath.exp, operation for operation, for |x| < 708: the observed spots of the book-path kernel. */
VR_FN vr_r vr_exp_bm(vr_r x) {
    vr_r big = x * 1.44269504088896338700e+00 + 6755399441055744.0;
    vr_r fk = big - 6755399441055744.0;
    vr_int k = VR_BITS(big) - 0x4338000000000000L;
    vr_r hi = x - fk * 6.93147180369123816490e-01;
    vr_r lo = fk * 1.90821492927058770002e-10;
    vr_r r = hi - lo;
    vr_r t = r * r;
    vr_r c = r - t * fma(t, fma(t, fma(t, fma(t, VR_REAL(4.13813679705723846039e-08), VR_REAL(-1.65339022054652515390e-06)),
                                          VR_REAL(6.61375632143793436117e-05)),
                                   VR_REAL(-2.77777777770155933842e-03)),
                            VR_REAL(1.66666666666666019037e-01));
    vr_r y = 1.0 - ((lo - (r * c) / (2.0 - c)) - hi);
    return y * VR_FROM_BITS((k + 1023L) << 52);
}
#define VR_LOG(x) vr_log_bm(x)
#define VR_COS2PI(u) vr_cos_bm(6.283185307179586 * (u))
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
