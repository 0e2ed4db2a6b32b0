package io.vaultrisk.service.allocation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vaultrisk.allocator.AllocationReplay;
import io.vaultrisk.allocator.AllocationReportJson;
import io.vaultrisk.allocator.InvalidAllocationSpecException;
import io.vaultrisk.allocator.Objective;
import io.vaultrisk.allocator.ObjectiveSpec;
import io.vaultrisk.allocator.PortfolioConstraints;
import io.vaultrisk.allocator.strategy.ScenarioSimulation;
import io.vaultrisk.allocator.strategy.StrategyNames;
import io.vaultrisk.allocator.strategy.StrategyTemplate;
import io.vaultrisk.montecarlo.book.MarketData;
import io.vaultrisk.montecarlo.compute.BackendJson;
import io.vaultrisk.service.config.JobBackend;
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
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Optimised weights for {@code POST /allocations}, by the allocator module as {@code vaultrisk allocate}: the request
 * becomes an {@link ObjectiveSpec} and, for a book, a {@link ScenarioSimulation}, whose limits are the CLI's; this
 * bean adds the vault (its strategies name the scenario columns, its caps bound the weights, what it holds is the
 * turnover reference). Scenarios are the rows of the request (one column per vault strategy, in sleeve order), or
 * simulated from the request's book (see {@link #checkBook}). {@code parameters}: beta (0.95), targetReturn,
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
    JobBackend backend;

    @Inject
    Holdings holdings;

    /**
     * Weights to sign (fractions, in the vault's strategy order, summing to 1), the bounds their basis points must
     * keep (minWeight, maxWeight and the vault's caps) and the optimiser's report.
     */
    public record Result(double[] weights, int[] lowerBps, int[] upperBps, JsonNode report) {}

    /** Where turnover is measured from: the weights and how the report names them. */
    public record Reference(double[] weights, ObjectNode description) {}

    /** Checks objective, constraints and scenarios or book against the vault's strategies; throws naming the field. */
    public void validate(AllocationRequest r, Vault vault) {
        ObjectiveSpec goal = objective(r);
        if (r.scenarios() == null) {
            checkBook(r, vault); // the book and the vault's strategy names must make sense before queueing
        }
        constraints(r, vault, goal.objective(), new double[vault.strategies().size()]);
        String cash = text(r.parameters(), "cashSleeve");
        if (cash != null && !vault.strategies().contains(cash)) {
            throw ProblemException.badRequest(
                    "parameters.cashSleeve",
                    "parameters.cashSleeve must name one of the vault's strategies, got '" + cash + "'");
        }
    }

    /**
     * Solved by {@link AllocationReplay}, the code {@code vaultrisk verify --receipt} runs on the stored inputs:
     * {@code request} is the stored request, {@code reference} the weights turnover is measured from
     * ({@link #reference}) and the vault's caps bound the weights; all go into the allocation's receipt. The report's
     * elapsedMillis covers building the scenarios (a book's simulation) as well as solving.
     */
    public Result allocate(JsonNode request, Vault vault, Reference reference, JobContext context) {
        long start = System.nanoTime();
        List<String> warnings = new ArrayList<>();
        AllocationReplay.Replayed solved;
        try {
            solved = AllocationReplay.solve(
                    request, vault.strategies(), reference.weights(), vault.capsOrFull(), backend.get(), warnings::add);
        } catch (InvalidAllocationSpecException e) {
            throw ProblemException.badRequest(e.field(), e.field() + ": " + e.reason());
        }
        double elapsedMillis = (System.nanoTime() - start) / 1e6;
        ObjectNode report = AllocationReportJson.toJson(
                solved.allocation(), solved.objective(), solved.scenarios(), solved.constraints(), elapsedMillis);
        if (solved.backend() != null) {
            BackendJson.put(report, solved.backend(), solved.device());
            if (!warnings.isEmpty()) {
                warnings.forEach(report.putArray("warnings")::add);
            }
        }
        report.set("turnoverReference", reference.description());
        report.put("turnoverCostRate", solved.constraints().costRate());
        if (solved.acceptedSuboptimal()) {
            report.put("acceptedSuboptimal", true);
            if (!Double.isFinite(solved.allocation().gap())) {
                report.put("gap", "not certified by " + solved.allocation().solver());
            }
        }
        if (solved.cashSleeve() != null) {
            report.put("cashSleeve", solved.cashSleeve());
            report.put("cashAdded", solved.cashAdded());
        }
        context.progress(0.9);
        return new Result(solved.weights(), solved.lowerBps(), solved.upperBps(), report);
    }

    /** The weights the vault holds: the executor's latest on-chain report, else the latest published allocation. */
    public Reference reference(Vault vault) {
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
     * Checks a book request before it is queued: the book parses, the parameters are within {@link ScenarioSimulation}'s
     * limits, every vault strategy name is a template on the book's market, and a dry run of {@link
     * ScenarioSimulation#MIN_PATHS} paths accepts the templates (e.g. a tenor the book's surface does not cover). The
     * full simulation runs once, in the job ({@link AllocationReplay}), not on the request thread.
     */
    private void checkBook(AllocationRequest r, Vault vault) {
        MarketData market = BookField.read(r.book()).market();
        JsonNode p = r.parameters();
        int horizon = wholeNumber(p, "parameters.horizonDays", ScenarioSimulation.DEFAULT_HORIZON_DAYS);
        int paths = wholeNumber(p, "parameters.paths", ScenarioSimulation.DEFAULT_PATHS);
        long seed = (long) number(p, "parameters.seed", ScenarioSimulation.DEFAULT_SEED);
        double premium = number(p, "parameters.impliedVolPremium", ScenarioSimulation.DEFAULT_IMPLIED_VOL_PREMIUM);
        double stableYield = number(p, "parameters.stableYield", ScenarioSimulation.DEFAULT_STABLE_YIELD);
        spec(() -> new ScenarioSimulation(horizon, paths, seed, premium, stableYield));
        List<StrategyTemplate> templates = new ArrayList<>();
        for (String name : vault.strategies()) {
            try {
                templates.add(StrategyNames.parse(name, market, stableYield));
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("vault.strategies", e.getMessage());
            }
        }
        try {
            new ScenarioSimulation(horizon, ScenarioSimulation.MIN_PATHS, seed, premium, stableYield)
                    .simulate(market, templates);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("parameters", e.getMessage());
        }
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
