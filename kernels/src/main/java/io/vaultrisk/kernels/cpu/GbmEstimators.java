package io.vaultrisk.kernels.cpu;

import io.vaultrisk.kernels.Estimator;
import io.vaultrisk.kernels.EuropeanTask;
import io.vaultrisk.kernels.GreekMethod;

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
    private final boolean call, inverse, bump;
    static final double SPOT_BUMP = 0.01, VOL_BUMP = 0.01, RATE_BUMP = 1e-4, TIME_BUMP = 1.0 / 365.0;

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
        this.bump = task.greekMethod() == GreekMethod.BUMP;
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
        if (bump) {
            out[Estimator.PRICE.ordinal()] = price;
            out[Estimator.CONTROL.ordinal()] = control;
            bumpGreeks(w, s, out);
            if (inverse) {
                out[Estimator.PRICE.ordinal()] /= spot;
                out[Estimator.CONTROL.ordinal()] /= spot;
            }
            return;
        }
        out[Estimator.PRICE.ordinal()] = price;
        out[Estimator.DELTA.ordinal()] = delta;
        out[Estimator.GAMMA.ordinal()] = gamma;
        out[Estimator.VEGA.ordinal()] = vega;
        out[Estimator.RHO.ordinal()] = rho;
        out[Estimator.THETA.ordinal()] = theta;
        out[Estimator.CONTROL.ordinal()] = control;
        if (inverse) {
            CoinValue.convert(out, spot);
        }
    }

    /**
     * Finite-difference greeks of one path under common random numbers: the path's Brownian motion W(T) is kept and
     * only the inputs move (the increments scale by sqrt(T'/T) when time moves).
     */
    private void bumpGreeks(double w, double s, double[] out) {
        double hs = SPOT_BUMP * spot;
        double up = value(spot + hs, vol, rate, expiry, w), mid = value(spot, vol, rate, expiry, w);
        double down = value(spot - hs, vol, rate, expiry, w);
        out[Estimator.DELTA.ordinal()] = (up - down) / (2 * hs);
        out[Estimator.GAMMA.ordinal()] = (up - 2 * mid + down) / (hs * hs);
        out[Estimator.VEGA.ordinal()] =
                (value(spot, vol + VOL_BUMP, rate, expiry, w) - value(spot, vol - VOL_BUMP, rate, expiry, w))
                        / (2 * VOL_BUMP);
        out[Estimator.RHO.ordinal()] =
                (value(spot, vol, rate + RATE_BUMP, expiry, w) - value(spot, vol, rate - RATE_BUMP, expiry, w))
                        / (2 * RATE_BUMP);
        double shorter = expiry - Math.min(TIME_BUMP, 0.5 * expiry);
        out[Estimator.THETA.ordinal()] =
                (value(spot, vol, rate, shorter, w * Math.sqrt(shorter / expiry)) - mid) / (expiry - shorter);
    }

    /** Discounted payoff (coin value for inverse options) of a path with Brownian motion {@code w} at expiry. */
    private double value(double s0, double sigma, double r, double t, double w) {
        double s = s0 * Math.exp((r - 0.5 * sigma * sigma) * t + sigma * w);
        double payoff = Math.max(callSign * (s - strike), 0.0) * Math.exp(-r * t);
        return inverse ? payoff / s0 : payoff;
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
