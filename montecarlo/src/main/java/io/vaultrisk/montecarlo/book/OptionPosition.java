package io.vaultrisk.montecarlo.book;

import io.vaultrisk.basics.OptionType;
import io.vaultrisk.basics.YearFraction;
import io.vaultrisk.montecarlo.instrument.EuropeanOption;
import io.vaultrisk.montecarlo.instrument.Settlement;
import java.time.Instant;

/**
 * A European option position. Quantity is in coins of the underlying (one contract = one coin), negative when the
 * vault wrote the option (covered calls, cash-secured puts).
 *
 * <p>An inverse option pays (S − K)⁺/S coins; its value in the quote currency is the coin value times spot, which is
 * exactly the linear value, so both settle to the same quote-currency P&amp;L. The distinction is kept because it
 * decides the currency of the payoff and the coin exposure reported per underlying.
 *
 * @param vol implied volatility for this option, or NaN to use the underlying's vol
 */
public record OptionPosition(
        String id,
        String underlying,
        OptionType optionType,
        double strike,
        Instant expiry,
        Settlement settlement,
        double quantity,
        double vol)
        implements Position {
    public OptionPosition {
        BookChecks.id(id);
        BookChecks.require(optionType != null, id, "optionType", "is required (call or put)");
        BookChecks.require(settlement != null, id, "settlement", "is required (linear or inverse)");
        BookChecks.require(expiry != null, id, "expiry", "is required");
        BookChecks.require(strike > 0 && Double.isFinite(strike), id, "strike", "must be positive, got " + strike);
        BookChecks.require(
                quantity != 0 && Double.isFinite(quantity),
                id,
                "quantity",
                "must be non-zero (negative for written options), got " + quantity);
        BookChecks.require(Double.isNaN(vol) || (vol > 0 && vol <= 10), id, "vol", "must be in (0, 10], got " + vol);
    }

    public static OptionPosition of(
            String id,
            String underlying,
            OptionType type,
            double strike,
            Instant expiry,
            Settlement settlement,
            double quantity) {
        return new OptionPosition(id, underlying, type, strike, expiry, settlement, quantity, Double.NaN);
    }

    @Override
    public String type() {
        return "option";
    }

    /**
     * The product this position holds, seen from {@code asOf}: the European option with the years left to expiry
     * (ACT/365, {@link YearFraction}), as {@code price} values it. Throws if the option has expired by then.
     */
    public EuropeanOption optionAt(Instant asOf) {
        return EuropeanOption.of(optionType, strike, YearFraction.between(asOf, expiry), settlement);
    }

    /** The vol to revalue with: the option's own implied vol when given, else the underlying's. */
    public double volOr(double underlyingVol) {
        return Double.isNaN(vol) ? underlyingVol : vol;
    }
}
