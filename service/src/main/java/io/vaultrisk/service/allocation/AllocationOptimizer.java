package io.vaultrisk.service.allocation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vaultrisk.allocator.Allocation;
import io.vaultrisk.allocator.AllocationReportJson;
import io.vaultrisk.allocator.AllocationStatus;
import io.vaultrisk.allocator.InvalidAllocationSpecException;
import io.vaultrisk.allocator.MeanVarianceOptimizer;
import io.vaultrisk.allocator.Objective;
import io.vaultrisk.allocator.ObjectiveSpec;
import io.vaultrisk.allocator.PortfolioConstraints;
import io.vaultrisk.allocator.ScenarioMatrix;
import io.vaultrisk.allocator.strategy.ScenarioSimulation;
import io.vaultrisk.allocator.strategy.StrategyNames;
import io.vaultrisk.allocator.strategy.StrategyTemplate;
import io.vaultrisk.montecarlo.book.MarketData;
import io.vaultrisk.service.error.ProblemException;
import io.vaultrisk.service.job.JobContext;
import io.vaultrisk.service.support.BookField;
import io.vaultrisk.service.vault.Holdings;
import io.vaultrisk.service.vault.Vault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Optimised weights for {@code POST /allocations}, by the allocator module as {@code vaultrisk allocate}: the request
 * becomes an {@link ObjectiveSpec} and, for a book, a {@link ScenarioSimulation}, whose limits are the CLI's; this
 * bean adds the vault (its strategies name the scenario columns, its caps bound the weights, what it holds is the
 * turnover reference). Scenarios are the rows of the request (one column per vault strategy, in sleeve order), or
 * simulated from the request's book (see {@link #bookScenarios}). {@code parameters}: beta (0.95), targetReturn,
 * cvarLimit, riskFree, kellyFraction (0.5), risk (volatility|cvar), riskTarget (max-sharpe with a riskless sleeve),
 * maxIterations (bundle method), cashSleeve. {@code constraints}: minWeight, maxWeight, maxTurnover, turnoverCost (cost
 * per unit of turnover, a fraction: 10 bps is 0.001), leverage (kelly: 1, the vault cannot borrow). Turnover is
 * measured from the holdings the executor last reported on chain, else from the latest published weights.
 * <p>
 * The weights signed are the optimiser's, never rescaled: what fractional Kelly leaves uninvested goes to the cash
 * sleeve; they are rounded to basis points within minWeight, maxWeight and the vault's caps. A solve that ends other
 * than optimal is not signed unless the request says {@code acceptSuboptimal: true}.
 */
@ApplicationScoped
public class AllocationOptimizer {

    @Inject
    Allocations allocations;

    @Inject
    Holdings holdings;

    /**
     * Weights to sign (fractions, in the vault's strategy order, summing to 1), the bounds their basis points must
     * keep (minWeight, maxWeight and the vault's caps) and the optimiser's report.
     */
    public record Result(double[] weights, int[] lowerBps, int[] upperBps, JsonNode report) {}

    /** Where turnover is measured from: the weights and how the report names them. */
    private record Reference(double[] weights, ObjectNode description) {}

    /** Checks objective, constraints and scenarios or book against the vault's strategies; throws naming the field. */
    public void validate(AllocationRequest r, Vault vault) {
        ObjectiveSpec goal = objective(r);
        if (r.scenarios() == null) {
            bookScenarios(r, vault); // the book and the vault's strategy names must make sense before queueing
        }
        constraints(r, vault, goal.objective(), new double[vault.strategies().size()]);
        String cash = text(r.parameters(), "cashSleeve");
        if (cash != null && !vault.strategies().contains(cash)) {
            throw ProblemException.badRequest(
                    "parameters.cashSleeve",
                    "parameters.cashSleeve must name one of the vault's strategies, got '" + cash + "'");
        }
    }

