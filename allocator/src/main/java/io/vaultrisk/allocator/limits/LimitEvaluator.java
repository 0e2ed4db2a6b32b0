package io.vaultrisk.allocator.limits;

import io.vaultrisk.allocator.ScenarioMatrix;
import io.vaultrisk.allocator.strategy.ScenarioSimulation;
import io.vaultrisk.allocator.strategy.StrategyNames;
import io.vaultrisk.allocator.strategy.StrategySimulator;
import io.vaultrisk.allocator.strategy.StrategyTemplate;
import io.vaultrisk.montecarlo.book.MarketData;
import io.vaultrisk.montecarlo.risk.TailMeasures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Evaluates a vault's limits on its sleeves: the vault's strategies and one spot column per underlying are simulated
 * on one set of paths ({@link ScenarioSimulation}, the allocator's strategy simulation, over the limits' horizon and
 * with their paths and seed), so every candidate weight vector is evaluated on the same scenarios: VaR and ES of the
 * portfolio loss (montecarlo's {@link TailMeasures}, fractions of vault value), delta per underlying as the
 * least-squares coefficients of the portfolio return on the underlyings' returns over the horizon (a scenario delta,
 * not a greek: it includes the options' gamma over the horizon), and the drawdown from the high-water mark the vault
 * would reach if the ES loss happened from here. The result depends only on the inputs (the simulation runs in fixed
 * blocks), so a stored evaluation replays bit for bit.
 */
public final class LimitEvaluator {
    public static final LimitEvaluator DEFAULT = new LimitEvaluator();
    /** Bisection steps of {@link #derisk}: 2⁻²⁰ of the risky weight, far below one basis point. */
    public static final int BISECTION_STEPS = 20;

    private LimitEvaluator() {}

    /** One limit exceeded: the label ("ES99 1d"), the value and the limit (fractions). */
    public record Breach(String measure, double value, double limit) {
        /** "ES99 1d 14.2% > 12%" (delta as a number, the rest in percent). */
        public String text() {
            if (measure.startsWith("delta ")) {
                return String.format(Locale.ROOT, "%s %.3f > %s", measure, value, trim(limit));
            }
            return String.format(Locale.ROOT, "%s %.1f%% > %s%%", measure, 100 * value, trim(100 * limit));
        }

        private static String trim(double x) {
            double r = Math.rint(x * 1000) / 1000;
            return r == Math.rint(r) ? String.valueOf((long) r) : String.valueOf(r);
        }
    }

    /**
     * The figures of one weight vector (fractions of vault value) and the limits they exceed.
     *
     * @param drawdown the drawdown from the high-water mark after an ES loss from here: 1 − (1 − now)(1 − ES)
     */
    public record Result(
            double[] weights,
            double var,
            double es,
            Map<String, Double> delta,
            double drawdown,
            List<Breach> breaches) {
        public boolean breached() {
            return !breaches.isEmpty();
        }
    }

    /** The de-risked weights: the fraction of every risky sleeve moved to the stablecoin, and their evaluation. */
    public record Derisk(double fraction, double[] weights, Result result) {}

    /** The simulated scenarios of a vault's sleeves, evaluated for many weight vectors without simulating again. */
    public static final class Scenarios {
        private final ScenarioMatrix matrix;
        private final int sleeves;
        private final List<String> underlyings;
        private final int stable;
        private final VaultLimits limits;

        private final List<String> sleeveUnderlyings;

        private Scenarios(
                ScenarioMatrix matrix,
                int sleeves,
                List<String> underlyings,
                int stable,
                VaultLimits limits,
                List<String> sleeveUnderlyings) {
            this.matrix = matrix;
            this.sleeves = sleeves;
            this.underlyings = underlyings;
            this.stable = stable;
            this.limits = limits;
            this.sleeveUnderlyings = sleeveUnderlyings;
        }

        /** The underlying each sleeve holds or writes options on ("" for the stablecoin), in the vault's order. */
        public List<String> sleeveUnderlyings() {
            return sleeveUnderlyings;
        }

        /** The vault's sleeves only (without the underlyings' columns), for an optimiser. */
        public ScenarioMatrix sleeves() {
            double[][] rows = new double[matrix.scenarioCount()][sleeves];
            for (int i = 0; i < rows.length; i++) {
                for (int j = 0; j < sleeves; j++) {
                    rows[i][j] = matrix.get(i, j);
                }
            }
            return ScenarioMatrix.ofRows(matrix.names().subList(0, sleeves), rows);
        }

        /** Index of the stablecoin sleeve (the first), or −1 when the vault has none. */
        public int stable() {
            return stable;
        }
    }

    /**
     * With {@link ScenarioSimulation}'s stated depeg scenario of the stablecoin sleeve.
     *
     * @param stableYield annual yield of a stablecoin sleeve
     * @param impliedVolPremium option sleeves' implied over realised vol minus one
     */
    public Scenarios simulate(
            MarketData market,
            List<String> strategies,
            VaultLimits limits,
            double stableYield,
            double impliedVolPremium) {
        return simulate(
                market,
                strategies,
                limits,
                stableYield,
                impliedVolPremium,
                ScenarioSimulation.DEFAULT_DEPEG_PROBABILITY,
                ScenarioSimulation.DEFAULT_DEPEG_LOSS);
    }

    /**
     * @param depegProbability chance per year that the stablecoin sleeve loses {@code depegLoss} of its value
     */
    public Scenarios simulate(
            MarketData market,
            List<String> strategies,
            VaultLimits limits,
            double stableYield,
            double impliedVolPremium,
            double depegProbability,
            double depegLoss) {
        List<StrategyTemplate> templates = new ArrayList<>();
        List<String> sleeveUnderlyings = new ArrayList<>();
        int stable = -1;
        for (String s : strategies) {
            StrategyTemplate t = StrategyNames.parse(s, market, stableYield);
            if (stable < 0 && t instanceof StrategyTemplate.Stablecoin) {
                stable = templates.size();
            }
            templates.add(t);
            String u = StrategySimulator.underlying(t);
            sleeveUnderlyings.add(u == null ? "" : u);
        }
        // one spot column per underlying, simulated on the same paths (a spot sleeve of the vault is that column)
        List<String> underlyings = new ArrayList<>();
        int[] column = new int[market.size()];
        for (int u = 0; u < market.size(); u++) {
            String name = market.underlyings().get(u).name();
            underlyings.add(name);
            column[u] = templates.indexOf(new StrategyTemplate.Spot(name));
            if (column[u] < 0) {
                column[u] = templates.size();
                templates.add(new StrategyTemplate.Spot(name));
            }
        }
        ScenarioSimulation base = new ScenarioSimulation(
                limits.horizonDays(), limits.paths(), limits.seed(), impliedVolPremium, stableYield);
        ScenarioSimulation sim = new ScenarioSimulation(
                base.horizonDays(),
                base.paths(),
                base.seed(),
                base.impliedVolPremium(),
                base.stableYield(),
                base.optionHalfSpread(),
                base.hedgeEveryHours(),
                base.hedgeInstrument(),
                base.tradingFee(),
                base.hedgeHalfSpread(),
                base.impact(),
                base.depth(),
                base.vaultCapital(),
                base.borrowRate(),
                depegProbability,
                depegLoss);
        ScenarioMatrix raw = sim.simulate(market, templates);
        int n = strategies.size();
        List<String> names = new ArrayList<>(strategies);
        underlyings.forEach(u -> names.add("underlying:" + u));
        double[][] rows = new double[raw.scenarioCount()][n + underlyings.size()];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < n; j++) {
                rows[i][j] = raw.get(i, j);
            }
            for (int u = 0; u < column.length; u++) {
                rows[i][n + u] = raw.get(i, column[u]);
            }
        }
        return new Scenarios(
                ScenarioMatrix.ofRows(names, rows),
                strategies.size(),
                List.copyOf(underlyings),
                stable,
                limits,
                List.copyOf(sleeveUnderlyings));
    }

    /**
     * @param weights fractions of vault value per sleeve, in the vault's order
     * @param drawdownNow the vault's drawdown from its high-water mark now, in [0, 1)
     */
    public Result evaluate(Scenarios s, double[] weights, double drawdownNow) {
        if (weights.length != s.sleeves) {
            throw new IllegalArgumentException("weights: one per sleeve (" + s.sleeves + "), got " + weights.length);
        }
        VaultLimits limits = s.limits;
        double[] full = Arrays.copyOf(weights, s.matrix.strategyCount());
        double[] losses = s.matrix.portfolioLosses(full);
        double[] sorted = losses.clone();
        Arrays.sort(sorted);
        TailMeasures tail = TailMeasures.of(sorted, limits.confidence());
        Map<String, Double> delta = deltas(s, losses);
        double drawdown = 1 - (1 - drawdownNow) * (1 - Math.max(0, tail.es()));
        List<Breach> breaches = new ArrayList<>();
        if (tail.var() > limits.var()) {
            breaches.add(new Breach(limits.level("VaR"), tail.var(), limits.var()));
        }
        if (tail.es() > limits.es()) {
            breaches.add(new Breach(limits.level("ES"), tail.es(), limits.es()));
        }
        for (Map.Entry<String, Double> e : limits.delta().entrySet()) {
            Double d = delta.get(e.getKey());
            if (d != null && Math.abs(d) > e.getValue()) {
                breaches.add(new Breach("delta " + e.getKey(), Math.abs(d), e.getValue()));
            }
        }
        if (drawdown > limits.maxDrawdown()) {
            breaches.add(new Breach("drawdown after " + limits.level("ES"), drawdown, limits.maxDrawdown()));
        }
        return new Result(weights.clone(), tail.var(), tail.es(), delta, drawdown, List.copyOf(breaches));
    }

    /**
     * The least de-risking that brings the vault inside its limits: every risky sleeve scaled by (1 − f) and the
     * stablecoin sleeve given the rest, f found by bisection ({@value #BISECTION_STEPS} steps) on "all limits hold".
     * Cost grows with the turnover f × (risky weight), so the smallest such f is the cheapest move of this one-parameter
     * family; the limits are assumed to tighten as f grows (true of VaR, ES and |delta| when every risky sleeve is
     * scaled alike). When even f = 1 breaches (a drawdown already past its limit), f = 1 is returned with its breaches.
     *
     * @throws IllegalArgumentException when the vault has no stablecoin sleeve to move to
     */
    public Derisk derisk(Scenarios s, double[] current, double drawdownNow) {
        if (s.stable < 0) {
            throw new IllegalArgumentException("the vault has no stablecoin sleeve to de-risk into");
        }
        Result now = evaluate(s, current, drawdownNow);
        if (!now.breached()) {
            return new Derisk(0, current.clone(), now);
        }
        Result all = evaluate(s, scaled(s, current, 1), drawdownNow);
        if (all.breached()) {
            return new Derisk(1, all.weights(), all);
        }
        double lo = 0, hi = 1;
        Result best = all;
        for (int i = 0; i < BISECTION_STEPS; i++) {
            double mid = 0.5 * (lo + hi);
            Result r = evaluate(s, scaled(s, current, mid), drawdownNow);
            if (r.breached()) {
                lo = mid;
            } else {
                hi = mid;
                best = r;
            }
        }
        return new Derisk(hi, best.weights(), best);
    }

    /** Risky sleeves × (1 − f), the stablecoin sleeve takes what they gave up. */
    public static double[] scaled(Scenarios s, double[] w, double f) {
        double[] out = new double[w.length];
        double moved = 0;
        for (int i = 0; i < w.length; i++) {
            if (i == s.stable) {
                continue;
            }
            out[i] = w[i] * (1 - f);
            moved += w[i] - out[i];
        }
        out[s.stable] = w[s.stable] + moved;
        return out;
    }

    /** Least-squares coefficients of the portfolio return on the underlyings' returns (normal equations). */
    private static Map<String, Double> deltas(Scenarios s, double[] losses) {
        int k = s.underlyings.size();
        int n = losses.length;
        double[][] x = new double[k][];
        double[] mean = new double[k];
        for (int u = 0; u < k; u++) {
            x[u] = s.matrix.column(s.sleeves + u);
            mean[u] = Arrays.stream(x[u]).sum() / n;
        }
        double my = 0;
        for (double l : losses) {
            my -= l;
        }
        my /= n;
        double[][] a = new double[k][k + 1];
        for (int u = 0; u < k; u++) {
            for (int v = 0; v < k; v++) {
                double c = 0;
                for (int i = 0; i < n; i++) {
                    c += (x[u][i] - mean[u]) * (x[v][i] - mean[v]);
                }
                a[u][v] = c;
            }
            double c = 0;
            for (int i = 0; i < n; i++) {
                c += (x[u][i] - mean[u]) * (-losses[i] - my);
            }
            a[u][k] = c;
        }
        double[] beta = solve(a, k);
        Map<String, Double> out = new LinkedHashMap<>();
        for (int u = 0; u < k; u++) {
            out.put(s.underlyings.get(u), beta[u]);
        }
        return out;
    }

    /** Gaussian elimination with partial pivoting on the augmented k × (k + 1) matrix; a singular column gives 0. */
    private static double[] solve(double[][] a, int k) {
        for (int c = 0; c < k; c++) {
            int p = c;
            for (int r = c + 1; r < k; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[p][c])) {
                    p = r;
                }
            }
            double[] t = a[c];
            a[c] = a[p];
            a[p] = t;
            if (Math.abs(a[c][c]) < 1e-300) {
                continue;
            }
            for (int r = c + 1; r < k; r++) {
                double f = a[r][c] / a[c][c];
                for (int j = c; j <= k; j++) {
                    a[r][j] -= f * a[c][j];
                }
            }
        }
        double[] b = new double[k];
        for (int r = k - 1; r >= 0; r--) {
            if (Math.abs(a[r][r]) < 1e-300) {
                continue;
            }
            double sum = a[r][k];
            for (int j = r + 1; j < k; j++) {
                sum -= a[r][j] * b[j];
            }
            b[r] = sum / a[r][r];
        }
        return b;
    }
}
