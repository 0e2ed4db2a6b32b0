package io.vaultrisk.montecarlo.risk;

import io.vaultrisk.montecarlo.instrument.OptionType;

/**
 * Black–Scholes value and delta for tabulating horizon values, with a normal distribution function that is
 * accurate in absolute terms (about 1e-15) rather than relative ones: a grid node's option value needs absolute
 * accuracy, and the relative-accuracy tail continued fraction of {@link io.vaultrisk.montecarlo.analytic.Normal}
 * costs hundreds of iterations near |x| = 3, which dominated building the grids of a 1,000-option book.
 * Hart's algorithm 5666 as given by West (2005), including its short continued fraction beyond 7.07.
 */
final class GridPricer {
    private static final double SQRT_2PI = 2.5066282746310002;

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

    static double cdf(double x) {
        double a = Math.abs(x);
        double tail;
        if (a > 37) {
            tail = 0.0;
        } else if (a < 7.07106781186547) {
            double e = Math.exp(-0.5 * a * a);
            double num = 3.52624965998911e-02 * a + 0.700383064443688;
            num = num * a + 6.37396220353165;
            num = num * a + 33.912866078383;
            num = num * a + 112.079291497871;
            num = num * a + 221.213596169931;
            num = num * a + 220.206867912376;
            double den = 8.83883476483184e-02 * a + 1.75566716318264;
            den = den * a + 16.064177579207;
            den = den * a + 86.7807322029461;
            den = den * a + 296.564248779674;
            den = den * a + 637.333633378831;
            den = den * a + 793.826512519948;
            den = den * a + 440.413735824752;
            tail = e * num / den;
        } else {
            double b = a + 0.65;
            b = a + 4 / b;
            b = a + 3 / b;
            b = a + 2 / b;
            b = a + 1 / b;
            tail = Math.exp(-0.5 * a * a) / b / SQRT_2PI;
        }
        return x > 0 ? 1.0 - tail : tail;
    }
}
