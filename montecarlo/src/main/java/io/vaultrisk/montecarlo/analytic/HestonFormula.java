package io.vaultrisk.montecarlo.analytic;

import io.vaultrisk.basics.OptionType;
import io.vaultrisk.montecarlo.model.HestonModel;
import org.apache.commons.math3.complex.Complex;

/**
 * Semi-analytic Heston prices: the characteristic function in the Albrecher et al. (2007) "little Heston trap" form
 * (no branch-cut discontinuity of the complex logarithm, long maturities included), priced by {@link LewisFormula}
 * with a Black–Scholes control at the expected average variance.
 */
public final class HestonFormula {
    private HestonFormula() {}

    /** Price with a continuous dividend (or coin) yield {@code q}. */
    public static double price(
            OptionType type, double spot, double strike, double expiry, double rate, double q, HestonModel m) {
        double forward = spot * Math.exp((rate - q) * expiry);
        double meanVariance =
                m.theta() + (m.v0() - m.theta()) * -Math.expm1(-m.kappa() * expiry) / (m.kappa() * expiry);
        double call = LewisFormula.call(
                forward, strike, expiry, rate, z -> characteristic(z, expiry, m), meanVariance * expiry);
        return type.isCall() ? call : call - Math.exp(-rate * expiry) * (forward - strike);
    }

    /** E[exp(i z ln(S_T/F))]. */
    static Complex characteristic(Complex z, double t, HestonModel m) {
        double kappa = m.kappa(), xi = m.xi(), rho = m.rho();
        Complex beta = new Complex(kappa, 0).subtract(z.multiply(Complex.I).multiply(rho * xi));
        Complex zz = z.multiply(z).add(z.multiply(Complex.I));
        Complex d = beta.multiply(beta).add(zz.multiply(xi * xi)).sqrt();
        Complex g = beta.subtract(d).divide(beta.add(d));
        Complex e = d.multiply(-t).exp();
        Complex one = Complex.ONE;
        Complex frac = one.subtract(e).divide(one.subtract(g.multiply(e)));
        Complex varianceTerm = frac.multiply(beta.subtract(d)).multiply(m.v0() / (xi * xi));
        Complex log = one.subtract(g.multiply(e)).divide(one.subtract(g)).log();
        Complex meanTerm =
                beta.subtract(d).multiply(t).subtract(log.multiply(2)).multiply(kappa * m.theta() / (xi * xi));
        return varianceTerm.add(meanTerm).exp();
    }
}
