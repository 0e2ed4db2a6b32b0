package io.vaultrisk.allocator.strategy;

import io.vaultrisk.montecarlo.book.MarketData;
import io.vaultrisk.montecarlo.book.Underlying;
import java.util.ArrayList;
import java.util.List;

/** Expands the vault templates into candidate strategies on every underlying of a market. */
public final class StrategyUniverse {
    public static final double[] DELTAS = {0.10, 0.20, 0.30, 0.40};
    public static final int[] TENORS = {7, 14, 30};
    public static final double[] HEDGE_BANDS = {0.05, 0.10, 0.20};

    private StrategyUniverse() {}

    /**
     * Stablecoin; per underlying: spot, covered calls and cash-secured puts at delta 0.10–0.40 × tenor 7/14/30 days,
     * and an at-the-money (delta 0.50) 30-day short call delta-hedged with bands 0.05/0.10/0.20; with a surface, only
     * the tenors its expiries span (a tenor off the surface would be priced by extrapolation, not by the market).
     */
    public static List<StrategyTemplate> defaults(MarketData market, double stableYield) {
        List<StrategyTemplate> all = new ArrayList<>();
        all.add(new StrategyTemplate.Stablecoin(stableYield));
        for (Underlying u : market.underlyings()) {
            all.add(new StrategyTemplate.Spot(u.name()));
            OptionQuotes quotes = OptionQuotes.of(u, market.rate(), 0, 0);
            for (double d : DELTAS) {
                for (int t : TENORS) {
                    if (!quotes.covers(t)) {
                        continue;
                    }
                    all.add(new StrategyTemplate.CoveredCall(u.name(), d, t));
                    all.add(new StrategyTemplate.CashSecuredPut(u.name(), d, t));
                }
            }
            for (double band : quotes.covers(30) ? HEDGE_BANDS : new double[0]) {
                all.add(new StrategyTemplate.DeltaHedgedShortCall(u.name(), 0.5, 30, band));
            }
        }
        return all;
    }
}
