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

/* rng/BoxMuller.pair: the two normals of words (w0, w1). */
VR_FN void vr_box_muller(vr_word w0, vr_word w1, vr_d *z) {
    vr_d u1 = (VR_W2D(w0) + 0.5) * VR_INV_2_32, u2 = (VR_W2D(w1) + 0.5) * VR_INV_2_32;
    vr_d rad = sqrt(-2.0 * log(u1));
    vr_d cs = VR_COS2PI(u2);
    vr_d sn = sqrt(1.0 - cs * cs);
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
#endif
