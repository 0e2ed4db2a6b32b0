package io.vaultrisk.montecarlo.analytic;

import io.vaultrisk.basics.BlackScholes;
import io.vaultrisk.basics.Greeks;
import io.vaultrisk.basics.OptionType;
import io.vaultrisk.montecarlo.model.MertonModel;
import org.apache.commons.math3.complex.Complex;

/**
 * Merton's (1976) series: a Poisson mixture of Black–Scholes prices, conditional on n jumps, with
 * λ' = λ(1 + k), σₙ² = σ² + nσ_J²/T and rₙ = r − λk + n ln(1 + k)/T. Summed until the Poisson weights are spent.
 */
public final class MertonFormula {
    private MertonFormula() {}

    public static Greeks greeks(
            OptionType type, double spot, double strike, double expiry, double rate, MertonModel m) {
        double k = m.meanRelativeJump();
        double lambdaT = m.intensity() * (1 + k) * expiry;
        double weight = Math.exp(-lambdaT), cumulative = 0;
        double price = 0, delta = 0, gamma = 0, vega = 0, rho = 0;
        for (int n = 0; n < 10_000; n++) {
            if (n > 0) {
                weight *= lambdaT / n;
            }
            double voln = Math.sqrt(m.vol() * m.vol() + n * m.jumpVol() * m.jumpVol() / expiry);
            double raten = rate - m.intensity() * k + n * Math.log1p(k) / expiry;
            Greeks g = BlackScholes.linear(type, spot, strike, expiry, raten, voln);
            price += weight * g.price();
            delta += weight * g.delta();
            gamma += weight * g.gamma();
            vega += weight * g.vega() * m.vol() / voln;
            rho += weight * g.rho();
            cumulative += weight;
            if (n > lambdaT && 1 - cumulative < 1e-17) {
                break;
            }
        }
        return new Greeks(price, delta, gamma, vega, rho, Double.NaN);
    }

    /** E[exp(i z ln(S_T/F))] of the compensated jump diffusion (for the Fourier cross-check). */
    public static Complex characteristic(Complex z, double t, MertonModel m) {
        Complex iz = z.multiply(Complex.I);
        Complex diffusion = iz.multiply(-(m.intensity() * m.meanRelativeJump() + 0.5 * m.vol() * m.vol()))
                .subtract(z.multiply(z).multiply(0.5 * m.vol() * m.vol()));
        Complex jump = iz.multiply(m.jumpMean())
                .subtract(z.multiply(z).multiply(0.5 * m.jumpVol() * m.jumpVol()))
                .exp()
                .subtract(Complex.ONE)
                .multiply(m.intensity());
        return diffusion.add(jump).multiply(t).exp();
    }
}
