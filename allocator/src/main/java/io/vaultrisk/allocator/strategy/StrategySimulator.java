package io.vaultrisk.allocator.strategy;

import io.vaultrisk.allocator.ScenarioMatrix;
import io.vaultrisk.basics.YearFraction;
import io.vaultrisk.kernels.CorrelatedPathTask;
import io.vaultrisk.kernels.PathBlock;
import io.vaultrisk.kernels.PathDynamics;
import io.vaultrisk.kernels.ProgressSink;
import io.vaultrisk.kernels.cpu.BlockScheduler;
import io.vaultrisk.kernels.rng.NormalStream;
import io.vaultrisk.montecarlo.book.MarketData;
import io.vaultrisk.montecarlo.compute.ComputeBackend;
import io.vaultrisk.montecarlo.compute.PathStream;
import io.vaultrisk.montecarlo.risk.CorrelationFactor;
import io.vaultrisk.montecarlo.risk.MarketPaths;
import java.util.List;
import java.util.function.Consumer;

/**
 * Simulates every candidate strategy on one shared set of paths of the book's market: the underlyings under their
 * real-world drifts with the dynamics the book declares (each one's model, GBM, Merton or Heston; the market-wide
 * jump; vol dynamics, whose log ATM vol factor moves every option quote on the path), compiled by montecarlo's
 * {@link MarketPaths} into the kernels' {@link CorrelatedPathTask} as for the book's risk: Z(path, step, dim) from
 * the engine's counter-based stream, correlated by Cholesky, observed every step; a day is one step, or 24/N steps
 * when hedges are checked every N < 24 hours. A market that declares none of these is correlated GBM at the model
 * vols, the same task (and bits) as before they existed. Options trade where {@link OptionQuotes} puts them (the surface
 * at their own strike and tenor, or the model vol × (1 + a stated premium)), hedges pay their {@link TradingCost},
 * and {@link StrategyPnl} keeps each strategy's P&L per unit of committed capital in its parts. Each strategy's simple
 * return over the horizon is one column of the scenario matrix. The paths come from a {@link ComputeBackend} (the CPU
 * by default) through the kernels' path SPI in chunks ({@link PathStream}); the strategies are revalued on the host in
 * the kernels' fixed blocks and their sums added in block order, so the result does not depend on the thread count
 * or the chunking, and (to 1e-12) not on the backend.
 */
public final class StrategySimulator {
    public static final StrategySimulator DEFAULT = new StrategySimulator();
    private static final double DAY = YearFraction.DAY;

    private StrategySimulator() {}

    /** A scenario matrix and what simulated its paths: the backend's id and device, after any fallback. */
    public record Simulated(ScenarioMatrix matrix, String backend, String device) {}

    /**
     * @param impliedVolPremium implied over realised vol minus one (0.1 = options priced at 110% of the path vol)
     * @return the returns of the frictionless simulator ({@link StrategyAssumptions#frictionless})
     */
    public ScenarioMatrix simulate(
            MarketData market,
            List<StrategyTemplate> templates,
            int horizonDays,
            int paths,
            long seed,
            double impliedVolPremium) {
        if (!(impliedVolPremium > -1 && impliedVolPremium < 10)) {
            throw new IllegalArgumentException("implied vol premium must be in (-1, 10), got " + impliedVolPremium);
        }
        return simulate(
                        market,
                        templates,
                        StrategyAssumptions.frictionless(impliedVolPremium, market.rate()),
                        horizonDays,
                        paths,
                        seed)
                .matrix();
    }

    /** The templates' returns under the stated assumptions, with each one's P&L split; on the CPU. */
    public StrategyScenarios simulate(
            MarketData market,
            List<StrategyTemplate> templates,
            StrategyAssumptions assumptions,
            int horizonDays,
            int paths,
            long seed) {
        return simulate(market, templates, assumptions, horizonDays, paths, seed, ComputeBackend.CPU, w -> {});
    }

    /**
     * The same with the paths on {@code compute}; a fallback to the CPU is reported to {@code warnings} (one line
     * each), and a backend that is absent or fails without fallback throws
     * {@link io.vaultrisk.kernels.BackendException}.
     */
    public StrategyScenarios simulate(
            MarketData market,
            List<StrategyTemplate> templates,
            StrategyAssumptions assumptions,
            int horizonDays,
            int paths,
            long seed,
            ComputeBackend compute,
            Consumer<String> warnings) {
        return simulate(market, templates, assumptions, horizonDays, paths, seed, compute, 0, warnings);
    }

