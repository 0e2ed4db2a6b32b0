package io.vaultrisk.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vaultrisk.allocator.Allocation;
import io.vaultrisk.allocator.AllocationStatus;
import io.vaultrisk.allocator.CvarBundleSolver;
import io.vaultrisk.allocator.DirectCvarLp;
import io.vaultrisk.allocator.EfficientFrontier;
import io.vaultrisk.allocator.FrontierChart;
import io.vaultrisk.allocator.GroupCap;
import io.vaultrisk.allocator.KellyOptimizer;
import io.vaultrisk.allocator.MeanCvarProblem;
import io.vaultrisk.allocator.MeanCvarSolver;
import io.vaultrisk.allocator.MeanVarianceOptimizer;
import io.vaultrisk.allocator.PortfolioConstraints;
import io.vaultrisk.allocator.RiskParity;
import io.vaultrisk.allocator.ScenarioCsv;
import io.vaultrisk.allocator.strategy.ParameterChoice;
import io.vaultrisk.allocator.strategy.StrategySimulator;
import io.vaultrisk.allocator.strategy.StrategyTemplate;
import io.vaultrisk.allocator.strategy.StrategyUniverse;
import io.vaultrisk.montecarlo.book.BookReader;
import io.vaultrisk.montecarlo.book.MarketData;
import io.vaultrisk.allocator.ScenarioFileException;
import io.vaultrisk.allocator.ScenarioMatrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vaultrisk allocate}: optimal strategy weights on a scenario matrix. */
@Command(name = "allocate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Choose strategy weights on scenarios: mean-CVaR, mean-variance, risk parity or Kelly.")
public final class AllocateCommand implements Callable<Integer> {
    static final List<String> OBJECTIVES = List.of("min-cvar", "max-return", "min-variance", "max-sharpe",
            "risk-parity", "kelly");

    @Spec
    CommandSpec spec;

