package io.vaultrisk.montecarlo.risk;

import io.vaultrisk.basics.Greeks;
import io.vaultrisk.kernels.ProgressSink;
import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.PerpetualPosition;
import io.vaultrisk.montecarlo.book.Position;
import io.vaultrisk.montecarlo.book.Underlying;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Monte Carlo risk of a book: correlated GBM paths of every underlying (each simulated once per path), perpetuals
 * monitored for liquidation at every step with funding along the path, full revaluation at each horizon, VaR and ES
 * with confidence intervals, Euler contributions, liquidation probabilities, greeks and margin. Stateless.
 */
public final class RiskEngine {
    public static final RiskEngine DEFAULT = new RiskEngine();
    /** Joint shocks of the margin risk matrix. */
    public static final double[] MARGIN_SPOT_SHOCKS = {
        -0.30, -0.25, -0.20, -0.15, -0.10, -0.05, 0, 0.05, 0.10, 0.15, 0.20, 0.25, 0.30
    };

    public static final double[] MARGIN_VOL_SHOCKS = {-0.30, 0.0, 0.50};
    public static final double MAINTENANCE_FRACTION = 0.8;

    private RiskEngine() {}

    public RiskReport run(Book book, RiskSettings settings, ProgressSink progress) {
        long t0 = System.nanoTime();
        SimulationPlan plan = new SimulationPlan(book, settings);
        List<String> warnings = new ArrayList<>();
        if (plan.correlation.repaired()) {
            warnings.add(String.format(
                    Locale.ROOT,
                    "correlation matrix was not positive semi-definite and was "
                            + "replaced by the nearest correlation matrix (largest change %.4g)",
                    plan.correlation.maxRepair()));
        }
        BookSimulator.Output out = BookSimulator.run(plan, settings.threads(), progress);
        List<Position> ps = book.positions();
        double[] v0 = new double[ps.size()];
        Map<String, Double> values = new LinkedHashMap<>();
        double bookValue = 0;
        for (int i = 0; i < ps.size(); i++) {
            v0[i] = PositionValuer.DEFAULT.value(book, ps.get(i));
            values.put(ps.get(i).id(), v0[i]);
            bookValue += v0[i];
        }
        List<RiskReport.HorizonRisk> horizons = new ArrayList<>();
        for (int h = 0; h < plan.horizons(); h++) {
            horizons.add(horizon(plan, out, h, v0, bookValue));
        }
        int n = Math.toIntExact(settings.paths());
        List<RiskReport.PerpetualRisk> perps = new ArrayList<>();
        for (int p = 0; p < plan.perps.size(); p++) {
            PerpetualPosition pp = plan.perps.get(p);
            List<RiskReport.LiquidationEstimate> est = new ArrayList<>();
            for (int h = 0; h < plan.horizons(); h++) {
                double prob = out.liquidations()[h][p] / (double) n;
                est.add(new RiskReport.LiquidationEstimate(
                        settings.horizonDays()[h], prob, Math.sqrt(prob * (1 - prob) / n), out.fundingSum()[h][p] / n));
            }
            perps.add(new RiskReport.PerpetualRisk(
                    pp.id(),
                    pp.underlying(),
                    pp.settlement().name().toLowerCase(Locale.ROOT),
                    pp.size() > 0 ? "long" : "short",
                    PerpetualMath.liquidationPrice(pp),
                    est));
        }
        List<RiskReport.UnderlyingGreeks> greeks = greeks(book);
        RiskReport.MarginReport margin = margin(book, horizons.get(0));
        return new RiskReport(
                book.name(),
                book.quoteCurrency(),
                book.asOf().toString(),
                settings.paths(),
                settings.seed(),
                settings.stepsPerDay(),
                plan.correlation,
                bookValue,
                values,
                horizons,
                perps,
                greeks,
                margin,
                (System.nanoTime() - t0) / 1e6,
                warnings);
    }

