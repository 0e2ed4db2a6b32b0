package io.vaultrisk.kernels.cpu;

import io.vaultrisk.kernels.Estimator;
import io.vaultrisk.kernels.EuropeanTask;

/**
 * Per-path estimators of a European option under GBM, from the terminal log-spot alone (log-Euler is exact, so the
 * Brownian motion at expiry is recovered from it). With f the payoff and D = e^(−rT):
 * delta = D f'(S) S/S₀, vega = D f'(S) S (W − σT), rho = −T·price + D f'(S) S T,
 * theta = r·price − D f'(S) S (a/2 + ln(S/S₀)/(2T)) with a = r − σ²/2, and gamma by the pathwise–likelihood-ratio
 * mix D f'(S) S/S₀² (W/(σT) − 1). Inverse (coin-settled) options pay f(S)/S coins, worth f(S) in the quote
 * currency at expiry, so their coin value is the quote-currency value divided by S₀; each greek follows by the
 * quotient rule, path by path, which keeps the estimators unbiased and their standard errors honest.
 */
final class GbmEstimators {
    private final double spot, logSpot, strike, expiry, rate, vol, discount, halfDrift, volT, callSign;
    private final boolean call, inverse;

    GbmEstimators(EuropeanTask task) {
        this.spot = task.spot();
        this.logSpot = Math.log(task.spot());
        this.strike = task.strike();
        this.expiry = task.expiry();
        this.rate = task.rate();
        this.vol = task.parameter(0);
        this.discount = Math.exp(-task.rate() * task.expiry());
        this.halfDrift = 0.5 * (task.rate() - 0.5 * vol * vol);
        this.volT = vol * task.expiry();
        this.call = task.call();
        this.callSign = task.call() ? 1.0 : -1.0;
        this.inverse = task.inverse();
    }

    /** Writes the estimators of one path with terminal log-spot {@code lnS} into {@code out}. */
    void fill(double lnS, double[] out) {
        double s = Math.exp(lnS);
        double logReturn = lnS - logSpot;
        double w = (logReturn - (rate - 0.5 * vol * vol) * expiry) / vol;
        boolean inTheMoney = call ? s > strike : s < strike;
        double payoff = inTheMoney ? discount * callSign * (s - strike) : 0.0;
        double slope = inTheMoney ? discount * callSign * s : 0.0; // D f'(S) S
        double price = payoff;
        double delta = slope / spot;
        double gamma = slope / (spot * spot) * (w / volT - 1.0);
        double vega = slope * (w - volT);
        double rho = -expiry * payoff + slope * expiry;
        double theta = rate * payoff - slope * (halfDrift + logReturn / (2.0 * expiry));
        double control = discount * s;
        if (inverse) {
            double inv = 1.0 / spot;
            gamma = (gamma - 2.0 * delta * inv + 2.0 * price * inv * inv) * inv;
            delta = (delta - price * inv) * inv;
            price *= inv;
            vega *= inv;
            rho *= inv;
            theta *= inv;
            control *= inv;
        }
        out[Estimator.PRICE.ordinal()] = price;
        out[Estimator.DELTA.ordinal()] = delta;
        out[Estimator.GAMMA.ordinal()] = gamma;
        out[Estimator.VEGA.ordinal()] = vega;
        out[Estimator.RHO.ordinal()] = rho;
        out[Estimator.THETA.ordinal()] = theta;
        out[Estimator.CONTROL.ordinal()] = control;
    }

    /** Mean of the estimators of two mirrored paths: one antithetic sample. */
    void fillPair(double lnPlus, double lnMinus, double[] scratch, double[] out) {
        fill(lnPlus, out);
        fill(lnMinus, scratch);
        for (int i = 0; i < Estimator.COUNT; i++) {
            out[i] = 0.5 * (out[i] + scratch[i]);
        }
    }
}
