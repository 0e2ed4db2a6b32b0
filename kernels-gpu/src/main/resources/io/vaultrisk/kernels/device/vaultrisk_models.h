/*
 * Merton jump diffusion and Heston (Andersen QE) European kernels, double only, in the same OpenCL C / CUDA C subset
 * as vaultrisk_math.h (include that first). Each mirrors its CPU kernel term for term (cpu/JumpDiffusionKernel.java,
 * cpu/HestonQeKernel.java, cpu/TerminalEstimators.java, rng/BoxMuller.java, basics/Normal.java), lane by lane, so a
 * seed gives the CPU's prices and greeks to rounding. Data-dependent loops (Poisson inversion, the tail continued
 * fraction) run while any lane is still going, each lane stopping exactly where the scalar code stops.
 *
 * Agreement test: OpenClModelsTest.simulateEuropean_sameSeed_equalsCpuForPriceAndEveryGreek holds every mirror here
 * to the CPU's sums (1e-12 relative), on paths whose normals reach the tails.
 */
#ifndef VAULTRISK_MODELS_H
#define VAULTRISK_MODELS_H
#if !VR_FLOAT

/* Model parameter slots after the common ones (EuropeanKernelParameters.java must match). */
#define VR_M_DRIFT 16
#define VR_M_VOL_SQRT_DT 17
#define VR_M_SQRT_DT 18
#define VR_M_JUMP_MEAN 19
#define VR_M_JUMP_VOL 20
#define VR_M_MEAN_JUMPS 21
#define VR_M_NO_JUMP 22
#define VR_H_V0 16
#define VR_H_THETA 17
#define VR_H_EXP_KDT 18
#define VR_H_M1 19
#define VR_H_M2 20
#define VR_H_A 21
#define VR_H_K1 22
#define VR_H_K2 23
#define VR_H_K3 24
#define VR_H_K4 25
#define VR_H_RATE_DT 26

/* rng/BoxMuller.pair: the two normals of words (w0, w1), bit for bit. */
VR_FN void vr_box_muller(vr_word w0, vr_word w1, vr_d *z) {
    vr_d u1 = (VR_W2D(w0) + 0.5) * VR_INV_2_32, u2 = (VR_W2D(w1) + 0.5) * VR_INV_2_32;
    vr_d rad = sqrt(-2.0 * VR_LOG(u1));
    vr_d cs = VR_COS2PI(u2);
    vr_d sn = sqrt(fma(-cs, cs, VR_DBL(1.0)));
    z[0] = rad * cs;
    z[1] = VR_SEL(-rad, rad, u2 < 0.5) * sn;
}

VR_FN vr_d vr_pdf(vr_d x) {
    return 0.3989422804014327 * exp(-0.5 * x * x);
}

/* basics/Normal.cdf (the CPU kernels' Φ): Hart on [-3, 3], Laplace's continued fraction (modified Lentz) in the
 * tails; held to it by OpenClModelsTest (Merton's jump counts and Heston's QE uniforms go through it). */
VR_FN vr_d vr_cdf(vr_d x) {
    vr_d a = fabs(x);
    vr_d e = exp(-0.5 * a * a);
    vr_d num = 3.52624965998911e-02 * a + 0.700383064443688;
    num = num * a + 6.37396220353165;
    num = num * a + 33.912866078383;
    num = num * a + 112.079291497871;
    num = num * a + 221.213596169931;
    num = num * a + 220.206867912376;
    vr_d den = 8.83883476483184e-02 * a + 1.75566716318264;
    den = den * a + 16.064177579207;
    den = den * a + 86.7807322029461;
    den = den * a + 296.564248779674;
    den = den * a + 637.333633378831;
    den = den * a + 793.826512519948;
    den = den * a + 440.413735824752;
    vr_d tail = e * num / den;
    vr_d hart = VR_SEL(tail, 1.0 - tail, x > 0.0);
    if (!VR_ANY(a > 3.0)) {
        return hart;
    }
    const double tiny = 1e-300;
    vr_d f = a, c = a, d = VR_DBL(0.0);
    vr_mask going = (a > 3.0) && (a <= 38.5);
    for (int n = 1; n < 500 && VR_ANY(going); n++) {
        vr_d dn = a + n * d;
        vr_d cn = a + n / c;
        dn = 1.0 / VR_SEL(dn, VR_DBL(tiny), dn == 0.0);
        vr_d delta = VR_SEL(cn, VR_DBL(tiny), cn == 0.0) * dn;
        d = VR_SEL(d, dn, going);
        c = VR_SEL(c, cn, going);
        f = VR_SEL(f, f * delta, going);
        going = going && !(fabs(delta - 1.0) < 1e-16);
    }
    vr_d upper = VR_SEL(vr_pdf(a) / f, VR_DBL(0.0), a > 38.5);
    return VR_SEL(hart, VR_SEL(1.0 - upper, upper, x < -3.0), a > 3.0);
}

