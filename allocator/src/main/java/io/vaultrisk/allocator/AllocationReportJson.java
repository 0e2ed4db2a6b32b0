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
                case MAX_SHARPE -> {
                    int cash = MeanVarianceOptimizer.risklessSleeve(sc);
                    if (cash >= 0) {
                        tangency(o, a, spec, sc, c, cash);
                    } else {
                        o.put("sharpe", MeanVarianceOptimizer.sharpe(sc, c, a.weights(), spec.riskFree()));
                    }
                }
                case KELLY -> {
                    o.put("kellyFraction", spec.kellyFraction());
                    o.put("expectedLogGrowth", KellyOptimizer.growth(sc, a.weights(), c));
                    // fractional Kelly holds the rest in cash: the front end puts it in the cash sleeve, never rescales
                    double atRisk = 0;
                    for (double w : a.weights()) {
                        atRisk += w;
                    }
                    o.put("invested", atRisk);
                    o.put("cash", 1 - atRisk);
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

    /**
     * Max-Sharpe with a riskless sleeve ({@link MeanVarianceOptimizer#tangencyMixed}): the method, the riskless sleeve
     * and its return (the risk-free rate used, whatever riskFree said), the share in the tangency portfolio, the
     * tangency's own weights and whether the risk target was reached; the Sharpe ratio is against that rate.
     */
    private static void tangency(
            ObjectNode o, Allocation a, ObjectiveSpec spec, ScenarioMatrix sc, PortfolioConstraints c, int cash) {
        double[] w = a.weights();
        double riskFree = sc.get(0, cash);
        double alpha = 1 - w[cash];
        o.put("method", MeanVarianceOptimizer.TANGENCY_MIXED);
        o.put("risklessSleeve", sc.names().get(cash));
        o.put("riskFree", riskFree);
        o.put("riskyShare", alpha);
        if (Double.isNaN(spec.riskTarget())) {
            o.put("riskTarget", (String) null);
            o.put("note", "no risk target given: all in the tangency portfolio, nothing in the riskless sleeve");
        } else {
            o.put("riskTarget", spec.riskTarget());
            o.put("riskMeasure", spec.risk().jsonName());
            double achieved = spec.risk() == ObjectiveSpec.RiskMeasure.CVAR
                    ? a.cvar()
                    : Math.sqrt(variance(sc.portfolioReturns(w)));
            o.put("risk", achieved);
            o.put("riskTargetReached", Math.abs(achieved - spec.riskTarget()) <= 1e-9 * Math.max(1, spec.riskTarget()));
        }
        ArrayNode t = o.putArray("tangencyWeights");
        for (int i = 0; i < w.length; i++) {
            if (i != cash) {
                t.addObject().put("name", sc.names().get(i)).put("weight", alpha > 0 ? w[i] / alpha : 0.0);
            }
        }
        o.put("sharpe", MeanVarianceOptimizer.sharpe(sc, c, w, riskFree));
    }

    private static double variance(double[] r) {
        double mean = 0;
        for (double x : r) {
            mean += x;
        }
        mean /= r.length;
        double var = 0;
        for (double x : r) {
            var += (x - mean) * (x - mean);
        }
        return var / r.length;
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
