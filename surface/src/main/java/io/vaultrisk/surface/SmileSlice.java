package io.vaultrisk.surface;

import java.time.Instant;
import java.util.Objects;

/**
 * One fitted expiry: when it expires, its year fraction, its forward and its smile as raw SVI (an SSVI slice is raw
 * SVI too).
 *
 * @param expiry the expiry instant (08:00 UTC for the exchange's options)
 * @param timeToExpiry year fraction T &gt; 0 (ACT/365 from the chain's time)
 * @param forward forward price of the underlying for this expiry
 * @param smile total implied variance against log-moneyness
 */
public record SmileSlice(Instant expiry, double timeToExpiry, double forward, SviParameters smile) {

    public SmileSlice {
        Objects.requireNonNull(expiry, "expiry");
        Objects.requireNonNull(smile, "smile");
        if (!(timeToExpiry > 0.0) || Double.isInfinite(timeToExpiry)) {
            throw new IllegalArgumentException("slice timeToExpiry must be positive, got " + timeToExpiry);
        }
        if (!(forward > 0.0) || Double.isInfinite(forward)) {
            throw new IllegalArgumentException("slice forward must be positive, got " + forward);
        }
    }

    public static SmileSlice of(Instant expiry, double timeToExpiry, double forward, SviParameters smile) {
        return new SmileSlice(expiry, timeToExpiry, forward, smile);
    }

    /** Implied volatility at log-moneyness k. */
    public double vol(double k) {
        return Math.sqrt(Math.max(smile.totalVariance(k), 0.0) / timeToExpiry);
    }

    /** Implied volatility at strike K. */
    public double volAtStrike(double strike) {
        if (!(strike > 0.0) || Double.isInfinite(strike)) {
            throw new IllegalArgumentException("strike must be positive, got " + strike);
        }
        return vol(Math.log(strike / forward));
    }
}
