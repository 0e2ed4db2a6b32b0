package io.vaultrisk.montecarlo.analytic;

import io.vaultrisk.basics.BlackScholes;
import io.vaultrisk.basics.OptionType;
import java.util.function.UnaryOperator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.apache.commons.math3.complex.Complex;

/**
 * European calls from a characteristic function by Lewis's formula on the contour Im z = −1/2, with a Black–Scholes
 * control variate (the integrand is the difference of the two characteristic functions, so it is small and decays
 * fast, and no branch of a complex logarithm is crossed when the characteristic function is in the "little trap"
 * form). Integrated by 48-point Gauss–Legendre on panels of doubling width until the panels stop contributing.
 */
public final class LewisFormula {
    private static final GaussIntegratorFactory GAUSS = new GaussIntegratorFactory();

    private LewisFormula() {}

    /**
     * @param cf the characteristic function of ln(S_T / F), normalised so that cf(−i) = 1
     * @param controlVariance total Black–Scholes variance σ²T of the control
     */
    public static double call(
            double forward,
            double strike,
            double expiry,
            double rate,
            UnaryOperator<Complex> cf,
            double controlVariance) {
        double k = Math.log(forward / strike);
        double controlVol = Math.sqrt(controlVariance / expiry);
        double df = Math.exp(-rate * expiry);
        double bs = BlackScholes.price(OptionType.CALL, forward, strike, expiry, 0.0, controlVol) * df;
        Complex halfI = new Complex(0, -0.5);
        org.apache.commons.math3.analysis.UnivariateFunction integrand = u -> {
            Complex z = new Complex(u, 0).add(halfI);
            Complex zz = z.multiply(z).add(z.multiply(Complex.I));
            Complex bsCf = zz.multiply(-0.5 * controlVariance).exp();
            Complex diff = bsCf.subtract(cf.apply(z));
            Complex phase = new Complex(0, u * k).exp();
            return diff.multiply(phase).getReal() / (u * u + 0.25);
        };
        double integral = 0, lo = 0, width = 0.5;
        for (int panel = 0; panel < 60; panel++) {
            GaussIntegrator g = GAUSS.legendre(48, lo, lo + width);
            double part = g.integrate(integrand);
            integral += part;
            lo += width;
            if (lo > 50 && Math.abs(part) < 1e-17 * Math.max(1.0, Math.abs(integral))) {
                break;
            }
            width *= 1.6;
        }
        return bs + Math.sqrt(forward * strike) * df / Math.PI * integral;
    }
}