    public Result allocate(AllocationRequest r, Vault vault, JobContext context) {
        ScenarioMatrix sc;
        if (r.scenarios() != null) {
            double[][] rows = new double[r.scenarios().size()][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = r.scenarios().get(i).stream()
                        .mapToDouble(Double::doubleValue)
                        .toArray();
            }
            sc = ScenarioMatrix.ofRows(vault.strategies(), rows);
        } else {
            sc = bookScenarios(r, vault);
        }
        ObjectiveSpec goal = objective(r);
        Reference reference = reference(vault);
        PortfolioConstraints c = constraints(r, vault, goal.objective(), reference.weights());
        long start = System.nanoTime();
        Allocation a = goal.solve(sc, c);
        double elapsedMillis = (System.nanoTime() - start) / 1e6;
        if (!a.hasWeights() || a.status() == AllocationStatus.INFEASIBLE || a.status() == AllocationStatus.UNBOUNDED) {
            throw new IllegalArgumentException(a.status().label() + ": " + a.reason());
        }
        boolean accept = Boolean.TRUE.equals(r.acceptSuboptimal());
        if (a.status() != AllocationStatus.OPTIMAL && !accept) {
            throw new IllegalArgumentException(a.status().label() + " (gap " + a.gap() + "): " + a.reason()
                    + "; nothing is signed unless the request sets acceptSuboptimal: true");
        }
        ObjectNode report = AllocationReportJson.toJson(a, goal, sc, c, elapsedMillis);
        report.set("turnoverReference", reference.description());
        report.put("turnoverCostRate", c.costRate());
        if (a.status() != AllocationStatus.OPTIMAL) {
            report.put("acceptedSuboptimal", true);
            if (!Double.isFinite(a.gap())) {
                report.put("gap", "not certified by " + a.solver());
            }
        }
        context.progress(0.9);
        double[] w = withCash(a.weights(), r, vault, sc, report);
        int n = w.length;
        int[] lower = new int[n];
        int[] upper = vault.capsOrFull();
        double lo = number(r.constraints(), "constraints.minWeight", 0);
        double hi = number(r.constraints(), "constraints.maxWeight", Double.POSITIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            double top = Math.min(hi, upper[i] / 10_000.0);
            if (w[i] < lo - 1e-6 || w[i] > top + 1e-6) {
                // only the cash a fractional Kelly adds can land here: the optimiser kept the bounds
                throw new IllegalArgumentException(String.format(
                        Locale.ROOT,
                        "the weight of '%s' would be %.6g, outside [%.6g, %.6g] (minWeight, maxWeight, the vault's cap)",
                        vault.strategies().get(i),
                        w[i],
                        lo,
                        top));
            }
            // the bounds in whole basis points, inward: rounding within them keeps the fractions' bounds
            lower[i] = (int) Math.min(10_000, Math.ceil(lo * 10_000 - 1e-6));
            upper[i] = (int) Math.min(upper[i], Math.floor(Math.min(hi, 1.0) * 10_000 + 1e-6));
        }
        return new Result(w, lower, upper, report);
    }