    @Option(names = "--scenarios", 
            description = "CSV of simple returns: one scenario per row, one column per strategy, optional header.")
    Path scenarios;
    @Option(names = "--book", description = "Instead of --scenarios: a book whose market (underlyings, vols, drifts, "
            + "correlations) drives the vault strategy templates, simulated on one set of paths.")
    Path book;
    @Option(names = "--horizon-days", defaultValue = "30", description = "--book: horizon in days (default 30).")
    int horizonDays;
    @Option(names = "--paths", defaultValue = "20000", description = "--book: paths (default 20,000).")
    int paths;
    @Option(names = "--seed", defaultValue = "1", description = "--book: seed (default 1).")
    long seed;
    @Option(names = "--implied-vol-premium", defaultValue = "0.1", description = "--book: options are priced at "
            + "realised vol x (1 + premium) (default 0.1).")
    double impliedVolPremium;
    @Option(names = "--stable-yield", defaultValue = "0.05", description = "--book: stablecoin lending yield per "
            + "year (default 0.05).")
    double stableYield;
    @Option(names = "--objective", required = true, description = "min-cvar, max-return, min-variance, max-sharpe, "
            + "risk-parity or kelly.")
    String objective;
    @Option(names = "--beta", defaultValue = "0.95", description = "CVaR confidence level (default 0.95).")
    double beta;
    @Option(names = "--target-return", description = "min-cvar: least expected return over the horizon.")
    Double targetReturn;
    @Option(names = "--cvar-limit", description = "max-return: largest CVaR of the loss allowed.")
    Double cvarLimit;
    @Option(names = "--current", description = "CSV of current weights, lines 'name,weight' (default: all cash).")
    Path current;
    @Option(names = "--turnover-cost", defaultValue = "0", description = "Cost per unit of weight traded (0.001 = "
            + "10 bp), paid up front.")
    double turnoverCost;
    @Option(names = "--max-turnover", description = "Cap on the sum of |w - current|.")
    Double maxTurnover;
    @Option(names = "--min-weight", description = "Lower bound for every strategy (default 0: long-only).")
    Double minWeight;
    @Option(names = "--max-weight", description = "Upper bound for every strategy.")
    Double maxWeight;
    @Option(names = "--group", description = "Group cap NAME=S1+S2+...:CAP (repeatable).")
    List<String> groups = new ArrayList<>();
    @Option(names = "--margin", description = "Margin per unit weight, one per strategy in column order, "
            + "comma-separated.")
    String margin;
    @Option(names = "--margin-cap", description = "Cap on total margin use, sum of margin_i * |w_i|.")
    Double marginCap;
    @Option(names = "--leverage", description = "Cap on the sum of |w_i| (gross exposure).")
    Double leverage;
    @Option(names = "--risk", defaultValue = "volatility", description = "risk-parity: volatility (default) or cvar.")
    String risk;
    @Option(names = "--kelly-fraction", defaultValue = "0.5", description = "kelly: fraction of full Kelly "
            + "(default 0.5).")
    double kellyFraction;
    @Option(names = "--risk-free", defaultValue = "0", description = "max-sharpe: risk-free return over the horizon.")
    double riskFree;
    @Option(names = "--solver", defaultValue = "bundle", description = "min-cvar/max-return: bundle (default, any "
            + "size) or lp (direct LP, small scenario sets; the reference).")
    String solver;
    @Option(names = "--frontier-out", description = "Directory for frontier.html (chart) and frontier.json.")
    Path frontierOut;
    @Option(names = "--frontier-points", defaultValue = "21", description = "Points on the frontier (default 21).")
    int frontierPoints;
    @Option(names = "--json", description = "One JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        String obj = objective.toLowerCase(Locale.ROOT);
        CliSupport.require(spec, OBJECTIVES.contains(obj), "--objective", "unknown objective '" + objective
                + "' (allowed: " + String.join(", ", OBJECTIVES) + ")");
        CliSupport.require(spec, beta > 0 && beta < 1, "--beta", "must be in (0, 1), got " + beta);
        CliSupport.require(spec, turnoverCost >= 0 && turnoverCost < 1, "--turnover-cost",
                "must be in [0, 1), got " + turnoverCost);
        CliSupport.require(spec, List.of("bundle", "lp").contains(solver), "--solver",
                "unknown solver '" + solver + "' (allowed: bundle, lp)");
        CliSupport.require(spec, !obj.equals("max-return") || cvarLimit != null, "--cvar-limit",
                "is required for --objective max-return");
        CliSupport.require(spec, cvarLimit == null || Double.isFinite(cvarLimit), "--cvar-limit", "must be finite");
        CliSupport.require(spec, targetReturn == null || Double.isFinite(targetReturn), "--target-return",
                "must be finite");
        CliSupport.require(spec, frontierPoints >= 2 && frontierPoints <= 500, "--frontier-points",
                "must be in 2..500, got " + frontierPoints);
        CliSupport.require(spec, kellyFraction > 0 && kellyFraction <= 1, "--kelly-fraction",
                "must be in (0, 1], got " + kellyFraction);
        String riskMeasure = risk.toLowerCase(Locale.ROOT);
        CliSupport.require(spec, List.of("volatility", "cvar").contains(riskMeasure), "--risk",
                "unknown risk '" + risk + "' (allowed: volatility, cvar)");

        CliSupport.require(spec, (scenarios == null) != (book == null), "--scenarios",
                "give exactly one of --scenarios FILE or --book FILE");
        ScenarioMatrix sc;
        List<StrategyTemplate> templates = null;
        if (book != null) {
            CliSupport.require(spec, horizonDays >= 1 && horizonDays <= 365, "--horizon-days",
                    "must be in 1..365, got " + horizonDays);
            CliSupport.require(spec, paths >= 100 && paths <= 2_000_000, "--paths",
                    "must be in 100..2000000, got " + paths);
            CliSupport.require(spec, impliedVolPremium > -1 && impliedVolPremium < 10, "--implied-vol-premium",
                    "must be in (-1, 10), got " + impliedVolPremium);
            CliSupport.require(spec, Math.abs(stableYield) < 1, "--stable-yield", "must be a decimal in (-1, 1)");
            MarketData market;
            try {
                market = BookReader.DEFAULT.read(book).market();
            } catch (IllegalArgumentException e) {
                throw CliSupport.badInput(spec, "--book", e.getMessage());
            }
            templates = StrategyUniverse.defaults(market, stableYield);
            sc = StrategySimulator.DEFAULT.simulate(market, templates, horizonDays, paths, seed, impliedVolPremium);
        } else {
            try {
                sc = ScenarioCsv.read(scenarios);
            } catch (ScenarioFileException e) {
                throw CliSupport.badInput(spec, "--scenarios", e.getMessage());
            }
        }
        PortfolioConstraints c = constraints(sc, obj);
        if (obj.equals("risk-parity")) {
            CliSupport.require(spec, minWeight == null && maxWeight == null && groups.isEmpty() && margin == null
                    && leverage == null && maxTurnover == null && current == null && turnoverCost == 0,
                    "--objective", "risk-parity takes only the budget: bounds, groups, margin, leverage and "
                            + "turnover would make equal contributions unattainable");
        }

        long start = System.nanoTime();
        Allocation a = switch (obj) {
            case "min-cvar" -> cvarSolver().solve(MeanCvarProblem.minCvar(sc, beta, c,
                    targetReturn == null ? Double.NaN : targetReturn));
            case "max-return" -> cvarSolver().solve(MeanCvarProblem.maxReturn(sc, beta, c, cvarLimit));
            case "min-variance" -> MeanVarianceOptimizer.DEFAULT.minVariance(sc, beta, c);
            case "max-sharpe" -> MeanVarianceOptimizer.DEFAULT.maxSharpe(sc, beta, c, riskFree);
            case "risk-parity" -> riskMeasure.equals("cvar") ? RiskParity.DEFAULT.cvar(sc, beta, 1.0)
                    : RiskParity.DEFAULT.volatility(sc, beta, 1.0);
            default -> KellyOptimizer.DEFAULT.maximise(sc, beta, c.withBudget(Double.NaN), kellyFraction);
        };
        double elapsedMillis = (System.nanoTime() - start) / 1e6;

        EfficientFrontier frontier = null;
        if (frontierOut != null && a.hasWeights()) {
            frontier = EfficientFrontier.trace(sc, beta, c, frontierPoints);
            writeFrontier(frontier);
        }
        ObjectNode out = toJson(a, obj, sc, c, elapsedMillis);
        ParameterChoice choice = templates != null && a.hasWeights()
                ? ParameterChoice.of(sc, templates, a.weights(), beta) : null;
        if (choice != null) {
            ObjectNode sp = out.putObject("strategyParameters");
            candidates(sp.putArray("chosen"), choice.chosen());
            candidates(sp.putArray("bestByFamily"), choice.bestByFamily());
        }
        if (json) {
            CliSupport.printJson(out);
        } else {
            printTable(a, obj, elapsedMillis);
            if (choice != null) {
                printChoice(choice);
            }
        }
        if (frontier != null && !json) {
            System.out.println("frontier: " + frontierOut.resolve("frontier.html"));
        }
        if (a.status() == AllocationStatus.INFEASIBLE || a.status() == AllocationStatus.UNBOUNDED) {
            System.err.println("vaultrisk allocate: " + a.status().label() + ": " + CliSupport.oneLine(a.reason()));
            return CliSupport.EXIT_INFEASIBLE;
        }
        if (a.status() == AllocationStatus.NOT_CONVERGED) {
            System.err.println("vaultrisk allocate: warning: " + CliSupport.oneLine(a.reason()));
        }
        return CliSupport.EXIT_OK;
    }

