package io.vaultrisk.allocator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vaultrisk.allocator.strategy.ScenarioSimulation;
import io.vaultrisk.allocator.strategy.StrategyNames;
import io.vaultrisk.allocator.strategy.StrategyScenarios;
import io.vaultrisk.allocator.strategy.StrategyTemplate;
import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.BookReader;
import io.vaultrisk.montecarlo.book.MarketData;
import io.vaultrisk.montecarlo.compute.ComputeBackend;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * An optimised allocation computed from its inputs alone, so that the risk service and {@code vaultrisk verify
 * --receipt} run the very same code: the service publishes what {@link #solve} returns and stores the inputs (the
 * request's objective, parameters, constraints, scenarios or book, the vault's strategies and the weights it held
 * before), and a verifier recomputes from the stored inputs, offline, bit for bit. Everything random is in the inputs
 * (a book's {@code parameters.seed} and {@code paths}, defaults those of {@link ScenarioSimulation}); nothing is read
 * from a clock, a database or the network.
 *
 * <p>{@link #canonical} and {@link #inputsHash} define the receipt's hash: SHA-256 over the inputs written with object
 * keys sorted, no whitespace, numbers as Jackson writes them (a double in its shortest round-trip form), so a receipt
 * parsed and written again hashes the same.
 */
public final class AllocationReplay {
    /** The replayed computation's version: changes whenever the same inputs would give other weights. */
    public static final String CODE_VERSION = "vaultrisk-allocation/1 " + buildVersion();

    private static final ObjectMapper CANONICAL =
            new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private AllocationReplay() {}

    /**
     * Weights to sign (fractions in the strategies' order, summing to 1: the optimiser's, never rescaled, with what
     * fractional Kelly leaves uninvested in the cash sleeve), the bounds in whole basis points their rounding must keep
     * (minWeight, maxWeight and the vault's caps, inward), what the solver reported, the cash sleeve and the cash it
     * received (null and 0 when none), whether a non-optimal solve was accepted, and for a book the backend (id and
     * device) that simulated its paths (null for given scenarios).
     */
    public record Replayed(
            double[] weights,
            int[] lowerBps,
            int[] upperBps,
            Allocation allocation,
            ObjectiveSpec objective,
            ScenarioMatrix scenarios,
            PortfolioConstraints constraints,
            String cashSleeve,
            double cashAdded,
            boolean acceptedSuboptimal,
            String backend,
            String device) {}

    /**
     * Solves the allocation {@code request} (fields {@code objective}, {@code parameters}, {@code constraints},
     * {@code acceptSuboptimal}, and {@code scenarios} or {@code book}) for a vault with {@code strategies} currently
     * holding {@code current} (fractions; turnover is measured from them), without caps, on the CPU.
     *
     * @throws InvalidAllocationSpecException naming the request's JSON field (e.g. {@code parameters.beta})
     * @throws IllegalArgumentException when the solver finds no weights (infeasible, unbounded), or a solve that is not
     *     optimal was not accepted, or the weights cannot be completed with cash: with the reason
     */
    public static Replayed solve(JsonNode request, List<String> strategies, double[] current) {
        int[] full = new int[strategies.size()];
        Arrays.fill(full, 10_000);
        return solve(request, strategies, current, full, ComputeBackend.CPU, w -> {});
    }

    /**
     * The same for a vault whose sleeves are capped at {@code capsBps} (its on-chain caps, a bound like maxWeight),
     * with a book's paths on {@code compute} (fallback warnings to {@code warnings}): other backends give the CPU's
     * paths to 1e-12, so a receipt verifies bit for bit only where the allocation ran on the CPU.
     */
    public static Replayed solve(
            JsonNode request,
            List<String> strategies,
            double[] current,
            int[] capsBps,
            ComputeBackend compute,
            Consumer<String> warnings) {
        int n = strategies.size();
        if (capsBps.length != n) {
            throw new InvalidAllocationSpecException("capsBps", "one cap per strategy (" + n + ") is required");
        }
        ScenarioMatrix sc;
        String backend = null, device = null;
        if (request.hasNonNull("scenarios")) {
            sc = ScenarioMatrix.ofRows(strategies, rows(request.get("scenarios"), n));
        } else {
            StrategyScenarios simulated = bookScenarios(request, strategies, compute, warnings);
            sc = simulated.matrix();
            backend = simulated.backend();
            device = simulated.device();
        }
        ObjectiveSpec goal = objective(request);
        JsonNode k = request.get("constraints");
        PortfolioConstraints c = constraints(k, n, current, capsBps, goal.objective());
        Allocation a = goal.solve(sc, c);
        if (!a.hasWeights() || a.status() == AllocationStatus.INFEASIBLE || a.status() == AllocationStatus.UNBOUNDED) {
            throw new IllegalArgumentException(a.status().label() + ": " + a.reason());
        }
        boolean accept = request.path("acceptSuboptimal").asBoolean(false);
        if (a.status() != AllocationStatus.OPTIMAL && !accept) {
            throw new IllegalArgumentException(a.status().label() + " (gap " + a.gap() + "): " + a.reason()
                    + "; nothing is signed unless the request sets acceptSuboptimal: true");
        }
        String named = text(request.get("parameters"), "cashSleeve");
        if (named != null && !strategies.contains(named)) {
            throw new InvalidAllocationSpecException(
                    "parameters.cashSleeve",
                    "parameters.cashSleeve must name one of the vault's strategies, got '" + named + "'");
        }
        double[] w = a.weights();
        double sum = Arrays.stream(w).sum();
        for (int i = 0; i < n; i++) {
            if (w[i] < -1e-9) {
                throw new IllegalArgumentException("the weight of '" + strategies.get(i) + "' is " + w[i]
                        + ": vault weights are long-only (set constraints.minWeight >= 0)");
            }
        }
        w = Arrays.stream(w).map(x -> Math.max(0, x)).toArray();
        if (sum > 1 + 1e-6) {
            throw new IllegalArgumentException(
                    "the weights sum to " + sum + " > 1: the vault cannot borrow (set constraints.leverage to 1)");
        }
        String cashSleeve = null;
        double cashAdded = 0;
        if (sum < 1 - 1e-6) {
            int cash = named != null ? strategies.indexOf(named) : MeanVarianceOptimizer.risklessSleeve(sc);
            if (cash < 0) {
                throw new IllegalArgumentException(String.format(
                        Locale.ROOT,
                        "the allocation invests %.6g and leaves %.6g in cash, but no strategy has the same return in "
                                + "every scenario (a stablecoin): name the vault's cash sleeve in parameters.cashSleeve",
                        sum,
                        1 - sum));
            }
            w[cash] += 1 - sum;
            cashSleeve = strategies.get(cash);
            cashAdded = 1 - sum;
        }
        double lo = number(k, "constraints.minWeight", 0);
        double hi = number(k, "constraints.maxWeight", Double.POSITIVE_INFINITY);
        int[] lower = new int[n], upper = new int[n];
        for (int i = 0; i < n; i++) {
            double top = Math.min(hi, capsBps[i] / 10_000.0);
            if (w[i] < lo - 1e-6 || w[i] > top + 1e-6) {
                // only the cash a fractional Kelly adds can land here: the optimiser kept the bounds
                throw new IllegalArgumentException(String.format(
                        Locale.ROOT,
                        "the weight of '%s' would be %.6g, outside [%.6g, %.6g] (minWeight, maxWeight, the vault's cap)",
                        strategies.get(i),
                        w[i],
                        lo,
                        top));
            }
            // the bounds in whole basis points, inward: rounding within them keeps the fractions' bounds
            lower[i] = (int) Math.min(10_000, Math.ceil(lo * 10_000 - 1e-6));
            upper[i] = (int) Math.min(capsBps[i], Math.floor(Math.min(hi, 1.0) * 10_000 + 1e-6));
        }
        return new Replayed(
                w,
                lower,
                upper,
                a,
                goal,
                sc,
                c,
                cashSleeve,
                cashAdded,
                a.status() != AllocationStatus.OPTIMAL,
                backend,
                device);
    }

    /** The inputs in canonical form (sorted keys, no whitespace): what {@link #inputsHash} hashes. */
    public static String canonical(JsonNode inputs) {
        try {
            return CANONICAL.writeValueAsString(sorted(inputs));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("inputs cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** 0x-hex SHA-256 of {@link #canonical}{@code (inputs)} in UTF-8. */
    public static String inputsHash(JsonNode inputs) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest(canonical(inputs).getBytes(StandardCharsets.UTF_8));
            return "0x" + HexFormat.of().formatHex(h);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                fields.put(name, sorted(node.get(name)));
            }
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            fields.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(e -> out.add(sorted(e)));
            return out;
        }
        return node;
    }

    private static double[][] rows(JsonNode scenarios, int n) {
        double[][] rows = new double[scenarios.size()][];
        for (int i = 0; i < rows.length; i++) {
            JsonNode row = scenarios.get(i);
            if (row == null || !row.isArray() || row.size() != n) {
                throw new InvalidAllocationSpecException(
                        "scenarios[" + i + "]", "each scenario row must hold one return per strategy (" + n + ")");
            }
            rows[i] = new double[n];
            for (int j = 0; j < n; j++) {
                if (!row.get(j).isNumber()) {
                    throw new InvalidAllocationSpecException(
                            "scenarios[" + i + "][" + j + "]", "scenario returns must be numbers");
                }
                rows[i][j] = row.get(j).asDouble();
            }
        }
        return rows;
    }

    private static ObjectiveSpec objective(JsonNode r) {
        JsonNode p = r.get("parameters");
        String risk = p == null || !p.hasNonNull("risk") ? null : p.get("risk").asText();
        return new ObjectiveSpec(
                Objective.fromJson(r.path("objective").asText(null)),
                number(p, "parameters.beta", ObjectiveSpec.DEFAULT_BETA),
                number(p, "parameters.targetReturn", Double.NaN),
                number(p, "parameters.cvarLimit", Double.NaN),
                number(p, "parameters.riskFree", 0),
                number(p, "parameters.kellyFraction", ObjectiveSpec.DEFAULT_KELLY_FRACTION),
                risk == null ? ObjectiveSpec.RiskMeasure.VOLATILITY : ObjectiveSpec.RiskMeasure.fromJson(risk),
                ObjectiveSpec.CvarSolver.BUNDLE,
                number(p, "parameters.riskTarget", Double.NaN),
                wholeNumber(p, "parameters.maxIterations", 0));
    }

    /**
     * The strategies simulated on one set of paths of the book's market (each strategy name a template):
     * parameters horizonDays, paths, seed, impliedVolPremium, stableYield with {@link ScenarioSimulation}'s defaults.
     */
    private static StrategyScenarios bookScenarios(
            JsonNode r, List<String> strategies, ComputeBackend compute, Consumer<String> warnings) {
        Book book = BookReader.DEFAULT.fromTree(r.get("book"));
        MarketData market = book.market();
        JsonNode p = r.get("parameters");
        ScenarioSimulation simulation = new ScenarioSimulation(
                wholeNumber(p, "parameters.horizonDays", ScenarioSimulation.DEFAULT_HORIZON_DAYS),
                wholeNumber(p, "parameters.paths", ScenarioSimulation.DEFAULT_PATHS),
                (long) number(p, "parameters.seed", ScenarioSimulation.DEFAULT_SEED),
                number(p, "parameters.impliedVolPremium", ScenarioSimulation.DEFAULT_IMPLIED_VOL_PREMIUM),
                number(p, "parameters.stableYield", ScenarioSimulation.DEFAULT_STABLE_YIELD));
        List<StrategyTemplate> templates = new ArrayList<>();
        for (String name : strategies) {
            templates.add(StrategyNames.parse(name, market, simulation.stableYield()));
        }
        StrategyScenarios simulated =
                simulation.run(market, ScenarioSimulation.funding(book), templates, compute, warnings);
        ScenarioMatrix m = simulated.matrix();
        double[][] rows = new double[m.scenarioCount()][m.strategyCount()];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < rows[i].length; j++) {
                rows[i][j] = m.get(i, j);
            }
        }
        return new StrategyScenarios(
                ScenarioMatrix.ofRows(strategies, rows),
                simulated.economics(),
                simulated.assumptions(),
                simulated.backend(),
                simulated.device());
    }

    private static PortfolioConstraints constraints(
            JsonNode k, int n, double[] current, int[] capsBps, Objective objective) {
        double lo = number(k, "constraints.minWeight", 0);
        double hi = number(k, "constraints.maxWeight", Double.POSITIVE_INFINITY);
        if (lo < 0) {
            throw new InvalidAllocationSpecException("constraints.minWeight", "vault weights are long-only: >= 0");
        }
        double[] lower = new double[n];
        double[] upper = new double[n];
        Arrays.fill(lower, lo);
        for (int i = 0; i < n; i++) {
            // the vault's on-chain cap is a bound like maxWeight: the optimiser respects it, rounding keeps it
            upper[i] = Math.min(hi, capsBps[i] / 10_000.0);
        }
        return PortfolioConstraints.of(
                1.0,
                lower,
                upper,
                List.of(),
                current.clone(),
                number(k, "constraints.maxTurnover", Double.POSITIVE_INFINITY),
                number(k, "constraints.turnoverCost", 0),
                new double[n],
                Double.POSITIVE_INFINITY,
                // kelly sizes the whole position: without a cap it would borrow, which a vault cannot
                number(k, "constraints.leverage", objective == Objective.KELLY ? 1.0 : Double.POSITIVE_INFINITY));
    }

    private static int wholeNumber(JsonNode node, String path, int fallback) {
        double v = number(node, path, fallback);
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw new InvalidAllocationSpecException(path, "must be a whole number, got " + v);
        }
        return (int) v;
    }

    private static double number(JsonNode node, String path, double fallback) {
        String field = path.substring(path.indexOf('.') + 1);
        if (node == null || !node.has(field) || node.get(field).isNull()) {
            return fallback;
        }
        if (!node.get(field).isNumber()) {
            throw new InvalidAllocationSpecException(path, "must be a number");
        }
        return node.get(field).asDouble();
    }

    private static String buildVersion() {
        String v = AllocationReplay.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }

    private static String text(JsonNode node, String field) {
        return node == null || !node.hasNonNull(field) ? null : node.get(field).asText();
    }
}
