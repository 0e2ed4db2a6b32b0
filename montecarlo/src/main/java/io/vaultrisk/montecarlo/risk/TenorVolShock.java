package io.vaultrisk.montecarlo.risk;

import java.util.Locale;

/**
 * How a relative implied-vol shock quoted at 30 days applies to an option of another tenor, as exchanges' portfolio
 * margin scales it: the vol is multiplied by max(floor, 1 + shock·(30/max(1, days))^p), p = {@code shortPower} under
 * 30 days and {@code longPower} from 30 days on. Short-dated vols move more than 30-day ones, long-dated ones less.
 * The one home of this scaling: the legacy margin grid ({@link RiskMatrix#ofTenorScaled}) and the vol-scaled matrix
 * of calibrated margin and stress ({@link VolScaledRiskMatrix}) both use {@link #EXCHANGE}.
 */
public record TenorVolShock(double shortPower, double longPower, double floor) {
    /** Tenor (days) at which a shock applies unscaled and the power changes. */
    public static final double PIVOT_DAYS = 30.0;

    /**
     * The vega powers Deribit and Paradex publish for their portfolio margin (0.30 under 30 days, 0.13 from 30 days
     * on); a shocked vol never falls below 1% of the unshocked one.
     */
    public static final TenorVolShock EXCHANGE = new TenorVolShock(0.30, 0.13, 0.01);

    public TenorVolShock {
        if (!(shortPower >= 0 && longPower >= 0)) {
            throw new IllegalArgumentException("tenor powers must be >= 0, got " + shortPower + ", " + longPower);
        }
        if (!(floor > 0 && floor <= 1)) {
            throw new IllegalArgumentException("vol-factor floor must be in (0, 1], got " + floor);
        }
    }

    /** The factor on the vol of an option {@code days} from expiry under the 30-day shock {@code volShock}. */
    public double factor(double volShock, double days) {
        double p = days < PIVOT_DAYS ? shortPower : longPower;
        return Math.max(floor, 1 + volShock * Math.pow(PIVOT_DAYS / Math.max(1.0, days), p));
    }

    /** As {@link #factor} for a tenor in years (365-day years). */
    public double factorAtYears(double volShock, double years) {
        return factor(volShock, years * 365.0);
    }

    /** For reports: the scaling in words. */
    public String describe() {
        return String.format(
                Locale.ROOT,
                "vol x max(%.2f, 1 + shock*(30/max(1, days))^p), p = %.2f under 30 days, %.2f from 30 days",
                floor,
                shortPower,
                longPower);
    }
}
