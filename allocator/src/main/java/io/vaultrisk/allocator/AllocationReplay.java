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
     * Optimal weights (fractions in the strategies' order, summing to 1), what the solver reported, and for a book the
     * backend (id and device) that simulated its paths (null for given scenarios).
     */
    public record Replayed(
            double[] weights,
            Allocation allocation,
            ObjectiveSpec objective,
            ScenarioMatrix scenarios,
            PortfolioConstraints constraints,
            String backend,
            String device) {}

    /**
     * Solves the allocation {@code request} (fields {@code objective}, {@code parameters}, {@code constraints}, and
     * {@code scenarios} or {@code book}) for a vault with {@code strategies} currently holding {@code current}
     * (fractions; turnover is measured from them).
     *
     * @throws InvalidAllocationSpecException naming the request's JSON field (e.g. {@code parameters.beta})
     * @throws IllegalArgumentException when the solver finds no weights (infeasible, unbounded), with its reason
     */
    public static Replayed solve(JsonNode request, List<String> strategies, double[] current) {
        return solve(request, strategies, current, ComputeBackend.CPU, w -> {});
    }

    /**
     * The same with a book's paths on {@code compute} (fallback warnings to {@code warnings}): other backends give
     * the CPU's paths to 1e-12, so a receipt verifies bit for bit only where the allocation ran on the CPU.
     */
    public static Replayed solve(
            JsonNode request,
            List<String> strategies,
            double[] current,
            ComputeBackend compute,
            Consumer<String> warnings) {
        ScenarioMatrix sc;
        String backend = null, device = null;
        if (request.hasNonNull("scenarios")) {
            sc = ScenarioMatrix.ofRows(strategies, rows(request.get("scenarios"), strategies.size()));
        } else {
            StrategyScenarios simulated = bookScenarios(request, strategies, compute, warnings);
            sc = simulated.matrix();
            backend = simulated.backend();
            device = simulated.device();
        }
        ObjectiveSpec goal = objective(request);
        PortfolioConstraints c = constraints(request.get("constraints"), strategies.size(), current);
        Allocation a = goal.solve(sc, c);
        if (!a.hasWeights() || a.status() == AllocationStatus.INFEASIBLE || a.status() == AllocationStatus.UNBOUNDED) {
            throw new IllegalArgumentException(a.status().label() + ": " + a.reason());
        }
        double[] w = a.weights();
        double sum = Arrays.stream(w).sum();
        return new Replayed(Arrays.stream(w).map(x -> Math.max(0, x) / sum).toArray(), a, goal, sc, c, backend, device);
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
                ObjectiveSpec.CvarSolver.BUNDLE);
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

    private static PortfolioConstraints constraints(JsonNode k, int n, double[] current) {
        double lo = number(k, "constraints.minWeight", 0);
        double hi = number(k, "constraints.maxWeight", Double.POSITIVE_INFINITY);
        if (lo < 0) {
            throw new InvalidAllocationSpecException("constraints.minWeight", "vault weights are long-only: >= 0");
        }
        double[] lower = new double[n];
        double[] upper = new double[n];
        Arrays.fill(lower, lo);
        Arrays.fill(upper, hi);
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
                number(k, "constraints.leverage", Double.POSITIVE_INFINITY));
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
}
