package io.vaultrisk.service.allocation;

import io.vaultrisk.allocator.strategy.StrategyNames;
import io.vaultrisk.allocator.strategy.StrategySimulator;
import io.vaultrisk.allocator.strategy.StrategyTemplate;
import io.vaultrisk.montecarlo.book.BookReader;
import io.vaultrisk.montecarlo.book.MarketData;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vaultrisk.allocator.Allocation;
import io.vaultrisk.allocator.AllocationStatus;
import io.vaultrisk.allocator.CvarBundleSolver;
import io.vaultrisk.allocator.KellyOptimizer;
import io.vaultrisk.allocator.MeanCvarProblem;
import io.vaultrisk.allocator.MeanVarianceOptimizer;
import io.vaultrisk.allocator.PortfolioConstraints;
import io.vaultrisk.allocator.RiskParity;
import io.vaultrisk.allocator.ScenarioMatrix;
import io.vaultrisk.service.error.ProblemException;
import io.vaultrisk.service.job.JobContext;
import io.vaultrisk.service.vault.Vault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;

/**
 * {@link AllocatorAdapter} on the allocator module, the same solvers as {@code vaultrisk allocate}: scenarios are the
 * rows of the request (one column per vault strategy, in sleeve order), or simulated from the request's book (see
 * {@link #bookScenarios}). {@code parameters}: beta (0.95),
 * targetReturn, cvarLimit, riskFree, kellyFraction (0.5), risk (volatility|cvar). {@code constraints}: minWeight,
 * maxWeight, maxTurnover, turnoverCost, leverage; turnover is measured against the vault's latest published weights.
 */
@ApplicationScoped
public class AllocatorModuleAdapter implements AllocatorAdapter {
    static final List<String> OBJECTIVES = List.of("min-cvar", "max-return", "min-variance", "max-sharpe",
            "risk-parity", "kelly");

    @Inject
    ObjectMapper json;

    @Inject
    Allocations allocations;

    @Override
    public void validate(AllocationRequest r, Vault vault) {
        if (!OBJECTIVES.contains(r.objective())) {
            throw ProblemException.badRequest("objective", "unknown objective '" + r.objective() + "' (allowed: "
                    + String.join(", ", OBJECTIVES) + ")");
        }
        if (r.scenarios() == null) {
            bookScenarios(r, vault); // the book and the vault's strategy names must make sense before queueing
        }
        double beta = number(r.parameters(), "parameters.beta", 0.95);
        if (!(beta > 0 && beta < 1)) {
            throw ProblemException.badRequest("parameters.beta", "beta must be in (0, 1), got " + beta);
        }
        if (r.objective().equals("max-return") && Double.isNaN(number(r.parameters(), "parameters.cvarLimit",
                Double.NaN))) {
            throw ProblemException.badRequest("parameters.cvarLimit", "max-return needs parameters.cvarLimit");
        }
        constraints(r, vault);
    }

    @Override
    public Result allocate(AllocationRequest r, Vault vault, JobContext context) {
        ScenarioMatrix sc;
        if (r.scenarios() != null) {
            double[][] rows = new double[r.scenarios().size()][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = r.scenarios().get(i).stream().mapToDouble(Double::doubleValue).toArray();
            }
            sc = ScenarioMatrix.ofRows(vault.strategies(), rows);
        } else {
            sc = bookScenarios(r, vault);
        }
        double beta = number(r.parameters(), "parameters.beta", 0.95);
        PortfolioConstraints c = constraints(r, vault);
        long start = System.nanoTime();
        Allocation a = switch (r.objective()) {
            case "min-cvar" -> CvarBundleSolver.DEFAULT.solve(MeanCvarProblem.minCvar(sc, beta, c,
                    number(r.parameters(), "parameters.targetReturn", Double.NaN)));
            case "max-return" -> CvarBundleSolver.DEFAULT.solve(MeanCvarProblem.maxReturn(sc, beta, c,
                    number(r.parameters(), "parameters.cvarLimit", Double.NaN)));
            case "min-variance" -> MeanVarianceOptimizer.DEFAULT.minVariance(sc, beta, c);
            case "max-sharpe" -> MeanVarianceOptimizer.DEFAULT.maxSharpe(sc, beta, c,
                    number(r.parameters(), "parameters.riskFree", 0));
            case "risk-parity" -> "cvar".equals(text(r.parameters(), "risk")) ? RiskParity.DEFAULT.cvar(sc, beta, 1.0)
                    : RiskParity.DEFAULT.volatility(sc, beta, 1.0);
            default -> KellyOptimizer.DEFAULT.maximise(sc, beta, c.withBudget(Double.NaN),
                    number(r.parameters(), "parameters.kellyFraction", 0.5));
        };
        if (!a.hasWeights() || a.status() == AllocationStatus.INFEASIBLE || a.status() == AllocationStatus.UNBOUNDED) {
            throw new IllegalArgumentException(a.status().label() + ": " + a.reason());
        }
        ObjectNode report = json.createObjectNode();
        report.put("objective", r.objective());
        report.put("status", a.status().label());
        report.put("solver", a.solver());
        report.put("expectedReturn", a.expectedReturn());
        report.put("cvar", a.cvar());
        report.put("var", a.var());
        report.put("beta", beta);
        report.put("scenarios", sc.scenarioCount());
        report.put("elapsedMillis", (System.nanoTime() - start) / 1e6);
        report.set("weights", json.valueToTree(a.weights()));
        context.progress(0.9);
        double[] w = a.weights();
        double sum = Arrays.stream(w).sum();
        return new Result(Arrays.stream(w).map(x -> Math.max(0, x) / sum).toArray(), report);
    }