    /**
     * The optimiser's weights completed to the budget with cash: fractional Kelly (or anything that invests less
     * than the whole) puts the rest in the cash sleeve, never rescaled. The cash sleeve is parameters.cashSleeve, else
     * the scenarios' riskless sleeve (a strategy whose return is the same in every scenario: the stablecoin).
     */
    private static double[] withCash(
            double[] weights, AllocationRequest r, Vault vault, ScenarioMatrix sc, ObjectNode report) {
        double sum = Arrays.stream(weights).sum();
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] < -1e-9) {
                throw new IllegalArgumentException(
                        "the weight of '" + vault.strategies().get(i) + "' is " + weights[i]
                                + ": vault weights are long-only (set constraints.minWeight >= 0)");
            }
        }
        double[] w = Arrays.stream(weights).map(x -> Math.max(0, x)).toArray();
        if (sum > 1 + 1e-6) {
            throw new IllegalArgumentException(
                    "the weights sum to " + sum + " > 1: the vault cannot borrow (set constraints.leverage to 1)");
        }
        if (sum >= 1 - 1e-6) {
            return w;
        }
        String named = text(r.parameters(), "cashSleeve");
        int cash = named != null ? vault.strategies().indexOf(named) : MeanVarianceOptimizer.risklessSleeve(sc);
        if (cash < 0) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "the allocation invests %.6g and leaves %.6g in cash, but %s: name the vault's cash sleeve in "
                            + "parameters.cashSleeve",
                    sum,
                    1 - sum,
                    named != null
                            ? "parameters.cashSleeve '" + named + "' is not one of the vault's strategies"
                            : "no strategy has the same return in every scenario (a stablecoin)"));
        }
        w[cash] += 1 - sum;
        report.put("cashSleeve", vault.strategies().get(cash));
        report.put("cashAdded", 1 - sum);
        return w;
    }

    /** The weights the vault holds: the executor's latest on-chain report, else the latest published allocation. */
    private Reference reference(Vault vault) {
        int n = vault.strategies().size();
        double[] current = new double[n];
        ObjectNode d = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        Optional<Holdings.Holding> held = holdings.latest(vault);
        if (held.isPresent()) {
            for (int i = 0; i < n; i++) {
                current[i] = held.get().weightsBps().get(i) / 10_000.0;
            }
            d.put("source", "on-chain holdings");
            d.put("blockNumber", held.get().blockNumber());
            d.put("reportedAt", held.get().reportedAt().toString());
            return new Reference(current, d);
        }
        Optional<Allocations.Latest> published = allocations.latest(vault);
        if (published.isPresent()) {
            for (int i = 0; i < n; i++) {
                current[i] = published.get().allocation().weightsBps().get(i) / 10_000.0;
            }
            d.put("source", "last published allocation (no holdings reported by the executor)");
            d.put("nonce", published.get().allocation().nonce());
            return new Reference(current, d);
        }
        d.put("source", "none (no holdings reported, nothing published: turnover from all cash)");
        return new Reference(current, d);
    }

    private static ObjectiveSpec objective(AllocationRequest r) {
        JsonNode p = r.parameters();
        String risk = text(p, "risk");
        return spec(() -> new ObjectiveSpec(
                Objective.fromJson(r.objective()),
                number(p, "parameters.beta", ObjectiveSpec.DEFAULT_BETA),
                number(p, "parameters.targetReturn", Double.NaN),
                number(p, "parameters.cvarLimit", Double.NaN),
                number(p, "parameters.riskFree", 0),
                number(p, "parameters.kellyFraction", ObjectiveSpec.DEFAULT_KELLY_FRACTION),
                risk == null ? ObjectiveSpec.RiskMeasure.VOLATILITY : ObjectiveSpec.RiskMeasure.fromJson(risk),
                ObjectiveSpec.CvarSolver.BUNDLE,
                number(p, "parameters.riskTarget", Double.NaN),
                wholeNumber(p, "parameters.maxIterations", 0)));
    }

    /** A spec built from the request; a parameter out of its limits is a 400 naming its JSON field. */
    private static <T> T spec(Supplier<T> build) {
        try {
            return build.get();
        } catch (InvalidAllocationSpecException e) {
            String field = e.field().equals("objective") ? "objective" : "parameters." + e.field();
            throw ProblemException.badRequest(field, field + ": " + e.reason());
        }
    }

    /**
     * The vault's strategies simulated on one set of paths of the book's market: each registered strategy name is a
     * template (stablecoin, spot:ETH, covered-call:ETH:d0.20:14d, …, or a token sleeve such as USDC or WETH).
     * parameters: horizonDays (30), paths (20,000), seed (1), impliedVolPremium (0.1), stableYield (0.05).
     */
    private ScenarioMatrix bookScenarios(AllocationRequest r, Vault vault) {
        MarketData market = BookField.read(r.book()).market();
        JsonNode p = r.parameters();
        int horizon = wholeNumber(p, "parameters.horizonDays", ScenarioSimulation.DEFAULT_HORIZON_DAYS);
        int paths = wholeNumber(p, "parameters.paths", ScenarioSimulation.DEFAULT_PATHS);
        ScenarioSimulation simulation = spec(() -> new ScenarioSimulation(
                horizon,
                paths,
                (long) number(p, "parameters.seed", ScenarioSimulation.DEFAULT_SEED),
                number(p, "parameters.impliedVolPremium", ScenarioSimulation.DEFAULT_IMPLIED_VOL_PREMIUM),
                number(p, "parameters.stableYield", ScenarioSimulation.DEFAULT_STABLE_YIELD)));
        List<StrategyTemplate> templates = new ArrayList<>();
        for (String name : vault.strategies()) {
            try {
                templates.add(StrategyNames.parse(name, market, simulation.stableYield()));
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("vault.strategies", e.getMessage());
            }
        }
        try {
            return ScenarioMatrix.ofRows(vault.strategies(), rows(simulation.simulate(market, templates)));
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

    private static PortfolioConstraints constraints(
            AllocationRequest r, Vault vault, Objective objective, double[] current) {
        int n = vault.strategies().size();
        JsonNode k = r.constraints();
        double lo = number(k, "constraints.minWeight", 0);
        double hi = number(k, "constraints.maxWeight", Double.POSITIVE_INFINITY);
        if (lo < 0) {
            throw ProblemException.badRequest("constraints.minWeight", "vault weights are long-only: minWeight >= 0");
        }
        double[] lower = new double[n];
        double[] upper = new double[n];
        int[] caps = vault.capsOrFull();
        Arrays.fill(lower, lo);
        for (int i = 0; i < n; i++) {
            // the vault's on-chain cap is a bound like maxWeight: the optimiser respects it, rounding keeps it
            upper[i] = Math.min(hi, caps[i] / 10_000.0);
        }
        try {
            return PortfolioConstraints.of(
                    1.0,
                    lower,
                    upper,
                    List.of(),
                    current,
                    number(k, "constraints.maxTurnover", Double.POSITIVE_INFINITY),
                    number(k, "constraints.turnoverCost", 0),
                    new double[n],
                    Double.POSITIVE_INFINITY,
                    // kelly sizes the whole position: without a cap it would borrow, which a vault cannot
                    number(k, "constraints.leverage", objective == Objective.KELLY ? 1.0 : Double.POSITIVE_INFINITY));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("constraints", e.getMessage());
        }
    }

    private static int wholeNumber(JsonNode node, String path, int fallback) {
        double v = number(node, path, fallback);
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw ProblemException.badRequest(path, path + " must be a whole number, got " + v);
        }
        return (int) v;
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
