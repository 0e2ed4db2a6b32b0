package io.vaultrisk.allocator.strategy;

import io.vaultrisk.allocator.ScenarioMatrix;
import java.util.List;

/**
 * The simulated strategy returns, each strategy's P&L split, the assumptions behind them, and the backend (id and
 * device) that ran the paths.
 */
public record StrategyScenarios(
        ScenarioMatrix matrix,
        List<StrategyEconomics> economics,
        StrategyAssumptions assumptions,
        String backend,
        String device) {
    public StrategyScenarios {
        economics = List.copyOf(economics);
    }
}