    private MeanCvarSolver cvarSolver() {
        return solver.equals("lp") ? DirectCvarLp.DEFAULT : CvarBundleSolver.DEFAULT;
    }

    private PortfolioConstraints constraints(ScenarioMatrix sc, String obj) throws IOException {
        int n = sc.strategyCount();
        double lo = minWeight == null ? 0.0 : minWeight;
        double hi = maxWeight == null ? Double.POSITIVE_INFINITY : maxWeight;
        CliSupport.require(spec, Double.isFinite(lo), "--min-weight", "must be finite");
        CliSupport.require(spec, !Double.isNaN(hi) && hi >= lo, "--max-weight",
                "must be at least --min-weight (" + lo + "), got " + hi);
        double[] lower = new double[n];
        double[] upper = new double[n];
        Arrays.fill(lower, lo);
        Arrays.fill(upper, hi);
        List<GroupCap> caps = new ArrayList<>();
        for (String g : groups) {
            caps.add(group(g, sc.names()));
        }
        double[] w0 = current == null ? new double[n] : currentWeights(sc.names());
        double turnoverCap = maxTurnover == null ? Double.POSITIVE_INFINITY : maxTurnover;
        CliSupport.require(spec, turnoverCap >= 0, "--max-turnover", "must be >= 0, got " + turnoverCap);
        double[] m = new double[n];
        if (margin != null) {
            String[] parts = margin.split(",", -1);
            CliSupport.require(spec, parts.length == n, "--margin", "expected " + n + " values (one per strategy), got "
                    + parts.length);
            for (int i = 0; i < n; i++) {
                m[i] = number(parts[i], "--margin");
                CliSupport.require(spec, m[i] >= 0, "--margin", "value " + (i + 1) + " must be >= 0");
            }
        }
        CliSupport.require(spec, marginCap == null || margin != null, "--margin-cap", "needs --margin");
        double mCap = marginCap == null ? Double.POSITIVE_INFINITY : marginCap;
        CliSupport.require(spec, mCap >= 0, "--margin-cap", "must be >= 0, got " + mCap);
        double lev = leverage == null ? Double.POSITIVE_INFINITY : leverage;
        CliSupport.require(spec, lev > 0, "--leverage", "must be > 0, got " + lev);
        return PortfolioConstraints.of(1.0, lower, upper, caps, w0, turnoverCap, turnoverCost, m, mCap, lev);
    }

