package io.vaultrisk.montecarlo.risk;

import java.util.List;
import java.util.Map;

/**
 * The result of a risk run on a book. Losses are positive, in the book's quote currency.
 *
 * @param positionValues value of each position now (quote currency), by id in book order
 * @param currency       the currency of P&amp;L, VaR and ES: the quote currency, or a coin in the coin view
 * @param liquidationMonitoring "steps" or "continuous" ({@link LiquidationMonitoring})
 * @param backend        the id of the backend that simulated the paths (cpu, opencl, cuda, …), after any fallback
 * @param device         that backend's device, as {@link io.vaultrisk.kernels.PathBackend#device()} names it
 */
public record RiskReport(
        String book,
        String quoteCurrency,
        String asOf,
        long paths,
        long seed,
        int stepsPerDay,
        CorrelationFactor correlation,
        double bookValue,
        Map<String, Double> positionValues,
        List<HorizonRisk> horizons,
        List<PerpetualRisk> perpetuals,
        List<UnderlyingGreeks> greeks,
        MarginReport margin,
        double elapsedMillis,
        List<String> warnings,
        String currency,
        String liquidationMonitoring,
        String backend,
        String device) {

    /** Risk at one horizon. */
    public record HorizonRisk(int days, double years, List<LevelRisk> levels, PnlSummary pnl, PnlExplain explain) {
        public LevelRisk level(double confidence) {
            return levels.stream()
                    .filter(l -> l.measures().confidence() == confidence)
                    .findFirst()
                    .orElseThrow();
        }
    }

    /**
     * VaR/ES at one confidence with each position's Euler contribution: to ES, the position's mean loss on the
     * tail paths (they sum to ES exactly); to VaR, its mean loss on the paths ranked within ±{@code window} of the
     * VaR path (a kernel estimate of E[Lᵢ | L = VaR]; they sum to the window's mean loss, close to VaR).
     */
    public record LevelRisk(TailMeasures measures, List<Contribution> contributions, int window) {}

    public record Contribution(String id, double var, double es) {}

    /** The P&amp;L distribution (P&amp;L = −loss). {@code histogram} counts P&amp;L in equal bins over [low, high]. */
    public record PnlSummary(
            double mean,
            double stdev,
            double skew,
            double min,
            double max,
            Map<String, Double> quantiles,
            double histogramLow,
            double histogramHigh,
            long[] histogram,
            long below,
            long above) {}

    /**
     * A perpetual's liquidation risk: price now (NaN when no price liquidates it) and, per horizon, the probability
     * of liquidation with its binomial standard error and the mean funding received (quote currency).
     */
    public record PerpetualRisk(
            String id,
            String underlying,
            String settlement,
            String side,
            double liquidationPrice,
            List<LiquidationEstimate> horizons) {}

    public record LiquidationEstimate(int days, double probability, double stderr, double meanFunding) {}

    /**
     * Greeks now per underlying: delta in coins and quote currency, gamma (coins per quote unit), vega per 1.00, vanna
     * (∂delta/∂σ, coins per 1.00 vol) and volga (∂vega/∂σ per 1.00), each option at its marked vol.
     */
    public record UnderlyingGreeks(
            String underlying,
            double spot,
            double deltaCoins,
            double deltaQuote,
            double gamma,
            double gammaQuotePer1Pct,
            double vega,
            double vegaPerVolPoint,
            double vanna,
            double volga) {}

    /**
     * Margin: the simulation-based figure (ES at the highest confidence of the first horizon) next to a risk-matrix
     * figure (worst loss over joint spot × vol shocks), initial = the larger, maintenance = a fixed fraction.
     */
    public record MarginReport(
            double varEsInitial,
            double riskMatrixInitial,
            String riskMatrixGrid,
            double worstSpotShock,
            double worstVolShock,
            double initialMargin,
            double maintenanceMargin,
            double maintenanceFraction,
            double perpetualIsolatedMargin,
            double perpetualMaintenance,
            String method,
            CalibratedParts calibrated) {}

    /**
     * The parts of a calibrated initial margin ({@link MarginMethod#calibrated}), quote currency: ES over the margin
     * period, the vol-scaled risk matrix's worst loss and its move, the short-option charge, and max(ES, matrix).
     */
    public record CalibratedParts(
            int periodDays,
            double confidence,
            double es,
            double riskMatrix,
            String riskMatrixWorstMove,
            double shortOptionCharge,
            double core,
            String tenorScaling,
            String model) {}

    public HorizonRisk first() {
        return horizons.get(0);
    }
}