/* cpu/TerminalEstimators.fill (pathwise branch) for a path ending at lnS whose diffusion Brownian motion ended at w. */
VR_FN void vr_terminal_estimators(vr_d lnS, vr_d w, VR_GLOBAL const double *p, vr_u32 flags, int merton, vr_d *e) {
    const double spot = p[VR_P_SPOT], strike = p[VR_P_STRIKE], expiry = p[VR_P_EXPIRY];
    const double discount = p[VR_P_DISCOUNT], callSign = p[VR_P_CALL_SIGN], vol = p[VR_P_VOL];
    vr_d s = exp(lnS);
    vr_d price = discount * fmax(callSign * (s - strike), 0.0);
    vr_d slope = VR_SEL(VR_DBL(0.0), (discount * callSign) * s, callSign * (s - strike) > 0.0);
    const double h = 0.01, hs = h * spot;
    vr_d up = discount * fmax(callSign * (s * (1 + h) - strike), 0.0);
    vr_d down = discount * fmax(callSign * (s * (1 - h) - strike), 0.0);
    e[0] = price;
    e[1] = slope / spot;
    e[2] = (up - 2 * price + down) / (hs * hs);
    e[3] = merton ? slope * (w - vol * expiry) : VR_DBL(0.0);
    e[4] = -expiry * price + slope * expiry;
    e[5] = VR_DBL(0.0);
    e[6] = discount * s;
    if (flags & VR_F_INVERSE) {
        const double inv = 1.0 / spot;
        e[2] = (e[2] - 2.0 * e[1] * inv + 2.0 * e[0] * inv * inv) * inv;
        e[1] = (e[1] - e[0] * inv) * inv;
        e[0] *= inv;
        e[3] *= inv;
        e[4] *= inv;
        e[5] *= inv;
        e[6] *= inv;
    }
}

/* cpu/JumpDiffusionKernel.poisson: inverse Poisson distribution function with mean lambda dt at u, lane by lane. */
VR_FN vr_d vr_poisson(vr_d u, double meanJumps, double noJump) {
    vr_d term = VR_DBL(noJump), cumulative = VR_DBL(noJump), n = VR_DBL(0.0);
    vr_mask going = u > cumulative;
    for (int k = 1; k <= 1000 && VR_ANY(going); k++) {
        n = VR_SEL(n, n + 1.0, going);
        term = VR_SEL(term, term * (meanJumps / k), going);
        cumulative = VR_SEL(cumulative, cumulative + term, going);
        going = going && (u > cumulative) && !(term < 1e-300);
    }
    return n;
}