    /** The same on {@code threads} threads (0: one per core); the result does not depend on them. */
    public StrategyScenarios simulate(
            MarketData market,
            List<StrategyTemplate> templates,
            StrategyAssumptions assumptions,
            int horizonDays,
            int paths,
            long seed,
            ComputeBackend compute,
            int threads,
            Consumer<String> warnings) {
        double[][] rows = new double[paths][];
        double[][][] blocks = new double[BlockScheduler.blocks(paths, BlockScheduler.BLOCK)][][];
        PathStream.Ran ran = run(
                market,
                templates,
                assumptions,
                horizonDays,
                paths,
                seed,
                compute,
                threads,
                warnings,
                0,
                paths,
                rows,
                blocks);
        ScenarioMatrix matrix = ScenarioMatrix.ofRows(
                templates.stream().map(StrategyTemplate::name).toList(), rows);
        return new StrategyScenarios(
                matrix,
                economics(market, templates, assumptions, matrix, List.of(blocks), paths),
                assumptions,
                ran.backend(),
                ran.device());
    }

    /**
     * Rows [first, first + count) of the matrix {@link #simulate} makes ({@code first} a multiple of the 4,096-path
     * block): the templates' returns on those paths, the same bits, for a run split by path index across machines.
     * The streams are counter-based, so a range is the same numbers wherever it runs.
     */
    public double[][] rows(
            MarketData market,
            List<StrategyTemplate> templates,
            StrategyAssumptions assumptions,
            int horizonDays,
            int paths,
            long seed,
            ComputeBackend compute,
            Consumer<String> warnings,
            long first,
            int count) {
        if (first < 0 || count < 1 || first + count > paths) {
            throw new IllegalArgumentException("paths [" + first + ", +" + count + ") are not within " + paths);
        }
        double[][] rows = new double[count][];
        double[][][] blocks = new double[BlockScheduler.blocks(count, BlockScheduler.BLOCK)][][];
        run(market, templates, assumptions, horizonDays, paths, seed, compute, 0, warnings, first, count, rows, blocks);
        return rows;
    }

