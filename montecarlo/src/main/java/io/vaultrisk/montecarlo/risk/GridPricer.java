package io.vaultrisk.montecarlo.risk;

import io.vaultrisk.kernels.rng.NormalDistribution;
import io.vaultrisk.montecarlo.instrument.OptionType;

/**
 * Black–Scholes value and delta for tabulating horizon values, with a normal distribution function that is
 * accurate in absolute terms (about 1e-15) rather than relative ones: a grid node's option value needs absolute
 * accuracy, and the relative-accuracy tail continued fraction of {@link io.vaultrisk.montecarlo.analytic.Normal}
 * costs hundreds of iterations near |x| = 3, which dominated building the grids of a 1,000-option book.
 * That form lives in {@link NormalDistribution#fastCdf}, next to the accurate one.
 */
final class GridPricer {

    private GridPricer() {
    }

    /** Writes [value, delta] of one linear option (per unit) into {@code out}. */
    static void valueAndDelta(OptionType type, double spot, double strike, double tau, double rate, double vol,
                              double[] out) {
        double sd = vol * Math.sqrt(tau);
        double d1 = (Math.log(spot / strike) + (rate + 0.5 * vol * vol) * tau) / sd, d2 = d1 - sd;
        double df = Math.exp(-rate * tau);
        if (type.isCall()) {
            double n1 = cdf(d1);
            out[0] = spot * n1 - strike * df * cdf(d2);
            out[1] = n1;
        } else {
            double n1 = cdf(-d1);
            out[0] = strike * df * cdf(-d2) - spot * n1;
            out[1] = -n1;
        }
    }

    /** The grid's hot loop needs prices, so absolute accuracy with one exp: {@link NormalDistribution#fastCdf}. */
    static double cdf(double x) {
        return NormalDistribution.fastCdf(x);
    }
}