    /**
     * The vault's strategies simulated on one set of paths of the book's market: each registered strategy name is a
     * template (stablecoin, spot:ETH, covered-call:ETH:d0.20:14d, …, or a token sleeve such as USDC or WETH).
     * parameters: horizonDays (30), paths (20,000), seed (1), impliedVolPremium (0.1), stableYield (0.05).
     */
    private ScenarioMatrix bookScenarios(AllocationRequest r, Vault vault) {
        MarketData market;
        try {
            market = BookReader.DEFAULT.fromTree(r.book()).market();
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("book", e.getMessage());
        }
        double stableYield = number(r.parameters(), "parameters.stableYield", 0.05);
        List<StrategyTemplate> templates = new java.util.ArrayList<>();
        for (String name : vault.strategies()) {
            try {
                templates.add(StrategyNames.parse(name, market, stableYield));
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("vault.strategies", e.getMessage());
            }
        }
        double horizon = number(r.parameters(), "parameters.horizonDays", 30);
        double paths = number(r.parameters(), "parameters.paths", 20_000);
        if (!(horizon >= 1 && horizon <= 365) || horizon != Math.rint(horizon)) {
            throw ProblemException.badRequest("parameters.horizonDays", "must be a whole number of days in 1..365");
        }
        if (!(paths >= 100 && paths <= 1_000_000) || paths != Math.rint(paths)) {
            throw ProblemException.badRequest("parameters.paths", "must be a whole number in 100..1000000");
        }
        try {
            ScenarioMatrix simulated = StrategySimulator.DEFAULT.simulate(market, templates, (int) horizon,
                    (int) paths, (long) number(r.parameters(), "parameters.seed", 1),
                    number(r.parameters(), "parameters.impliedVolPremium", 0.1));
            return ScenarioMatrix.ofRows(vault.strategies(), rows(simulated));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("parameters", e.getMessage());
        }
    }

    private static double[][] rows(ScenarioMatrix m) {
        double[][] rows = new double[m.scenarioCount()][m.strategyCount()];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < rows[i].length; j++) {
                rows[i][j] = m.get(i, j);
            }
        }
        return rows;
    }

    private PortfolioConstraints constraints(AllocationRequest r, Vault vault) {
        int n = vault.strategies().size();
        JsonNode k = r.constraints();
        double lo = number(k, "constraints.minWeight", 0);
        double hi = number(k, "constraints.maxWeight", Double.POSITIVE_INFINITY);
        if (lo < 0) {
            throw ProblemException.badRequest("constraints.minWeight", "vault weights are long-only: minWeight >= 0");
        }
        double[] lower = new double[n];
        double[] upper = new double[n];
        Arrays.fill(lower, lo);
        Arrays.fill(upper, hi);
        double[] current = new double[n];
        allocations.latest(vault).ifPresent(l -> {
            for (int i = 0; i < n; i++) {
                current[i] = l.allocation().weightsBps().get(i) / 10_000.0;
            }
        });
        try {
            return PortfolioConstraints.of(1.0, lower, upper, List.of(), current,
                    number(k, "constraints.maxTurnover", Double.POSITIVE_INFINITY),
                    number(k, "constraints.turnoverCost", 0), new double[n], Double.POSITIVE_INFINITY,
                    number(k, "constraints.leverage", Double.POSITIVE_INFINITY));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("constraints", e.getMessage());
        }
    }

    private static double number(JsonNode node, String path, double fallback) {
        String field = path.substring(path.indexOf('.') + 1);
        if (node == null || !node.has(field) || node.get(field).isNull()) {
            return fallback;
        }
        if (!node.get(field).isNumber()) {
            throw ProblemException.badRequest(path, path + " must be a number");
        }
        return node.get(field).asDouble();
    }

    private static String text(JsonNode node, String field) {
        return node == null || !node.hasNonNull(field) ? null : node.get(field).asText();
    }
}