    private RiskReport.HorizonRisk horizon(
            SimulationPlan plan, BookSimulator.Output out, int h, double[] v0, double bookValue) {
        HorizonValuation hv = new HorizonValuation(plan, out, h);
        double[] loss = hv.bookValues(out);
        int n = loss.length;
        for (int k = 0; k < n; k++) {
            loss[k] = bookValue - loss[k];
        }
        double[] sorted = loss.clone();
        Arrays.parallelSort(sorted);
        double[] levels = plan.settings.confidences();
        TailMeasures[] measures = new TailMeasures[levels.length];
        int window = Math.max(5, (int) Math.ceil(0.5 * Math.sqrt(n)));
        int minRank = n - 1;
        for (int l = 0; l < levels.length; l++) {
            measures[l] = TailMeasures.of(sorted, levels[l]);
            minRank = Math.min(minRank, Math.max(0, measures[l].varRank() - 1 - window));
        }
        // the tail paths (ranks minRank..n-1), sorted by loss then path index
        double threshold = sorted[minRank];
        int m = n - minRank;
        List<long[]> tail = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            if (loss[k] >= threshold) {
                tail.add(new long[] {Double.doubleToLongBits(loss[k]), k});
            }
        }
        int[] paths = tail.stream()
                .sorted((a, b) -> {
                    int c = Double.compare(Double.longBitsToDouble(a[0]), Double.longBitsToDouble(b[0]));
                    return c != 0 ? c : Long.compare(a[1], b[1]);
                })
                .skip(Math.max(0, tail.size() - m))
                .mapToInt(a -> (int) a[1])
                .toArray();
        List<Position> ps = plan.book.positions();
        BookSimulator.PerPerp perp = BookSimulator.perPerpetual(plan, paths);
        double[][] posLoss = new double[ps.size()][paths.length];
        int perpIndex = 0;
        for (int i = 0; i < ps.size(); i++) {
            if (hv.isPerpetual(i)) {
                double[] pv = perp.value()[h][perpIndex++];
                for (int j = 0; j < paths.length; j++) {
                    posLoss[i][j] = v0[i] - pv[j];
                }
            } else {
                for (int j = 0; j < paths.length; j++) {
                    posLoss[i][j] = v0[i] - hv.positionValue(i, out, paths[j]);
                }
            }
        }
        List<RiskReport.LevelRisk> risks = new ArrayList<>();
        for (TailMeasures tm : measures) {
            int varIdx = tm.varRank() - 1 - minRank; // index of the VaR path in `paths`
            int lo = Math.max(0, varIdx - window), hi = Math.min(paths.length - 1, varIdx + window);
            List<RiskReport.Contribution> contributions = new ArrayList<>();
            for (int i = 0; i < ps.size(); i++) {
                double es = 0, var = 0;
                for (int j = varIdx; j < paths.length; j++) {
                    es += posLoss[i][j];
                }
                for (int j = lo; j <= hi; j++) {
                    var += posLoss[i][j];
                }
                contributions.add(
                        new RiskReport.Contribution(ps.get(i).id(), var / (hi - lo + 1), es / (paths.length - varIdx)));
            }
            risks.add(new RiskReport.LevelRisk(tm, contributions, window));
        }
        return new RiskReport.HorizonRisk(
                plan.settings.horizonDays()[h], plan.horizonYears(h), risks, PnlStatistics.of(sorted));
    }

    static List<RiskReport.UnderlyingGreeks> greeks(Book book) {
        List<RiskReport.UnderlyingGreeks> out = new ArrayList<>();
        for (Underlying u : book.market().underlyings()) {
            double delta = 0, gamma = 0, vega = 0, vanna = 0, volga = 0;
            for (Position p : book.positions()) {
                if (p.underlying().equals(u.name())) {
                    Greeks g = PositionValuer.DEFAULT.greeks(book, p);
                    delta += g.delta();
                    gamma += g.gamma();
                    vega += g.vega();
                    double[] second = PositionValuer.DEFAULT.vannaVolga(book, p);
                    vanna += second[0];
                    volga += second[1];
                }
            }
            double s = u.spot();
            out.add(new RiskReport.UnderlyingGreeks(
                    u.name(), s, delta, delta * s, gamma, 0.5 * gamma * s * s * 1e-4, vega, vega / 100, vanna, volga));
        }
        return out;
    }

    static RiskReport.MarginReport margin(Book book, RiskReport.HorizonRisk first) {
        TailMeasures top = first.levels().get(first.levels().size() - 1).measures();
        double varEs = Math.max(0.0, top.es());
        RiskMatrix matrix = RiskMatrix.ofTenorScaled(book, MARGIN_SPOT_SHOCKS, MARGIN_VOL_SHOCKS);
        int[] w = matrix.worstCell();
        double rm = matrix.worstLoss();
        double initial = Math.max(varEs, rm);
        double isolated = 0, perpMaint = 0;
        for (Position p : book.positions()) {
            if (p instanceof PerpetualPosition pp) {
                double s = book.market().underlying(pp.underlying()).spot();
                isolated += pp.isLinear() ? pp.margin() : pp.margin() * s;
                perpMaint += pp.isLinear()
                        ? pp.maintenanceMarginRate() * Math.abs(pp.size()) * s
                        : pp.maintenanceMarginRate() * Math.abs(pp.size());
            }
        }
        return new RiskReport.MarginReport(
                varEs,
                rm,
                "spot -30%..+30% step 5% x vol -30%, 0, +50% scaled by (30/days)^p, p = 0.30 under 30 days, 0.13"
                        + " from 30 (joint, instant)",
                MARGIN_SPOT_SHOCKS[w[0]],
                MARGIN_VOL_SHOCKS[w[1]],
                initial,
                MAINTENANCE_FRACTION * initial,
                MAINTENANCE_FRACTION,
                isolated,
                perpMaint,
                String.format(
                        Locale.ROOT,
                        "initial = max(ES %.4g at %d day(s), risk-matrix worst loss); maintenance = %.0f%% of initial; "
                                + "perpetuals' isolated margins are posted on their venues and reported separately",
                        top.confidence(),
                        first.days(),
                        100 * MAINTENANCE_FRACTION));
    }
}
