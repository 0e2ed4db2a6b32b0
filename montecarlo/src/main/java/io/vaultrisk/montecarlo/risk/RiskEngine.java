package io.vaultrisk.montecarlo.risk;

import io.vaultrisk.basics.Greeks;
import io.vaultrisk.kernels.PathBackend;
import io.vaultrisk.kernels.ProgressSink;
import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.PerpetualPosition;
import io.vaultrisk.montecarlo.book.Position;
import io.vaultrisk.montecarlo.book.Underlying;
import io.vaultrisk.montecarlo.compute.ComputeBackend;
import io.vaultrisk.montecarlo.compute.PathStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Monte Carlo risk of a book: correlated GBM paths of every underlying (each simulated once per path), perpetuals
 * monitored for liquidation at every step with funding along the path, full revaluation at each horizon, VaR and ES
 * with confidence intervals, Euler contributions, liquidation probabilities, greeks and margin. Stateless. The
 * paths run on a {@link ComputeBackend} the engine never looks into ({@link #DEFAULT}: the CPU; {@link #on}: any
 * backend); the report names the backend and device that ran them and carries any fallback warning.
 */
public final class RiskEngine {
    public static final RiskEngine DEFAULT = new RiskEngine(ComputeBackend.CPU);
    /** Joint shocks of the margin risk matrix. */
    public static final double[] MARGIN_SPOT_SHOCKS = {
        -0.30, -0.25, -0.20, -0.15, -0.10, -0.05, 0, 0.05, 0.10, 0.15, 0.20, 0.25, 0.30
    };

    public static final double[] MARGIN_VOL_SHOCKS = {-0.30, 0.0, 0.50};
    public static final double MAINTENANCE_FRACTION = 0.8;

    private final ComputeBackend compute;

    private RiskEngine(ComputeBackend compute) {
        this.compute = compute;
    }

    /** An engine whose paths run on {@code compute}. */
    public static RiskEngine on(ComputeBackend compute) {
        return new RiskEngine(compute);
    }

    /** An engine whose paths run on {@code backend}, falling back to the CPU with a warning when it cannot. */
    public static RiskEngine on(PathBackend backend) {
        return new RiskEngine(new ComputeBackend(backend, true));
    }

    public ComputeBackend compute() {
        return compute;
    }

    /**
     * Throws {@link io.vaultrisk.kernels.BackendException} when the backend is absent or fails and the engine was made
     * without fallback; never returns a partial result.
     */
    public RiskReport run(Book book, RiskSettings settings, ProgressSink progress) {
        long t0 = System.nanoTime();
        coinIndex(book, settings.currency());
        SimulationPlan plan = new SimulationPlan(book, settings);
        List<String> warnings = planWarnings(plan);
        BookSimulator.Output out = BookSimulator.run(
                plan, compute, PathStream.chunk(plan.paths), settings.threads(), progress, warnings::add);
        return report(plan, out, warnings, t0);
    }

    /**
     * Checks that {@code settings} can run {@code book} (the coin of the view, the correlation matrix) as {@link #run}
     * would, without simulating: a distributed run calls it before it sends the book out. Throws what {@link #run}
     * throws for a bad book or setting.
     */
    public void check(Book book, RiskSettings settings) {
        coinIndex(book, settings.currency());
        new SimulationPlan(book, settings);
    }

    /**
     * Paths [first, first + count) of the run {@link #run} makes, and only what its reduction needs of them ({@code
     * first} a multiple of the 4,096-path block): one part of a run split by path index across machines. The paths
     * come from the counter-based streams, so any range is the same bits wherever and in whatever order it runs.
     */
    public SimulatedPaths simulate(Book book, RiskSettings settings, long first, int count, ProgressSink progress) {
        if (count < 1 || first + count > settings.paths()) {
            throw new IllegalArgumentException(
                    "paths [" + first + ", +" + count + ") are not within the run's " + settings.paths());
        }
        SimulationPlan plan = new SimulationPlan(book, settings);
        List<String> warnings = new ArrayList<>();
        SimulatedPaths r = BookSimulator.range(
                plan, compute, first, count, PathStream.chunk(plan.paths), settings.threads(), progress, warnings::add);
        return r.withWarnings(warnings);
    }

    /**
     * The report of a run from its simulated ranges, in path order and covering every path: the reduction {@link #run}
     * applies to its own paths, with the per-block statistics added in block order, so the report is {@link #run}'s
     * bit for bit however the paths were split (only the elapsed time differs; it counts from {@code startNanos}).
     */
    public RiskReport reduce(Book book, RiskSettings settings, List<SimulatedPaths> ranges, long startNanos) {
        coinIndex(book, settings.currency());
        SimulationPlan plan = new SimulationPlan(book, settings);
        List<String> warnings = planWarnings(plan);
        for (SimulatedPaths r : ranges) {
            r.warnings().stream().filter(w -> !warnings.contains(w)).forEach(warnings::add);
        }
        BookSimulator.Output out = BookSimulator.merge(ranges);
        if (out.perpValue().length > 0 && out.perpValue()[0].length != settings.paths()) {
            throw new IllegalArgumentException(
                    "the ranges hold " + out.perpValue()[0].length + " paths, the run " + settings.paths());
        }
        return report(plan, out, warnings, startNanos);
    }

    private static List<String> planWarnings(SimulationPlan plan) {
        List<String> warnings = new ArrayList<>();
        if (plan.correlation.repaired()) {
            warnings.add(String.format(
                    Locale.ROOT,
                    "correlation matrix was not positive semi-definite and was "
                            + "replaced by the nearest correlation matrix (largest change %.4g)",
                    plan.correlation.maxRepair()));
        }
        return warnings;
    }

    private RiskReport report(SimulationPlan plan, BookSimulator.Output out, List<String> warnings, long t0) {
        Book book = plan.book;
        RiskSettings settings = plan.settings;
        int coin = coinIndex(book, settings.currency());
        List<Position> ps = book.positions();
        double[] v0 = new double[ps.size()];
        Map<String, Double> values = new LinkedHashMap<>();
        double bookValue = 0;
        for (int i = 0; i < ps.size(); i++) {
            v0[i] = PositionValuer.DEFAULT.value(book, ps.get(i));
            values.put(ps.get(i).id(), v0[i]);
            bookValue += v0[i];
        }
        PnlExplain.BookGreeks explainGreeks = PnlExplain.BookGreeks.of(book);
        MarginMethod mm = settings.margin();
        List<RiskReport.HorizonRisk> horizons = new ArrayList<>();
        TailMeasures marginTail = null;
        int marginDays = 0;
        for (int h = 0; h < plan.horizons(); h++) {
            int days = settings.horizonDays()[h];
            double marginLevel = mm.calibrated()
                    ? (days == mm.periodDays() ? mm.confidence() : Double.NaN)
                    : (h == 0 ? settings.confidences()[settings.confidences().length - 1] : Double.NaN);
            HorizonResult r = horizon(plan, out, h, v0, bookValue, coin, marginLevel, explainGreeks, warnings);
            horizons.add(r.risk());
            if (r.marginTail() != null) {
                marginTail = r.marginTail();
                marginDays = days;
            }
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
        RiskReport.MarginReport margin = mm.calibrated()
                ? CalibratedMargin.of(book, mm, marginTail, marginDays)
                : margin(book, marginTail, horizons.get(0).days());
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
                warnings,
                settings.currency().label(book.quoteCurrency()),
                settings.liquidationMonitoring().label(),
                out.backend(),
                out.device());
    }

    /** The underlying of the coin view, −1 for the quote currency; an unknown coin names the setting. */
    static int coinIndex(Book book, ReportingCurrency currency) {
        if (!currency.isCoin()) {
            return -1;
        }
        int i = book.market().indexOf(currency.coin());
        if (i < 0) {
            throw new InvalidSettingException(
                    "currency",
                    "coin view of '" + currency.coin() + "', which is not an underlying of the book (it has "
                            + book.market().underlyings().stream()
                                    .map(Underlying::name)
                                    .toList() + ")");
        }
        return i;
    }

    /** A horizon's risk and, when margin is set from it, the quote-currency tail measures at the margin level. */
    private record HorizonResult(RiskReport.HorizonRisk risk, TailMeasures marginTail) {}

    private HorizonResult horizon(
            SimulationPlan plan,
            BookSimulator.Output out,
            int h,
            double[] v0,
            double bookValue,
            int coin,
            double marginLevel,
            PnlExplain.BookGreeks explainGreeks,
            List<String> warnings) {
        HorizonValuation hv = new HorizonValuation(plan, out, h);
        double[] value = hv.bookValues(out);
        int n = value.length;
        double[] loss = new double[n];
        double[] coinSpot = coin < 0 ? null : out.obs()[plan.observation(h, coin)];
        double coin0 =
                coin < 0 ? 1.0 : plan.book.market().underlyings().get(coin).spot();
        for (int k = 0; k < n; k++) {
            // coin view: today's value in coins less the horizon value in coins at that path's coin spot
            loss[k] = coin < 0 ? bookValue - value[k] : bookValue / coin0 - value[k] / coinSpot[k];
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
            if (!measures[l].hasEsInterval()) {
                warnings.add(String.format(
                        Locale.ROOT,
                        "%d day(s) at %s: only %d tail paths, fewer than %d: no ES interval is given; use more paths",
                        plan.settings.horizonDays()[h],
                        levels[l],
                        measures[l].tailCount(),
                        TailMeasures.MIN_TAIL_FOR_ES_INTERVAL));
            }
        }
        TailMeasures marginTail = null;
        if (!Double.isNaN(marginLevel)) {
            double[] quoteSorted = sorted;
            if (coin >= 0) {
                quoteSorted = new double[n];
                for (int k = 0; k < n; k++) {
                    quoteSorted[k] = bookValue - value[k];
                }
                Arrays.parallelSort(quoteSorted);
            }
            marginTail = TailMeasures.of(quoteSorted, marginLevel);
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
                    posLoss[i][j] = coin < 0 ? v0[i] - pv[j] : v0[i] / coin0 - pv[j] / coinSpot[paths[j]];
                }
            } else {
                for (int j = 0; j < paths.length; j++) {
                    double pv = hv.positionValue(i, out, paths[j]);
                    posLoss[i][j] = coin < 0 ? v0[i] - pv : v0[i] / coin0 - pv / coinSpot[paths[j]];
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
        PnlExplain explain = explain(plan, out, h, value, bookValue, explainGreeks, measures, minRank, paths, perp);
        return new HorizonResult(
                new RiskReport.HorizonRisk(
                        plan.settings.horizonDays()[h], plan.horizonYears(h), risks, PnlStatistics.of(sorted), explain),
                marginTail);
    }

    /** P&amp;L explain over all paths and over the ES tail at the highest confidence (quote currency). */
    private static PnlExplain explain(
            SimulationPlan plan,
            BookSimulator.Output out,
            int h,
            double[] value,
            double bookValue,
            PnlExplain.BookGreeks g,
            TailMeasures[] measures,
            int minRank,
            int[] paths,
            BookSimulator.PerPerp perp) {
        int n = value.length, u = plan.underlyings;
        double[] pnl = new double[n];
        for (int k = 0; k < n; k++) {
            pnl[k] = value[k] - bookValue;
        }
        double[] spots0 = new double[u];
        double[][] spots = new double[u][];
        double[][] volX = new double[u][];
        boolean volsMove = false;
        for (int d = 0; d < u; d++) {
            spots0[d] = plan.book.market().underlyings().get(d).spot();
            spots[d] = out.obs()[plan.observation(h, d)];
            int vo = plan.volObservation[h][d];
            if (vo >= 0) {
                volX[d] = out.obs()[vo];
                volsMove = true;
            }
        }
        double meanFunding = 0;
        for (int p = 0; p < plan.perps.size(); p++) {
            meanFunding += out.fundingSum()[h][p] / n;
        }
        TailMeasures top = measures[measures.length - 1];
        int from = top.varRank() - 1 - minRank;
        int[] tailPaths = Arrays.copyOfRange(paths, from, paths.length);
        double[] tailFunding = new double[tailPaths.length];
        for (int p = 0; p < plan.perps.size(); p++) {
            for (int j = 0; j < tailPaths.length; j++) {
                tailFunding[j] += perp.funding()[h][p][from + j];
            }
        }
        double years = plan.horizonYears(h);
        return new PnlExplain(
                PnlExplain.terms(g, years, spots0, spots, volX, pnl, null, meanFunding, null),
                PnlExplain.terms(g, years, spots0, spots, volX, pnl, tailFunding, 0.0, tailPaths),
                top.confidence(),
                tailPaths.length,
                volsMove ? PnlExplain.MOVING_VOL_NOTE : PnlExplain.FROZEN_VOL_NOTE);
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

    /** The first version's margin: max(ES at the highest confidence of the first horizon, uniform grid). */
    static RiskReport.MarginReport margin(Book book, TailMeasures top, int days) {
        double varEs = Math.max(0.0, top.es());
        RiskMatrix matrix = RiskMatrix.ofTenorScaled(book, MARGIN_SPOT_SHOCKS, MARGIN_VOL_SHOCKS);
        int[] w = matrix.worstCell();
        double rm = matrix.worstLoss();
        double initial = Math.max(varEs, rm);
        double[] perp = PerpetualMargins.of(book);
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
                perp[0],
                perp[1],
                String.format(
                        Locale.ROOT,
                        "initial = max(ES %.4g at %d day(s), risk-matrix worst loss); maintenance = %.0f%% of initial; "
                                + "perpetuals' isolated margins are posted on their venues and reported separately",
                        top.confidence(),
                        days,
                        100 * MAINTENANCE_FRACTION),
                null);
    }
}
