package io.vaultrisk.montecarlo.instrument;

import io.vaultrisk.basics.OptionType;

/**
 * A European option on one underlying.
 *
 * @param expiry time to expiry in years
 */
public record EuropeanOption(OptionType type, double strike, double expiry, Settlement settlement) {

    public EuropeanOption {
        if (type == null || settlement == null) {
            throw new IllegalArgumentException("option type and settlement are required");
        }
        if (!(strike > 0) || !Double.isFinite(strike)) {
            throw new IllegalArgumentException("strike must be positive and finite, got " + strike);
        }
        if (!(expiry > 0) || !Double.isFinite(expiry)) {
            throw new IllegalArgumentException("expiry must be positive (years) and finite, got " + expiry);
        }
    }

    public static EuropeanOption of(OptionType type, double strike, double expiry, Settlement settlement) {
        return new EuropeanOption(type, strike, expiry, settlement);
    }

    /** The same option settled the other way (the quote value of an inverse option is the linear value). */
    public EuropeanOption withSettlement(Settlement other) {
        return new EuropeanOption(type, strike, expiry, other);
    }

    public static EuropeanOption linear(OptionType type, double strike, double expiry) {
        return new EuropeanOption(type, strike, expiry, Settlement.LINEAR);
    }
}
