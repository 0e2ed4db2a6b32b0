package io.vaultrisk.allocator.strategy;

import io.vaultrisk.allocator.ScenarioMatrix;
import java.util.List;

/** The simulated strategy returns, each strategy's P&L split, and the assumptions behind them. */
public record StrategyScenarios(
        ScenarioMatrix matrix, List<StrategyEconomics> economics, StrategyAssumptions assumptions) {
    public StrategyScenarios {
        economics = List.copyOf(economics);
    }
}