VR_FN void vr_merton_european_item(VR_GLOBAL const double *p, vr_u32 steps, vr_u32 seedLo, vr_u32 seedHi,
                                   vr_u64 first, vr_u64 end, vr_u32 flags, VR_GLOBAL double *out,
                                   VR_LOCAL double *scratch, vr_u32 lid, vr_u32 group, vr_u32 groupSize) {
    const vr_u64 base = first + ((vr_u64)group * groupSize + lid) * VR_LANES;
    const vr_index sample = base + VR_IOTA;
    const vr_word lo = VR_WORD(sample & 0xFFFFFFFFUL), hi = VR_WORD(sample >> 32);
    const double drift = p[VR_M_DRIFT], volSqrtDt = p[VR_M_VOL_SQRT_DT], sqrtDt = p[VR_M_SQRT_DT];
    const double jumpMean = p[VR_M_JUMP_MEAN], jumpVol = p[VR_M_JUMP_VOL];
    const double meanJumps = p[VR_M_MEAN_JUMPS], noJump = p[VR_M_NO_JUMP];
    vr_d ln = VR_DBL(p[VR_P_LOG_SPOT]), lnm = ln, w = VR_DBL(0.0);
    if (base < end) {
        for (vr_u32 s = 0; s < steps; s += 2) {
            vr_word a[4], b[4];
            vr_philox4(VR_WORD(s), lo, hi, VR_WORD(0), seedLo, seedHi, a);
            vr_philox4(VR_WORD(s), lo, hi, VR_WORD(1), seedLo, seedHi, b);
            vr_d z0[2], z1[2], z2[2];
            vr_box_muller(a[0], a[1], z0);
            vr_box_muller(a[2], a[3], z1);
            vr_box_muller(b[0], b[1], z2);
            for (int j = 0; j < 2 && s + j < steps; j++) {
                vr_d n = vr_poisson(vr_cdf(z2[j]), meanJumps, noJump);
                vr_d jumps = n * jumpMean;
                vr_d spread = VR_SEL(sqrt(n) * jumpVol * z1[j], VR_DBL(0.0), n == 0.0);
                ln += drift + volSqrtDt * z0[j] + jumps + spread;
                lnm += drift - volSqrtDt * z0[j] + jumps - spread;
                w += sqrtDt * z0[j];
            }
        }
    }
    vr_d e[VR_EST];
    vr_terminal_estimators(ln, w, p, flags, 1, e);
    if (flags & VR_F_ANTITHETIC) {
        vr_d m[VR_EST];
        vr_terminal_estimators(lnm, -w, p, flags, 1, m);
        for (int k = 0; k < VR_EST; k++) {
            e[k] = 0.5 * (e[k] + m[k]);
        }
    }
    vr_store_sums(e, sample, end, out, scratch, lid, group, groupSize);
}

/* One QE step of cpu/HestonQeKernel.run for lanes at variance v with normals zV, zS; returns the new variance. */
VR_FN vr_d vr_heston_step(VR_GLOBAL const double *p, vr_d *ln, vr_d v, vr_d zV, vr_d zS) {
    const double theta = p[VR_H_THETA], expKdt = p[VR_H_EXP_KDT], m1 = p[VR_H_M1], m2 = p[VR_H_M2];
    const double a = p[VR_H_A], k1 = p[VR_H_K1], k2 = p[VR_H_K2], k3 = p[VR_H_K3], k4 = p[VR_H_K4];
    vr_d m = theta + (v - theta) * expKdt;
    vr_d s2 = v * m1 + m2;
    vr_d psi = s2 / (m * m);
    vr_d inv = 2.0 / psi;
    vr_d b2 = inv - 1 + sqrt(inv) * sqrt(inv - 1);
    vr_d aq = m / (1 + b2);
    vr_d b = sqrt(b2);
    vr_d next = aq * (b + zV) * (b + zV);
    vr_d logMgf = a * b2 * aq / (1 - 2 * a * aq) - 0.5 * log(1 - 2 * a * aq);
    vr_mask exponential = psi > 1.5;
    if (VR_ANY(exponential)) {
        vr_d pz = (psi - 1) / (psi + 1);
        vr_d beta = (1 - pz) / m;
        vr_d u = vr_cdf(zV);
        vr_d nextE = VR_SEL(log((1 - pz) / (1 - u)) / beta, VR_DBL(0.0), u <= pz);
        vr_d logMgfE = log(pz + beta * (1 - pz) / (beta - a));
        next = VR_SEL(next, nextE, exponential);
        logMgf = VR_SEL(logMgf, logMgfE, exponential);
    }
    vr_d k0Star = -logMgf - (k1 + 0.5 * k3) * v;
    *ln += p[VR_H_RATE_DT] + k0Star + k1 * v + k2 * next + sqrt(k3 * v + k4 * next) * zS;
    return next;
}

