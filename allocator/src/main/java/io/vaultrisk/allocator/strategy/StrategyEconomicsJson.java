package io.vaultrisk.allocator.strategy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The strategy P&L split and the stated assumptions in an allocation report. */
public final class StrategyEconomicsJson {
    private StrategyEconomicsJson() {}

    /** Adds {@code strategyEconomics}: the assumptions (one line each) and every strategy's P&L parts. */
    public static void put(ObjectNode report, StrategyScenarios scenarios, List<String> assumptions) {
        ObjectNode root = report.putObject("strategyEconomics");
        ArrayNode lines = root.putArray("assumptions");
        assumptions.forEach(lines::add);
        root.put("volRiskPremium", scenarios.assumptions().volRiskPremium());
        ArrayNode list = root.putArray("strategies");
        for (StrategyEconomics e : scenarios.economics()) {
            ObjectNode o = list.addObject()
                    .put("name", e.name())
                    .put("expectedReturn", e.expectedReturn())
                    .put("premium", e.premium())
                    .put("optionPayoff", e.optionPayoff())
                    .put("hedgePnl", e.hedgePnl())
                    .put("costs", e.costs())
                    .put("carry", e.carry())
                    .put("depeg", e.depeg())
                    .put("rolls", e.rolls());
            number(o, "impliedVol", e.impliedVol());
            number(o, "realisedVol", e.realisedVol());
            number(o, "hedgeLiquidated", e.hedgeLiquidated());
            o.put("paths", e.paths());
            if (e.hedge() != null) {
                o.putObject("hedgedReturn")
                        .put("mean", e.hedge().mean())
                        .put("sd", e.hedge().sd())
                        .put("p05", e.hedge().p05())
                        .put("p50", e.hedge().p50())
                        .put("p95", e.hedge().p95());
            }
        }
    }

    private static void number(ObjectNode o, String field, double v) {
        if (Double.isNaN(v)) {
            o.putNull(field);
        } else {
            o.put(field, v);
        }
    }
}
