package io.vaultrisk.montecarlo.stress;

import io.vaultrisk.montecarlo.risk.RiskMatrix;
import io.vaultrisk.montecarlo.risk.RiskReport;
import io.vaultrisk.montecarlo.risk.VolScaledRiskMatrix;
import java.util.List;
import java.util.Map;

/**
 * Stress results of a book: the spot × vol risk matrix (uniform shocks), the per-underlying vol-scaled matrix
 * with spread rows, the scenario replays, and the simulated P&amp;L
 * distribution of the same book for context (reproducible for a seed).
 */
public record StressReport(
        String book,
        String quoteCurrency,
        double bookValue,
        RiskMatrix matrix,
        VolScaledRiskMatrix volScaledMatrix,
        List<ScenarioResult> scenarios,
        RiskReport simulation) {

    /**
     * One replayed scenario: book P&amp;L, P&amp;L per position, the underlyings moved by proxy (with the return
     * each was given) and the perpetuals liquidated by the move.
     */
    public record ScenarioResult(
            Scenario scenario,
            double pnl,
            Map<String, Double> positionPnl,
            List<String> proxied,
            Map<String, Double> proxyReturns,
            List<String> liquidated) {}
}