    /** Paths [first, first + count): their rows into {@code rows}, their blocks' sums into {@code blocks}. */
    private PathStream.Ran run(
            MarketData market,
            List<StrategyTemplate> templates,
            StrategyAssumptions assumptions,
            int horizonDays,
            int paths,
            long seed,
            ComputeBackend compute,
            int threads,
            Consumer<String> warnings,
            long first0,
            int count0,
            double[][] rows,
            double[][][] blocks) {
        if (horizonDays < 1 || horizonDays > 365) {
            throw new IllegalArgumentException("horizon must be 1..365 days, got " + horizonDays);
        }
        if (paths < 2) {
            throw new IllegalArgumentException("paths must be at least 2, got " + paths);
        }
        StrategyPnl pnl = new StrategyPnl(market, assumptions, seed);
        for (StrategyTemplate t : templates) {
            String u = underlying(t);
            if (u != null && market.indexOf(u) < 0) {
                throw new IllegalArgumentException("strategy " + t.name() + ": unknown underlying " + u);
            }
            int tenor = tenorDays(t);
            if (tenor > 0 && !pnl.quotes(market.indexOf(u)).covers(tenor)) {
                throw new IllegalArgumentException("strategy " + t.name() + ": tenorDays " + tenor
                        + " is not on the surface of " + u + " (expiries "
                        + pnl.quotes(market.indexOf(u)).expiryRange() + ")");
            }
        }
        int stepsPerDay = assumptions.stepsPerDay(), steps = horizonDays * stepsPerDay;
        CorrelatedPathTask task = paths(market, horizonDays, stepsPerDay, seed);
        int n = market.size(), k = templates.size(), width = task.observations() / steps;
        // observation (d − 1)·width + n + f is the vol factor of the f-th underlying with vol dynamics, after d steps
        int[] factorOf = new int[n];
        for (int u = 0, f = 0; u < n; u++) {
            factorOf[u] = task.dynamics().hasVolFactor(u) ? f++ : -1;
        }
        NormalStream events = new NormalStream(seed);
        DepegScenario depeg = assumptions.depeg();
        // per block (by its global index, so a restart on the CPU overwrites a failed device's blocks): the parts of
        // every template summed over its paths, then each underlying's realised variance
        return PathStream.run(
                compute,
                task,
                first0,
                count0,
                PathStream.chunk(task),
                threads,
                ProgressSink.NONE,
                warnings,
                (PathBlock b) -> {
                    List<double[][]> sums =
                            BlockScheduler.run(b.count(), BlockScheduler.BLOCK, threads, (first, count) -> {
                                double[][] s = new double[k + 1][];
                                for (int j = 0; j < k; j++) {
                                    s[j] = new double[StrategyPnl.PARTS];
                                }
                                s[k] = new double[n];
                                double[] parts = new double[StrategyPnl.PARTS];
                                double[][] spots = new double[n][steps + 1], vols = new double[n][steps + 1];
                                for (int u = 0; u < n; u++) {
                                    spots[u][0] = market.underlyings().get(u).spot();
                                }
                                for (int i = (int) first; i < first + count; i++) {
                                    for (int d = 1; d <= steps; d++) {
                                        for (int u = 0; u < n; u++) {
                                            spots[u][d] = b.observed(i, (d - 1) * width + u);
                                            if (factorOf[u] >= 0) {
                                                vols[u][d] = b.observed(i, (d - 1) * width + n + factorOf[u]);
                                            }
                                        }
                                    }
                                    long path = b.first() + i;
                                    boolean depegged =
                                            depeg.isOn() && events.uniform(path, 0, DEPEG_BLOCK) < depeg.probability();
                                    double[] row = new double[k];
                                    for (int j = 0; j < k; j++) {
                                        java.util.Arrays.fill(parts, 0.0);
                                        row[j] = pnl.evaluate(
                                                templates.get(j), spots, vols, horizonDays, depegged, path, j, parts);
                                        for (int c = 0; c < parts.length; c++) {
                                            s[j][c] += parts[c];
                                        }
                                    }
                                    for (int u = 0; u < n; u++) {
                                        s[k][u] += RealisedVol.variance(spots[u], steps) / (horizonDays * DAY);
                                    }
                                    rows[(int) (path - first0)] = row;
                                }
                                return s;
                            });
                    int firstBlock = (int) ((b.first() - first0) / BlockScheduler.BLOCK);
                    for (int i = 0; i < sums.size(); i++) {
                        blocks[firstBlock + i] = sums.get(i);
                    }
                });
    }

    /** Draw block of the per-path depeg uniforms, apart from every other use of the seed's stream. */
    private static final int DEPEG_BLOCK = 0x15;

    private static List<StrategyEconomics> economics(
            MarketData market,
            List<StrategyTemplate> templates,
            StrategyAssumptions assumptions,
            ScenarioMatrix matrix,
            List<double[][]> blocks,
            int paths) {
        int k = templates.size(), n = market.size();
        double[][] total = new double[k + 1][];
        for (int j = 0; j < k; j++) {
            total[j] = new double[StrategyPnl.PARTS];
        }
        total[k] = new double[n];
        for (double[][] b : blocks) {
            for (int j = 0; j <= k; j++) {
                for (int c = 0; c < b[j].length; c++) {
                    total[j][c] += b[j][c];
                }
            }
        }
        List<StrategyEconomics> out = new java.util.ArrayList<>();
        for (int j = 0; j < k; j++) {
            StrategyTemplate t = templates.get(j);
            double[] p = total[j];
            double mean = 0;
            for (int s = 0; s < paths; s++) {
                mean += matrix.get(s, j);
            }
            String u = underlying(t);
            double sales = p[StrategyPnl.SALES];
            boolean margined = t instanceof StrategyTemplate.DeltaHedgedShortCall
                    && assumptions.hedgeInstrument() == HedgeInstrument.PERP
                    && assumptions.perpMargin().isOn();
            out.add(new StrategyEconomics(
                    t.name(),
                    mean / paths,
                    p[StrategyPnl.PREMIUM] / paths,
                    p[StrategyPnl.PAYOFF] / paths,
                    p[StrategyPnl.HEDGE] / paths,
                    p[StrategyPnl.COSTS] / paths,
                    p[StrategyPnl.CARRY] / paths,
                    p[StrategyPnl.DEPEG] / paths,
                    sales > 0 ? p[StrategyPnl.VOL_SUM] / sales : Double.NaN,
                    u == null ? Double.NaN : Math.sqrt(total[k][market.indexOf(u)] / paths),
                    sales / paths,
                    t instanceof StrategyTemplate.DeltaHedgedShortCall ? distribution(matrix, j) : null,
                    margined ? p[StrategyPnl.LIQUIDATIONS] / paths : Double.NaN,
                    u == null ? "none (no price path)" : MarketPaths.describe(market, market.indexOf(u))));
        }
        return out;
    }

