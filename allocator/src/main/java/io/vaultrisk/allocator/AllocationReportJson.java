package io.vaultrisk.allocator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vaultrisk.allocator.strategy.ParameterChoice;
import java.util.List;

/**
 * The JSON of an allocation, the same for {@code vaultrisk allocate --json} and the {@code optimizer} report of
 * {@code POST /allocations}: objective, status, solver, weights by name, return and tail risk, turnover and what the
 * objective adds (Sharpe ratio, Kelly growth, risk shares).
 */
public final class AllocationReportJson {
    private AllocationReportJson() {}

    public static ObjectNode toJson(
            Allocation a, ObjectiveSpec spec, ScenarioMatrix sc, PortfolioConstraints c, double elapsedMillis) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("objective", spec.objective().jsonName());
        o.put("status", a.status().label());
        if (!a.reason().isEmpty()) {
            o.put("reason", a.reason());
        }
        o.put("solver", a.solver());
        o.put("scenarios", sc.scenarioCount());
        o.put("strategies", sc.strategyCount());
        o.put("beta", spec.beta());
        if (a.hasWeights()) {
            weights(o, a);
            o.put("expectedReturn", a.expectedReturn());
            o.put("cvar", a.cvar());
            o.put("var", a.var());
            o.put("turnover", c.turnover(a.weights()));
            o.put("tradingCost", c.tradingCost(a.weights()));
            switch (spec.objective()) {
                case MAX_SHARPE -> o.put("sharpe", MeanVarianceOptimizer.sharpe(sc, c, a.weights(), spec.riskFree()));
                case KELLY -> {
                    o.put("kellyFraction", spec.kellyFraction());
                    o.put("expectedLogGrowth", KellyOptimizer.growth(sc, a.weights(), c));
                }
                case RISK_PARITY -> {
                    double[] shares = spec.risk() == ObjectiveSpec.RiskMeasure.CVAR
                            ? RiskParity.cvarShares(sc, spec.beta(), a.weights())
                            : RiskParity.volatilityShares(sc, a.weights());
                    ArrayNode arr = o.putArray("riskShares");
                    for (double s : shares) {
                        arr.add(s);
                    }
                }
                default -> {}
            }
        }
        o.put("iterations", a.iterations());
        if (Double.isFinite(a.gap())) {
            o.put("gap", a.gap());
        }
        o.put("elapsedMillis", elapsedMillis);
        return o;
    }

    /** Adds the strategy parameters chosen with the weights (templates simulated from a book). */
    public static void putStrategyParameters(ObjectNode report, ParameterChoice choice) {
        ObjectNode sp = report.putObject("strategyParameters");
        candidates(sp.putArray("chosen"), choice.chosen());
        candidates(sp.putArray("bestByFamily"), choice.bestByFamily());
    }

    /** The frontier's points: expected return, CVaR, VaR and weights by name. */
    public static ArrayNode frontier(EfficientFrontier f) {
        ArrayNode points = JsonNodeFactory.instance.arrayNode();
        for (Allocation p : f.points()) {
            ObjectNode o = points.addObject();
            o.put("expectedReturn", p.expectedReturn());
            o.put("cvar", p.cvar());
            o.put("var", p.var());
            weights(o, p);
        }
        return points;
    }

    private static void candidates(ArrayNode array, List<ParameterChoice.Candidate> list) {
        for (ParameterChoice.Candidate c : list) {
            array.addObject()
                    .put("name", c.name())
                    .put("family", c.family())
                    .put("weight", c.weight())
                    .put("expectedReturn", c.expectedReturn())
                    .put("cvar", c.cvar())
                    .put("returnShare", c.returnShare());
        }
    }

    private static void weights(ObjectNode o, Allocation a) {
        ArrayNode arr = o.putArray("weights");
        double[] w = a.weights();
        for (int i = 0; i < w.length; i++) {
            arr.addObject().put("name", a.names().get(i)).put("weight", w[i]);
        }
    }
}
