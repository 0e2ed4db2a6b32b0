package io.vaultrisk.allocator.limits;

import io.vaultrisk.allocator.ScenarioMatrix;
import io.vaultrisk.allocator.strategy.ScenarioSimulation;
import io.vaultrisk.allocator.strategy.StrategyNames;
import io.vaultrisk.allocator.strategy.StrategySimulator;
import io.vaultrisk.allocator.strategy.StrategyTemplate;
import io.vaultrisk.kernels.ProgressSink;
import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.MarketData;
import io.vaultrisk.montecarlo.risk.LiquidationMonitoring;
import io.vaultrisk.montecarlo.risk.RiskEngine;
import io.vaultrisk.montecarlo.risk.RiskReport;
import io.vaultrisk.montecarlo.risk.RiskSettings;
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
 *
 * <p>The limits of a book (vega per underlying, liquidation probability of each perpetual, margin use) are read from
 * montecarlo's {@link RiskEngine} report of the vault's book ({@link #withBook}: one run with the limits' horizon,
 * confidence, paths and seed, liquidation monitored continuously), not recomputed here: the sleeves' simulation has
 * no greeks, perpetuals or margin. A weight vector is taken to scale every risky position of the book alike by its
 * risky weight over the held one: vega and margin (ES and risk-matrix margins are positively homogeneous) scale with
 * it, and a perpetual scaled with its isolated margin keeps its leverage, so its liquidation probability stays until
 * the perpetual is closed (risky weight 0): de-risking a liquidation breach therefore closes the risky sleeves.
 */
public final class LimitEvaluator {
    public static final LimitEvaluator DEFAULT = new LimitEvaluator();
    /** Bisection steps of {@link #derisk}: 2⁻²⁰ of the risky weight, far below one basis point. */
    public static final int BISECTION_STEPS = 20;

    private LimitEvaluator() {}

    /**
     * A vault's book as montecarlo's risk engine reported it for the limits, with the risky weight it was held at.
     *
     * @param vega vega per underlying for one vol point, as a fraction of book value
     * @param liquidation each perpetual's probability of liquidation within the limits' horizon (with its standard
     *     error), by position id
     * @param marginUse initial margin over book value
     */
    public record BookRisk(
            double bookValue,
            Map<String, Double> vega,
            Map<String, Liquidation> liquidation,
            double marginUse,
            double heldRiskyWeight) {}

    /** A perpetual's liquidation probability within the horizon, its binomial standard error, liquidation price. */
    public record Liquidation(String underlying, double probability, double stderr, double liquidationPrice) {}

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
            List<Breach> breaches,
            Map<String, Double> vega,
            Map<String, Double> liquidationProbability,
            double marginUse) {
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
        private final BookRisk book;

        private Scenarios(
                ScenarioMatrix matrix,
                int sleeves,
                List<String> underlyings,
                int stable,
                VaultLimits limits,
                List<String> sleeveUnderlyings,
                BookRisk book) {
            this.matrix = matrix;
            this.sleeves = sleeves;
            this.underlyings = underlyings;
            this.stable = stable;
            this.limits = limits;
            this.sleeveUnderlyings = sleeveUnderlyings;
            this.book = book;
        }

        /** The book's risk the book limits are checked on, or null when the limits have none. */
        public BookRisk book() {
            return book;
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

        /** The summed absolute weight of every sleeve but the stablecoin. */
        double risky(double[] w) {
            double r = 0;
            for (int i = 0; i < w.length; i++) {
                r += i == stable ? 0 : Math.abs(w[i]);
            }
            return r;
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
                List.copyOf(sleeveUnderlyings),
                null);
    }

    /**
     * The scenarios with the vault's book risk for the book limits: one {@link RiskEngine} run of {@code book} at the
     * limits' horizon and confidence, paths and seed (so it replays bit for bit), 24 steps a day and continuous
     * liquidation monitoring; {@code held} is the weight vector the book describes.
     */
    public Scenarios withBook(Scenarios s, Book book, double[] held) {
        VaultLimits l = s.limits;
        RiskSettings settings = new RiskSettings(
                l.paths(),
                l.seed(),
                new int[] {l.horizonDays()},
                new double[] {l.confidence()},
                RiskSettings.DEFAULT_STEPS_PER_DAY,
                0,
                false,
                LiquidationMonitoring.CONTINUOUS,
                null,
                null);
        RiskReport r = RiskEngine.DEFAULT.run(book, settings, ProgressSink.NONE);
        double value = r.bookValue();
        Map<String, Double> vega = new LinkedHashMap<>();
        for (RiskReport.UnderlyingGreeks g : r.greeks()) {
            vega.put(g.underlying(), g.vegaPerVolPoint() / value);
        }
        Map<String, Liquidation> liq = new LinkedHashMap<>();
        for (RiskReport.PerpetualRisk p : r.perpetuals()) {
            RiskReport.LiquidationEstimate e = p.horizons().stream()
                    .filter(h -> h.days() == l.horizonDays())
                    .findFirst()
                    .orElseThrow();
            liq.put(p.id(), new Liquidation(p.underlying(), e.probability(), e.stderr(), p.liquidationPrice()));
        }
        double margin = value > 0 ? r.margin().initialMargin() / value : Double.POSITIVE_INFINITY;
        BookRisk b = new BookRisk(value, Map.copyOf(vega), Map.copyOf(liq), margin, s.risky(held));
        return new Scenarios(s.matrix, s.sleeves, s.underlyings, s.stable, s.limits, s.sleeveUnderlyings, b);
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
        Map<String, Double> vega = new LinkedHashMap<>();
        Map<String, Double> liquidation = new LinkedHashMap<>();
        double margin = Double.NaN;
        if (s.book != null) {
            BookRisk b = s.book;
            double k = b.heldRiskyWeight() > 0 ? s.risky(weights) / b.heldRiskyWeight() : 1;
            b.vega().forEach((u, v) -> vega.put(u, v * k));
            b.liquidation().forEach((id, p) -> liquidation.put(id, k > 0 ? p.probability() : 0.0));
            margin = b.marginUse() * k;
            for (Map.Entry<String, Double> e : limits.vega().entrySet()) {
                Double v = vega.get(e.getKey());
                if (v != null && Math.abs(v) > e.getValue()) {
                    breaches.add(new Breach("vega " + e.getKey(), Math.abs(v), e.getValue()));
                }
            }
            for (Map.Entry<String, Double> e : liquidation.entrySet()) {
                if (e.getValue() > limits.liquidationProbability()) {
                    breaches.add(new Breach(
                            "liquidation " + e.getKey() + " " + limits.horizonDays() + "d",
                            e.getValue(),
                            limits.liquidationProbability()));
                }
            }
            if (margin > limits.marginUse()) {
                breaches.add(new Breach("margin use", margin, limits.marginUse()));
            }
        }
        return new Result(
                weights.clone(),
                tail.var(),
                tail.es(),
                delta,
                drawdown,
                List.copyOf(breaches),
                Map.copyOf(vega),
                Map.copyOf(liquidation),
                margin);
    }

    /**
     * The least de-risking that brings the vault inside its limits: every risky sleeve scaled by (1 − f) and the
     * stablecoin sleeve given the rest, f found by bisection ({@value #BISECTION_STEPS} steps) on "all limits hold".
     * Cost grows with the turnover f × (risky weight), so the smallest such f is the cheapest move of this one-parameter
     * family; the limits are assumed to tighten as f grows (true of VaR, ES and |delta| when every risky sleeve is
     * scaled alike; vega and margin use fall with (1 − f); a perpetual's liquidation probability holds until f = 1).
     * When even f = 1 breaches (a drawdown already past its limit), f = 1 is returned with its breaches.
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
