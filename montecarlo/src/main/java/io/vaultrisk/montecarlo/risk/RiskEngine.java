package io.vaultrisk.montecarlo.risk;

import io.vaultrisk.basics.Greeks;
import io.vaultrisk.kernels.PathBackend;
import io.vaultrisk.kernels.ProgressSink;
import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.Position;
import io.vaultrisk.montecarlo.book.Underlying;
import io.vaultrisk.montecarlo.compute.ComputeBackend;
import io.vaultrisk.montecarlo.compute.PathStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
        PathRange all = range(plan, 0, Math.toIntExact(settings.paths()), settings.threads(), progress);
        return RiskReduction.local(plan, List.of(all), t0);
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
        return simulateRange(book, settings, first, count, progress).paths();
    }

    /**
     * Paths [first, first + count) as {@link #simulate} makes them, held for the passes of the run's {@link
     * RiskReduction} where they were simulated, so that only the reduction's few numbers travel.
     */
    public PathRange simulateRange(Book book, RiskSettings settings, long first, int count, ProgressSink progress) {
        if (count < 1 || first + count > settings.paths()) {
            throw new IllegalArgumentException(
                    "paths [" + first + ", +" + count + ") are not within the run's " + settings.paths());
        }
        return range(new SimulationPlan(book, settings), first, count, settings.threads(), progress);
    }

    private PathRange range(SimulationPlan plan, long first, int count, int threads, ProgressSink progress) {
        List<String> warnings = new ArrayList<>();
        SimulatedPaths r = BookSimulator.range(
                plan, compute, first, count, PathStream.chunk(plan.paths), threads, progress, warnings::add);
        return new PathRange(plan, r.withWarnings(warnings));
    }

    /**
     * The report of a run from its simulated ranges, in path order and covering every path: the reduction {@link #run}
     * applies to its own paths ({@link RiskReduction}), so the report is {@link #run}'s bit for bit however the paths
     * were split along blocks (only the elapsed time differs; it counts from {@code startNanos}).
     */
    public RiskReport reduce(Book book, RiskSettings settings, List<SimulatedPaths> ranges, long startNanos) {
        coinIndex(book, settings.currency());
        SimulationPlan plan = new SimulationPlan(book, settings);
        List<PathRange> held = new ArrayList<>();
        for (SimulatedPaths r : ranges) {
            held.add(new PathRange(plan, r));
        }
        return RiskReduction.local(plan, held, startNanos);
    }

    static List<String> planWarnings(SimulationPlan plan) {
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
