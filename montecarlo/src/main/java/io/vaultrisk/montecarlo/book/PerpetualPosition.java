package io.vaultrisk.montecarlo.book;

import io.vaultrisk.montecarlo.instrument.Settlement;

/**
 * A perpetual future with isolated margin.
 *
 * <p>LINEAR: {@code size} in coins (negative = short), margin in the quote currency, P&amp;L size·(S − E).
 * INVERSE: {@code size} in quote-currency contracts (negative = short), margin in coins, coin P&amp;L size·(1/E − 1/S).
 * The position is liquidated when its equity (margin + P&amp;L + funding received) falls below maintenance margin
 * (rate × |size|·S for linear, rate × |size|/S coins for inverse); the isolated margin is then lost and nothing beyond.
 *
 * @param fundingIntervalHours hours between funding payments (8 on most venues)
 */
public record PerpetualPosition(
        String id,
        String underlying,
        Settlement settlement,
        double size,
        double entryPrice,
        double margin,
        double maintenanceMarginRate,
        FundingModel funding,
        double fundingIntervalHours)
        implements Position {
    public PerpetualPosition {
        BookChecks.id(id);
        BookChecks.require(settlement != null, id, "settlement", "is required (linear or inverse)");
        BookChecks.require(
                size != 0 && Double.isFinite(size), id, "size", "must be non-zero (negative = short), got " + size);
        BookChecks.require(
                entryPrice > 0 && Double.isFinite(entryPrice), id, "entryPrice", "must be positive, got " + entryPrice);
        BookChecks.require(
                margin > 0 && Double.isFinite(margin),
                id,
                "margin",
                "must be positive (isolated margin, quote currency for linear, coins for inverse), got " + margin);
        BookChecks.require(
                maintenanceMarginRate > 0 && maintenanceMarginRate < 1,
                id,
                "maintenanceMarginRate",
                "must be in (0, 1), got " + maintenanceMarginRate);
        BookChecks.require(funding != null, id, "fundingRate", "is required (a rate per interval or a funding model)");
        BookChecks.require(
                fundingIntervalHours > 0 && fundingIntervalHours <= 24 * 7,
                id,
                "fundingIntervalHours",
                "must be in (0, 168], got " + fundingIntervalHours);
    }

    public static PerpetualPosition linear(
            String id,
            String underlying,
            double size,
            double entryPrice,
            double margin,
            double mmr,
            double fundingRate) {
        return new PerpetualPosition(
                id,
                underlying,
                Settlement.LINEAR,
                size,
                entryPrice,
                margin,
                mmr,
                FundingModel.constant(fundingRate),
                8.0);
    }

    public static PerpetualPosition inverse(
            String id,
            String underlying,
            double size,
            double entryPrice,
            double margin,
            double mmr,
            double fundingRate) {
        return new PerpetualPosition(
                id,
                underlying,
                Settlement.INVERSE,
                size,
                entryPrice,
                margin,
                mmr,
                FundingModel.constant(fundingRate),
                8.0);
    }

    @Override
    public String type() {
        return "perpetual";
    }

    public boolean isLinear() {
        return settlement == Settlement.LINEAR;
    }

    public PerpetualPosition withFunding(FundingModel model, double intervalHours) {
        return new PerpetualPosition(
                id, underlying, settlement, size, entryPrice, margin, maintenanceMarginRate, model, intervalHours);
    }
}