VR_FN void vr_heston_european_item(VR_GLOBAL const double *p, vr_u32 steps, vr_u32 seedLo, vr_u32 seedHi,
                                   vr_u64 first, vr_u64 end, vr_u32 flags, VR_GLOBAL double *out,
                                   VR_LOCAL double *scratch, vr_u32 lid, vr_u32 group, vr_u32 groupSize) {
    const vr_u64 base = first + ((vr_u64)group * groupSize + lid) * VR_LANES;
    const vr_index sample = base + VR_IOTA;
    const vr_word lo = VR_WORD(sample & 0xFFFFFFFFUL), hi = VR_WORD(sample >> 32);
    const int antithetic = (flags & VR_F_ANTITHETIC) != 0;
    vr_d ln = VR_DBL(p[VR_P_LOG_SPOT]), lnm = ln, v = VR_DBL(p[VR_H_V0]), vm = v;
    if (base < end) {
        for (vr_u32 s = 0; s < steps; s += 2) {
            vr_word words[4];
            vr_philox4(VR_WORD(s), lo, hi, VR_WORD(0), seedLo, seedHi, words);
            vr_d zv[2], zs[2];
            vr_box_muller(words[0], words[1], zv);
            vr_box_muller(words[2], words[3], zs);
            for (int j = 0; j < 2 && s + j < steps; j++) {
                v = vr_heston_step(p, &ln, v, zv[j], zs[j]);
                if (antithetic) {
                    vm = vr_heston_step(p, &lnm, vm, -zv[j], -zs[j]);
                }
            }
        }
    }
    vr_d e[VR_EST];
    vr_terminal_estimators(ln, VR_DBL(0.0), p, flags, 0, e);
    if (antithetic) {
        vr_d m[VR_EST];
        vr_terminal_estimators(lnm, VR_DBL(0.0), p, flags, 0, m);
        for (int k = 0; k < VR_EST; k++) {
            e[k] = 0.5 * (e[k] + m[k]);
        }
    }
    vr_store_sums(e, sample, end, out, scratch, lid, group, groupSize);
}

#endif

/*
 * Correlated book paths (cpu/CorrelatedPathKernel.java, with kernels/PathDynamics.java), one work-item per VR_LANES
 * paths (16 in OpenCL, 1 in CUDA), every step in private memory: only the observations and the checkpoint states are
 * written, O(paths x observations). Normals are the stream of rng/VectorNormals (one Philox call per step pair and
 * pair of dimensions, the even step from the cosine, the odd from the sine); the GBM step is the CPU's vector step,
 * w = fma(z_k, L_ik, w) over k <= i and ln = fma(w, volSqrtDt, driftDt) + ln, and the jumps, Heston variance and vol
 * factors are its lane-by-lane step term for term, and log, cos and the observed spots' exp are ReproducibleMath's,
 * so in double a seed gives the CPU's paths bit for bit (jump counts invert Normal.cdf, whose exp is each side's
 * library's: a count could differ only where a uniform lies within an ulp of a Poisson cumulative).
 * Float paths (VR_FLOAT=1) are plain correlated GBM only: log-returns accumulate in float from 0 and the log-spot is
 * added back in double when a value is written. Agreement tests: OpenClPathsTest, CudaPathsTest.
 */
#define VR_PATH_MAX_U 16
#define VR_PATH_MAX_DIMS 96
/* Double parameter slots (PathKernelParameters.java must match): scalars, then per-underlying arrays at
 * VR_Q_HEAD + k * U + u for the VR_QU_* index k, then the Cholesky factor at VR_Q_HEAD + VR_QU_COUNT * U + i * U + j. */