    private GroupCap group(String text, List<String> names) {
        int eq = text.indexOf('=');
        int colon = text.lastIndexOf(':');
        CliSupport.require(spec, eq > 0 && colon > eq + 1, "--group", "expected NAME=S1+S2:CAP, got '" + text + "'");
        String name = text.substring(0, eq).strip();
        double cap = number(text.substring(colon + 1), "--group");
        List<Integer> members = new ArrayList<>();
        for (String member : text.substring(eq + 1, colon).split("\\+")) {
            int idx = names.indexOf(member.strip());
            CliSupport.require(spec, idx >= 0, "--group", "unknown strategy '" + member.strip() + "' in '" + text
                    + "' (strategies: " + String.join(", ", names) + ")");
            members.add(idx);
        }
        try {
            return GroupCap.of(name, cap, members.stream().mapToInt(Integer::intValue).toArray());
        } catch (IllegalArgumentException e) {
            throw CliSupport.badInput(spec, "--group", e.getMessage());
        }
    }

    private double[] currentWeights(List<String> names) throws IOException {
        if (!Files.isReadable(current)) {
            throw CliSupport.badInput(spec, "--current", current + ": no such readable file");
        }
        double[] w = new double[names.size()];
        boolean[] seen = new boolean[names.size()];
        List<String> lines = Files.readAllLines(current);
        for (int k = 0; k < lines.size(); k++) {
            String line = lines.get(k).strip();
            if (line.isEmpty() || line.startsWith("#") || (k == 0 && line.equalsIgnoreCase("name,weight"))) {
                continue;
            }
            String[] f = line.split(",", -1);
            String where = current + " line " + (k + 1);
            CliSupport.require(spec, f.length == 2, "--current", where + ": expected 'name,weight'");
            int idx = names.indexOf(f[0].strip());
            CliSupport.require(spec, idx >= 0, "--current", where + ": unknown strategy '" + f[0].strip() + "'");
            CliSupport.require(spec, !seen[idx], "--current", where + ": strategy '" + f[0].strip() + "' twice");
            seen[idx] = true;
            w[idx] = number(f[1], "--current", where);
        }
        return w;
    }

    private double number(String text, String flag) {
        return number(text, flag, "'" + text.strip() + "'");
    }

    private double number(String text, String flag, String where) {
        try {
            double v = Double.parseDouble(text.strip());
            CliSupport.require(spec, Double.isFinite(v), flag, where + ": not a finite number");
            return v;
        } catch (NumberFormatException e) {
            throw CliSupport.badInput(spec, flag, where + ": not a number: '" + text.strip() + "'");
        }
    }

    private void writeFrontier(EfficientFrontier f) throws IOException {
        Files.createDirectories(frontierOut);
        Files.writeString(frontierOut.resolve("frontier.html"), FrontierChart.html(f, beta,
                "Mean-CVaR efficient frontier (" + (scenarios != null ? scenarios : book).getFileName() + ")"));
        ArrayNode points = CliSupport.JSON.createArrayNode();
        for (Allocation p : f.points()) {
            ObjectNode o = points.addObject();
            o.put("expectedReturn", p.expectedReturn());
            o.put("cvar", p.cvar());
            o.put("var", p.var());
            weights(o, p);
        }
        Files.writeString(frontierOut.resolve("frontier.json"), CliSupport.JSON.writeValueAsString(points));
    }

