package io.vaultrisk.montecarlo.analytic;

import io.vaultrisk.kernels.rng.NormalDistribution;

/** Standard normal density and distribution function (see {@link NormalDistribution}: 2e-14 relative, tails too). */
public final class Normal {
    private Normal() {
    }

    public static double pdf(double x) {
        return NormalDistribution.pdf(x);
    }

    public static double cdf(double x) {
        return NormalDistribution.cdf(x);
    }
}