#define VR_Q_DT 0
#define VR_Q_MARKET_MEAN 1
#define VR_Q_MARKET_NO_JUMP 2
#define VR_Q_HEAD 8
#define VR_QU_LN_START 0  /* log-spot the path starts from (0 in float mode) */
#define VR_QU_LN_OFFSET 1 /* added in double when a value is written (the log-spot in float mode, else 0) */
#define VR_QU_DRIFT 2
#define VR_QU_VOL 3
#define VR_QU_JUMP_MEAN_COUNT 4
#define VR_QU_JUMP_NO_JUMP 5
#define VR_QU_JUMP_MEAN 6
#define VR_QU_JUMP_VOL 7
#define VR_QU_V0 8
#define VR_QU_KAPPA 9
#define VR_QU_THETA 10
#define VR_QU_XI 11
#define VR_QU_RHO 12
#define VR_QU_RHO_BAR 13
#define VR_QU_MARKET_JUMP_MEAN 14
#define VR_QU_MARKET_JUMP_VOL 15
#define VR_QU_VOL_DECAY 16
#define VR_QU_VOL_SHOCK 17
#define VR_QU_VOL_RHO 18
#define VR_QU_VOL_RHO_BAR 19
#define VR_QU_COUNT 20
/* Int slots: a header, per-underlying arrays at VR_I_HEAD + k * U + u, then per observation in step order the triple
 * (step, source: u < U a spot, U + u a vol factor, index in the output row), then a checkpoint flag per time index. */
#define VR_I_U 0
#define VR_I_DIMS 1
#define VR_I_STEPS 2
#define VR_I_OBS 3
#define VR_I_CHECKPOINTS 4
#define VR_I_MARKET_COUNT_DIM 5
#define VR_I_HEAD 8
#define VR_IU_MODEL 0
#define VR_IU_JUMP_COUNT_DIM 1
#define VR_IU_JUMP_SIZE_DIM 2
#define VR_IU_VARIANCE_DIM 3
#define VR_IU_MARKET_SIZE_DIM 4
#define VR_IU_VOL_DIM 5
#define VR_IU_COUNT 6
#define VR_MODEL_MERTON 1
#define VR_MODEL_HESTON 2
/* Build options -DVR_PATH_U=u -DVR_PATH_DIMS=d fix a task's shape at compile time (OpenCL builds a program per
 * shape): the loops over underlyings and dimensions then have constant bounds and PoCL keeps the per-path state in
 * registers. Without them (the PTX) the shape is read from the int parameters, up to the maxima above. */
#ifdef VR_PATH_U
#define VR_PATH_SHAPE(runtime, fixed) (fixed)
#define VR_PATH_ARRAY_U VR_PATH_U
#define VR_PATH_ARRAY_DIMS VR_PATH_DIMS
#else
#define VR_PATH_SHAPE(runtime, fixed) (runtime)
#define VR_PATH_ARRAY_U VR_PATH_MAX_U
#define VR_PATH_ARRAY_DIMS VR_PATH_MAX_DIMS
#endif

/* rng/VectorNormals.boxMuller of words (w0, w1) in the path precision: cosine to the even step, sine to the odd. */
VR_FN void vr_path_normals(vr_word w0, vr_word w1, vr_r *even, vr_r *odd) {
    vr_r u1 = (VR_W2R(w0) + VR_REAL(0.5)) * VR_REAL(VR_INV_2_32);
    vr_r u2 = (VR_W2R(w1) + VR_REAL(0.5)) * VR_REAL(VR_INV_2_32);
    vr_r rad = VR_SQRT(VR_REAL(-2.0) * VR_LOG(u1));
    vr_r cs = VR_COS2PI(u2);
    vr_r sn = VR_SQRT(fma(-cs, cs, VR_REAL(1.0)));
    *even = rad * cs;
    *odd = VR_SEL(-rad, rad, u2 < VR_REAL(0.5)) * sn;
}

/* Writes lane l of v to out[(base + l) * stride + offset] for the lanes of paths below count. */
VR_FN void vr_store_lanes(VR_GLOBAL double *out, vr_u64 base, vr_u64 count, vr_u64 stride, vr_u64 offset, vr_d v) {
#if defined(__OPENCL_VERSION__)
    double t[VR_LANES];
    vstore16(v, 0, t);
    for (int l = 0; l < VR_LANES; l++) {
        if (base + l < count) {
            out[(base + l) * stride + offset] = t[l];
        }
    }
#else
    out[base * stride + offset] = v;
#endif
}

/*
 * Work-item `item` of a launch over paths [first, first + count): paths first + item * VR_LANES + lane, written to
 * row item * VR_LANES + lane of observed (nObs per row) and of the checkpoint arrays (checkpoints x U per row).
 */
