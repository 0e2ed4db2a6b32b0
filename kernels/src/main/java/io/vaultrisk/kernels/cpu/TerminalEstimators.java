package io.vaultrisk.kernels.cpu;

import io.vaultrisk.kernels.Estimator;
import io.vaultrisk.kernels.EuropeanTask;
import io.vaultrisk.kernels.GreekMethod;
import io.vaultrisk.kernels.ModelKind;

/**
 * Per-path estimators for models whose terminal spot is proportional to S₀ and whose rate enters only the drift
 * (Merton, Heston): delta = D f'(S) S/S₀ and rho = −T·price + D f'(S) S T pathwise, gamma by a common-random-number
 * second difference in S₀ on the same path (exact scaling S → S(1 ± h)), and for Merton the pathwise vega to the
 * diffusion vol, D f'(S) S (W − σT). Heston's vega and both models' theta are not estimated (left at zero and not
 * reported). With {@link GreekMethod#BUMP} delta, rho and vega become central differences on the same path.
 */
final class TerminalEstimators {
    static final double SPOT_BUMP = 0.01, RATE_BUMP = 1e-4, VOL_BUMP = 0.01;
    private final double spot, strike, expiry, rate, discount, callSign, vol;
    private final boolean inverse, bump, merton;

    TerminalEstimators(EuropeanTask task) {
        this.spot = task.spot();
        this.strike = task.strike();
        this.expiry = task.expiry();
        this.rate = task.rate();
        this.discount = Math.exp(-task.rate() * task.expiry());
        this.callSign = task.call() ? 1.0 : -1.0;
        this.inverse = task.inverse();
        this.bump = task.greekMethod() == GreekMethod.BUMP;
        this.merton = task.model() == ModelKind.MERTON;
        this.vol = merton ? task.parameter(0) : 0.0;
    }

    private double payoff(double s) {
        return Math.max(callSign * (s - strike), 0.0);
    }

    /** Estimators of a path ending at log-spot {@code lnS} whose diffusion Brownian motion ended at {@code w}. */
    void fill(double lnS, double w, double[] out) {
        double s = Math.exp(lnS);
        double price = discount * payoff(s);
        boolean inTheMoney = callSign * (s - strike) > 0;
        double slope = inTheMoney ? discount * callSign * s : 0.0;
        double h = SPOT_BUMP;
        double up = discount * payoff(s * (1 + h)), down = discount * payoff(s * (1 - h));
        double hs = h * spot;
        out[Estimator.PRICE.ordinal()] = price;
        out[Estimator.GAMMA.ordinal()] = (up - 2 * price + down) / (hs * hs);
        out[Estimator.THETA.ordinal()] = 0.0;
        out[Estimator.CONTROL.ordinal()] = discount * s;
        if (bump) {
            out[Estimator.DELTA.ordinal()] = (up - down) / (2 * hs);
            double dr = RATE_BUMP;
            out[Estimator.RHO.ordinal()] = (Math.exp(-(rate + dr) * expiry) * payoff(s * Math.exp(dr * expiry))
                            - Math.exp(-(rate - dr) * expiry) * payoff(s * Math.exp(-dr * expiry)))
                    / (2 * dr);
            out[Estimator.VEGA.ordinal()] = merton
                    ? (discount * payoff(volShift(s, w, VOL_BUMP)) - discount * payoff(volShift(s, w, -VOL_BUMP)))
                            / (2 * VOL_BUMP)
                    : 0.0;
        } else {
            out[Estimator.DELTA.ordinal()] = slope / spot;
            out[Estimator.RHO.ordinal()] = -expiry * price + slope * expiry;
            out[Estimator.VEGA.ordinal()] = merton ? slope * (w - vol * expiry) : 0.0;
        }
        if (inverse) {
            CoinValue.convert(out, spot);
        }
    }

    /** The same path's terminal spot with the diffusion vol moved by {@code dv}. */
    private double volShift(double s, double w, double dv) {
        double v2 = vol + dv;
        return s * Math.exp(-0.5 * (v2 * v2 - vol * vol) * expiry + dv * w);
    }
}
