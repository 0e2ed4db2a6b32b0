package io.vaultrisk.service.allocation;

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
 * rows of the request (one column per vault strategy, in sleeve order). {@code parameters}: beta (0.95),
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
            // the allocator optimises scenario matrices; simulating a vault's strategies from a book is not in it
            throw ProblemException.notAvailable("Optimising weights from a book (simulating the vault's strategies)");
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
        List<String> names = vault.strategies();
        double[][] rows = new double[r.scenarios().size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = r.scenarios().get(i).stream().mapToDouble(Double::doubleValue).toArray();
        }
        ScenarioMatrix sc = ScenarioMatrix.ofRows(names, rows);
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