VR_FN void vr_correlated_paths_item(VR_GLOBAL const double *p, VR_GLOBAL const int *ip, vr_u32 seedLo, vr_u32 seedHi,
                                    vr_u64 first, vr_u64 count, vr_u64 item, VR_GLOBAL double *observed,
                                    VR_GLOBAL double *cpLn, VR_GLOBAL double *cpLow, VR_GLOBAL double *cpHigh) {
    const vr_u64 base = item * VR_LANES;
    if (base >= count) {
        return;
    }
    const vr_index path = (first + base) + VR_IOTA;
    const vr_word lo = VR_WORD(path & 0xFFFFFFFFUL), hi = VR_WORD(path >> 32);
    const int nU = VR_PATH_SHAPE(ip[VR_I_U], VR_PATH_U), dims = VR_PATH_SHAPE(ip[VR_I_DIMS], VR_PATH_DIMS);
    const int steps = ip[VR_I_STEPS], nObs = ip[VR_I_OBS];
    const vr_u64 cpStride = (vr_u64)ip[VR_I_CHECKPOINTS] * nU;
    VR_GLOBAL const double *pu = p + VR_Q_HEAD;
    VR_GLOBAL const double *lower = pu + VR_QU_COUNT * nU;
    VR_GLOBAL const int *iu = ip + VR_I_HEAD;
    VR_GLOBAL const int *obs = iu + VR_IU_COUNT * nU;
    VR_GLOBAL const int *checkpoint = obs + 3 * nObs;
    vr_r ln[VR_PATH_ARRAY_U], low[VR_PATH_ARRAY_U], high[VR_PATH_ARRAY_U];
    vr_r ze[VR_PATH_ARRAY_DIMS + 1], zo[VR_PATH_ARRAY_DIMS + 1];
#if !VR_FLOAT
    vr_d variance[VR_PATH_ARRAY_U], volFactor[VR_PATH_ARRAY_U];
    const int marketDim = ip[VR_I_MARKET_COUNT_DIM];
    const double dt = p[VR_Q_DT];
#endif
    for (int u = 0; u < nU; u++) {
        ln[u] = VR_REAL(pu[VR_QU_LN_START * nU + u]);
        low[u] = ln[u];
        high[u] = ln[u];
#if !VR_FLOAT
        variance[u] = VR_DBL(pu[VR_QU_V0 * nU + u]);
        volFactor[u] = VR_DBL(0.0);
#endif
    }
    int next = 0, c = 0;
    for (int s = 0; s < steps; s += 2) {
        for (int b = 0; 2 * b < dims; b++) {
            vr_word w[4];
            vr_philox4(VR_WORD(s), lo, hi, VR_WORD(b), seedLo, seedHi, w);
            vr_path_normals(w[0], w[1], &ze[2 * b], &zo[2 * b]);
            if (2 * b + 1 < dims) {
                vr_path_normals(w[2], w[3], &ze[2 * b + 1], &zo[2 * b + 1]);
            }
        }
        for (int j = 0; j < 2 && s + j < steps; j++) {
            vr_r *z = j == 0 ? ze : zo;
#if !VR_FLOAT
            vr_d marketJumps = VR_DBL(0.0);
            if (marketDim >= 0) {
                marketJumps = vr_poisson(vr_cdf(z[marketDim]), p[VR_Q_MARKET_MEAN], p[VR_Q_MARKET_NO_JUMP]);
            }
#endif
            for (int i = 0; i < nU; i++) {
                vr_r w = VR_REAL(0.0);
                for (int k = 0; k <= i; k++) {
                    const double l = lower[i * nU + k];
                    if (l != 0.0) {
                        w = fma(z[k], VR_REAL(l), w);
                    }
                }
#if !VR_FLOAT
                const int model = iu[VR_IU_MODEL * nU + i];
                if (model == VR_MODEL_HESTON) {
                    const double kappa = pu[VR_QU_KAPPA * nU + i], theta = pu[VR_QU_THETA * nU + i];
                    const double xi = pu[VR_QU_XI * nU + i], rho = pu[VR_QU_RHO * nU + i];
                    const double rhoBar = pu[VR_QU_RHO_BAR * nU + i], driftDt = pu[VR_QU_DRIFT * nU + i];
                    vr_d v = fmax(variance[i], 0.0), sd = sqrt(v * dt);
                    ln[i] += driftDt - 0.5 * v * dt + sd * w;
                    variance[i] += kappa * (theta - v) * dt
                            + xi * sd * (rho * w + rhoBar * z[iu[VR_IU_VARIANCE_DIM * nU + i]]);
                } else
#endif
                {
                    ln[i] = fma(w, VR_REAL(pu[VR_QU_VOL * nU + i]), VR_REAL(pu[VR_QU_DRIFT * nU + i])) + ln[i];
                }
#if !VR_FLOAT
                if (model == VR_MODEL_MERTON) {
                    const double mu = pu[VR_QU_JUMP_MEAN * nU + i], sigma = pu[VR_QU_JUMP_VOL * nU + i];
                    vr_d n = vr_poisson(vr_cdf(z[iu[VR_IU_JUMP_COUNT_DIM * nU + i]]),
                                        pu[VR_QU_JUMP_MEAN_COUNT * nU + i], pu[VR_QU_JUMP_NO_JUMP * nU + i]);
                    ln[i] += VR_SEL(VR_DBL(0.0), n * mu + sqrt(n) * sigma * z[iu[VR_IU_JUMP_SIZE_DIM * nU + i]],
                                    n > 0.0);
                }
                const int marketSize = iu[VR_IU_MARKET_SIZE_DIM * nU + i];
                if (marketSize >= 0) {
                    const double mu = pu[VR_QU_MARKET_JUMP_MEAN * nU + i];
                    const double sigma = pu[VR_QU_MARKET_JUMP_VOL * nU + i];
                    ln[i] += VR_SEL(VR_DBL(0.0), marketJumps * mu + sqrt(marketJumps) * sigma * z[marketSize],
                                    marketJumps > 0.0);
                }
                const int volDim = iu[VR_IU_VOL_DIM * nU + i];
                if (volDim >= 0) {
                    const double a = pu[VR_QU_VOL_DECAY * nU + i], shock = pu[VR_QU_VOL_SHOCK * nU + i];
                    const double rho = pu[VR_QU_VOL_RHO * nU + i], rhoBar = pu[VR_QU_VOL_RHO_BAR * nU + i];
                    volFactor[i] = a * volFactor[i] + shock * (rho * w + rhoBar * z[volDim]);
                }
#endif
                low[i] = fmin(low[i], ln[i]);
                high[i] = fmax(high[i], ln[i]);
            }
            const int t = s + j + 1;
            while (next < nObs && obs[3 * next] == t) {
                const int d = obs[3 * next + 1];
                vr_d v;
#if !VR_FLOAT
                if (d >= nU) {
                    v = volFactor[d - nU];
                } else
#endif
                {
#if VR_FLOAT
                    v = exp(VR_R2D(ln[d]) + pu[VR_QU_LN_OFFSET * nU + d]);
#else
                    /* the CPU's ReproducibleMath.exp: observed spots equal to the bit */
                    v = vr_exp_bm(ln[d] + pu[VR_QU_LN_OFFSET * nU + d]);
#endif
                }
                vr_store_lanes(observed, base, count, (vr_u64)nObs, (vr_u64)obs[3 * next + 2], v);
                next++;
            }
            if (checkpoint[t]) {
                for (int u = 0; u < nU; u++) {
                    const double offset = pu[VR_QU_LN_OFFSET * nU + u];
                    const vr_u64 at = (vr_u64)c * nU + u;
                    vr_store_lanes(cpLn, base, count, cpStride, at, VR_R2D(ln[u]) + offset);
                    vr_store_lanes(cpLow, base, count, cpStride, at, VR_R2D(low[u]) + offset);
                    vr_store_lanes(cpHigh, base, count, cpStride, at, VR_R2D(high[u]) + offset);
                    low[u] = ln[u];
                    high[u] = ln[u];
                }
                c++;
            }
        }
    }
}
#endif
