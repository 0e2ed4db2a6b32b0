package io.vaultrisk.montecarlo.stress;

import io.vaultrisk.montecarlo.risk.RiskMatrix;
import io.vaultrisk.montecarlo.risk.RiskReport;
import java.util.List;
import java.util.Map;

/**
 * Stress results of a book: the spot × vol risk matrix, the scenario replays, and the simulated P&amp;L
 * distribution of the same book for context (reproducible for a seed).
 */
public record StressReport(
        String book,
        String quoteCurrency,
        double bookValue,
        RiskMatrix matrix,
        List<ScenarioResult> scenarios,
        RiskReport simulation) {

    /**
     * One replayed scenario: book P&amp;L, P&amp;L per position, the underlyings moved by proxy and the
     * perpetuals liquidated by the move.
     */
    public record ScenarioResult(
            Scenario scenario,
            double pnl,
            Map<String, Double> positionPnl,
            List<String> proxied,
            List<String> liquidated) {}
}