    private static StrategyEconomics.HedgeDistribution distribution(ScenarioMatrix matrix, int j) {
        double[] v = new double[matrix.scenarioCount()];
        for (int p = 0; p < v.length; p++) {
            v[p] = matrix.get(p, j);
        }
        java.util.Arrays.sort(v);
        double mean = 0, sq = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        for (double x : v) {
            sq += (x - mean) * (x - mean);
        }
        return new StrategyEconomics.HedgeDistribution(
                mean,
                Math.sqrt(sq / (v.length - 1)),
                v[(int) (0.05 * (v.length - 1))],
                v[(int) (0.5 * (v.length - 1))],
                v[(int) (0.95 * (v.length - 1))]);
    }

    /** The tenor of an option strategy, 0 for the others. */
    static int tenorDays(StrategyTemplate t) {
        if (t instanceof StrategyTemplate.CoveredCall c) {
            return c.tenorDays();
        } else if (t instanceof StrategyTemplate.CashSecuredPut c) {
            return c.tenorDays();
        } else if (t instanceof StrategyTemplate.DeltaHedgedShortCall c) {
            return c.tenorDays();
        }
        return 0;
    }

    /**
     * Steps (stepsPerDay a day) of every underlying under its real-world drift and the market's dynamics, each spot
     * observed every step, and after the spots of a step the vol factors of the underlyings with vol dynamics.
     */
    static CorrelatedPathTask paths(MarketData m, int horizonDays, int stepsPerDay, long seed) {
        int n = m.size(), days = horizonDays * stepsPerDay;
        double dt = DAY / stepsPerDay;
        double[] logSpot0 = new double[n], driftDt = new double[n], volSqrtDt = new double[n];
        for (int u = 0; u < n; u++) {
            logSpot0[u] = Math.log(m.underlyings().get(u).spot());
            driftDt[u] = MarketPaths.driftDt(m, u, dt);
            volSqrtDt[u] = m.underlyings().get(u).vol() * Math.sqrt(dt);
        }
        PathDynamics dynamics = MarketPaths.dynamics(m, dt);
        int factors = 0;
        for (int u = 0; u < n; u++) {
            factors += dynamics.hasVolFactor(u) ? 1 : 0;
        }
        int width = n + factors;
        int[] obsUnderlying = new int[width * days], obsStep = new int[width * days];
        for (int d = 1; d <= days; d++) {
            for (int u = 0, f = 0; u < n; u++) {
                obsUnderlying[(d - 1) * width + u] = u;
                obsStep[(d - 1) * width + u] = d;
                if (dynamics.hasVolFactor(u)) {
                    obsUnderlying[(d - 1) * width + n + f] = n + u;
                    obsStep[(d - 1) * width + n + f] = d;
                    f++;
                }
            }
        }
        double[][] lower = CorrelationFactor.of(m, false).lower();
        if (dynamics.isPlainGbm()) {
            return new CorrelatedPathTask(
                    seed, logSpot0, driftDt, volSqrtDt, lower, days, obsUnderlying, obsStep, new boolean[days + 1]);
        }
        return new CorrelatedPathTask(
                seed,
                logSpot0,
                driftDt,
                volSqrtDt,
                lower,
                days,
                obsUnderlying,
                obsStep,
                new boolean[days + 1],
                dynamics);
    }

    public static String underlying(StrategyTemplate t) {
        if (t instanceof StrategyTemplate.Spot s) {
            return s.underlying();
        } else if (t instanceof StrategyTemplate.CoveredCall c) {
            return c.underlying();
        } else if (t instanceof StrategyTemplate.CashSecuredPut c) {
            return c.underlying();
        } else if (t instanceof StrategyTemplate.DeltaHedgedShortCall c) {
            return c.underlying();
        }
        return null;
    }
}