    private ObjectNode toJson(Allocation a, String obj, ScenarioMatrix sc, PortfolioConstraints c, double millis) {
        ObjectNode o = CliSupport.object();
        o.put("objective", obj);
        o.put("status", a.status().label());
        if (!a.reason().isEmpty()) {
            o.put("reason", a.reason());
        }
        o.put("solver", a.solver());
        o.put("scenarios", sc.scenarioCount());
        o.put("strategies", sc.strategyCount());
        o.put("beta", beta);
        if (a.hasWeights()) {
            weights(o, a);
            o.put("expectedReturn", a.expectedReturn());
            o.put("cvar", a.cvar());
            o.put("var", a.var());
            o.put("turnover", c.turnover(a.weights()));
            o.put("tradingCost", c.tradingCost(a.weights()));
            if (obj.equals("max-sharpe")) {
                o.put("sharpe", MeanVarianceOptimizer.sharpe(sc, c, a.weights(), riskFree));
            }
            if (obj.equals("kelly")) {
                o.put("kellyFraction", kellyFraction);
                o.put("expectedLogGrowth", KellyOptimizer.growth(sc, a.weights(), c));
            }
            if (obj.equals("risk-parity")) {
                double[] shares = risk.equalsIgnoreCase("cvar") ? RiskParity.cvarShares(sc, beta, a.weights())
                        : RiskParity.volatilityShares(sc, a.weights());
                ArrayNode arr = o.putArray("riskShares");
                for (double s : shares) {
                    arr.add(s);
                }
            }
        }
        o.put("iterations", a.iterations());
        if (Double.isFinite(a.gap())) {
            o.put("gap", a.gap());
        }
        if (frontierOut != null && a.hasWeights()) {
            o.put("frontier", frontierOut.resolve("frontier.html").toString());
        }
        o.put("elapsedMillis", millis);
        return o;
    }

    private static void candidates(com.fasterxml.jackson.databind.node.ArrayNode array,
                                   List<ParameterChoice.Candidate> list) {
        for (ParameterChoice.Candidate c : list) {
            array.addObject().put("name", c.name()).put("family", c.family()).put("weight", c.weight())
                    .put("expectedReturn", c.expectedReturn()).put("cvar", c.cvar())
                    .put("returnShare", c.returnShare());
        }
    }

    private static void printChoice(ParameterChoice choice) {
        System.out.println();
        System.out.println("Parameters chosen (weight, expected return, standalone CVaR, share of the return):");
        for (ParameterChoice.Candidate c : choice.chosen()) {
            System.out.printf("  %-44s %7.2f%% %9.4f %9.4f %7.1f%%%n", c.name(), 100 * c.weight(),
                    c.expectedReturn(), c.cvar(), 100 * c.returnShare());
        }
        System.out.println("Best return per unit of CVaR in each family (standalone):");
        for (ParameterChoice.Candidate c : choice.bestByFamily()) {
            System.out.printf("  %-30s %-44s %9.4f / %.4f%n", c.family(), c.name(), c.expectedReturn(), c.cvar());
        }
    }

    private static void weights(ObjectNode o, Allocation a) {
        ArrayNode arr = o.putArray("weights");
        double[] w = a.weights();
        for (int i = 0; i < w.length; i++) {
            arr.addObject().put("name", a.names().get(i)).put("weight", w[i]);
        }
    }

    private static void printTable(Allocation a, String obj, double millis) {
        System.out.printf("%s — %s (%s)%n", obj, a.status().label(), a.solver());
        if (!a.hasWeights()) {
            System.out.println(a.reason());
            return;
        }
        double[] w = a.weights();
        for (int i = 0; i < w.length; i++) {
            System.out.printf("  %-24s %10.4f%n", a.names().get(i), w[i]);
        }
        System.out.printf("expected return %.4f%%   VaR %.4f%%   CVaR %.4f%%   (%.0f ms)%n", 100 * a.expectedReturn(),
                100 * a.var(), 100 * a.cvar(), millis);
    }
}
