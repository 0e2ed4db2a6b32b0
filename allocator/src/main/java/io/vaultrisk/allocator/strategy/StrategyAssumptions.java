package io.vaultrisk.allocator.strategy;

import io.vaultrisk.montecarlo.book.FundingModel;
import java.util.Map;

/**
 * Everything the strategy scenarios assume beyond the paths, stated so a report can show it.
 *
 * @param volRiskPremium without a surface, options trade at model vol × (1 + premium); 0 = no edge either way
 * @param optionHalfSpread half the option bid–ask spread, vol points around the mid
 * @param hedgeEveryHours how often a delta hedge is checked (a divisor of 24, or a multiple of 24); it trades when off
 *     by more than its band
 * @param hedgeInstrument spot (bought with cash) or a linear perpetual (funding paid along the paths)
 * @param tradingCost fee, half-spread and impact of each hedge trade
 * @param cashRate what cash earns, per year continuously compounded: the stablecoin sleeve and the cash inside every
 *     strategy alike
 * @param borrowRate what negative cash costs per year; NaN: borrowing is forbidden (a spot hedge buys only what the cash
 *     pays for, and a negative balance from option payoffs earns nothing)
 * @param depeg the stablecoin depeg scenario
 * @param funding per underlying, the funding of a perpetual hedge (the book's perpetual on it; absent: no funding)
 * @param perpMargin the isolated margin a perpetual hedge posts and is liquidated on ({@link PerpMargin#NONE}: not
 *     modelled, the perpetual is settled in cash each step and never liquidated)
 */
public record StrategyAssumptions(
        double volRiskPremium,
        double optionHalfSpread,
        int hedgeEveryHours,
        HedgeInstrument hedgeInstrument,
        TradingCost tradingCost,
        double cashRate,
        double borrowRate,
        DepegScenario depeg,
        Map<String, PerpFunding> funding,
        PerpMargin perpMargin) {

    /** The assumptions without a perpetual margin model ({@link PerpMargin#NONE}). */
    public StrategyAssumptions(
            double volRiskPremium,
            double optionHalfSpread,
            int hedgeEveryHours,
            HedgeInstrument hedgeInstrument,
            TradingCost tradingCost,
            double cashRate,
            double borrowRate,
            DepegScenario depeg,
            Map<String, PerpFunding> funding) {
        this(
                volRiskPremium,
                optionHalfSpread,
                hedgeEveryHours,
                hedgeInstrument,
                tradingCost,
                cashRate,
                borrowRate,
                depeg,
                funding,
                PerpMargin.NONE);
    }

    /**
     * The isolated margin of a perpetual hedge, as fractions of its notional: at every hedge check the margin account
     * is brought to {@code initial} × |position| × spot (topped up from, or released to, the strategy's cash), and the
     * position is liquidated when its equity (the account plus its P&L since, less funding) falls below
     * {@code maintenance} × its notional, monitored continuously (the Brownian-bridge crossing between steps, as the
     * risk engine's perpetuals). A liquidation loses the account, closes the position, and ends the hedge on that
     * path. The capital a hedged strategy commits is its collateral plus the initial margin.
     */
    public record PerpMargin(double initial, double maintenance) {
        /** Not modelled: the perpetual's P&L is settled in cash each step and it is never liquidated. */
        public static final PerpMargin NONE = new PerpMargin(0, 0);

        public PerpMargin {
            boolean none = initial == 0 && maintenance == 0;
            if (!none && !(maintenance >= 0 && maintenance < initial && initial <= 1)) {
                throw new IllegalArgumentException(
                        "perpetual margin needs 0 <= maintenance < initial <= 1, got initial " + initial
                                + ", maintenance " + maintenance);
            }
        }

        public boolean isOn() {
            return initial > 0;
        }
    }

    /** A perpetual's funding: its model's rate per interval, paid by longs every {@code intervalHours}. */
    public record PerpFunding(FundingModel model, double intervalHours) {
        public PerpFunding {
            if (model == null || !(intervalHours > 0)) {
                throw new IllegalArgumentException(
                        "funding needs a model and a positive interval, got " + intervalHours);
            }
        }
    }

    public StrategyAssumptions {
        if (!(volRiskPremium > -1 && volRiskPremium < 10)) {
            throw new IllegalArgumentException("vol risk premium must be in (-1, 10), got " + volRiskPremium);
        }
        if (!(optionHalfSpread >= 0 && optionHalfSpread < 0.5)) {
            throw new IllegalArgumentException("option half-spread must be in [0, 0.5), got " + optionHalfSpread);
        }
        if (!(hedgeEveryHours > 0 && (24 % hedgeEveryHours == 0 || hedgeEveryHours % 24 == 0))) {
            throw new IllegalArgumentException(
                    "hedge interval must be a divisor or a multiple of 24 hours, got " + hedgeEveryHours);
        }
        if (!(Math.abs(cashRate) < 1)) {
            throw new IllegalArgumentException("cash rate must be in (-1, 1), got " + cashRate);
        }
        if (!Double.isNaN(borrowRate) && !(borrowRate >= 0 && borrowRate < 1)) {
            throw new IllegalArgumentException("borrow rate must be in [0, 1) or NaN (forbidden), got " + borrowRate);
        }
        if (hedgeInstrument == null || tradingCost == null || depeg == null) {
            throw new IllegalArgumentException("hedge instrument, trading cost and depeg scenario are required");
        }
        funding = funding == null ? Map.of() : Map.copyOf(funding);
        if (perpMargin == null) {
            perpMargin = PerpMargin.NONE;
        }
    }

    /**
     * The assumptions of the original simulator: a flat premium, no costs, daily spot hedging, cash at the market's
     * rate with borrowing at the same rate, no depeg.
     */
    public static StrategyAssumptions frictionless(double volRiskPremium, double rate) {
        return new StrategyAssumptions(
                volRiskPremium,
                0,
                24,
                HedgeInstrument.SPOT,
                TradingCost.FREE,
                rate,
                rate,
                DepegScenario.NONE,
                Map.of());
    }

    public boolean borrowingAllowed() {
        return !Double.isNaN(borrowRate);
    }

    /** Path steps per day the hedge interval needs. */
    public int stepsPerDay() {
        return hedgeEveryHours < 24 ? 24 / hedgeEveryHours : 1;
    }

    /** Path steps between hedge checks. */
    public int hedgeSteps() {
        return hedgeEveryHours < 24 ? 1 : hedgeEveryHours / 24;
    }
}
