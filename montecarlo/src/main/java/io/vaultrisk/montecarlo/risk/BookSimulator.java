package io.vaultrisk.montecarlo.risk;

import io.vaultrisk.kernels.PathBlock;
import io.vaultrisk.kernels.ProgressSink;
import io.vaultrisk.kernels.cpu.BlockScheduler;
import io.vaultrisk.kernels.cpu.CorrelatedPathKernel;
import io.vaultrisk.montecarlo.compute.ComputeBackend;
import io.vaultrisk.montecarlo.compute.PathStream;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs the plan's {@link io.vaultrisk.kernels.CorrelatedPathTask} over all paths on a {@link ComputeBackend}, in
 * bounded chunks ({@link PathStream}), and monitors the book's perpetuals on the host from each chunk's checkpoint
 * states ({@link PerpetualMonitor#replay}). Statistics are kept per {@link BlockScheduler} block of the path index
 * and added in block order, so the result is the same bits for any thread count, chunk size or backend that
 * delivers the same paths.
 *
 * <p>Memory: the observed spots (paths × underlyings × horizons, plus option expiries inside the horizon) and the
 * perpetuals' total value per horizon (paths × horizons), plus one chunk; never paths × steps.
 *
 * <p>The audits ({@link #perPerpetual}, {@link #observations}) recompute a few hundred scattered tail paths on the CPU
 * kernel: the backends simulate contiguous path ranges, the counter-based stream gives those paths the same numbers
 * on the CPU (to 1e-12 relative of a device), and a device round trip for so few paths would cost more than it saves.
 */
final class BookSimulator {
    static final int LANES = CorrelatedPathKernel.LANES;

    /**
     * Outputs of a full run. {@code obs[o][path]} spot; {@code perpValue[h][path]} perpetuals' total value;
     * {@code backend} and {@code device} what ran the paths.
     */
    record Output(
            double[][] obs,
            double[][] perpValue,
            long[][] liquidations,
            double[][] fundingSum,
            String backend,
            String device) {}

    /** Per-perpetual results of recomputed paths: [h][p][i] value, funding received (quote), liquidated. */
    record PerPerp(double[][][] value, double[][][] funding, boolean[][][] liquidated) {}

    private BookSimulator() {}

    static Output run(SimulationPlan plan, int threads, ProgressSink progress) {
        return run(plan, ComputeBackend.CPU, PathStream.chunk(plan.paths), threads, progress, w -> {});
    }

    static Output run(
            SimulationPlan plan,
            ComputeBackend compute,
            int chunk,
            int threads,
            ProgressSink progress,
            Consumer<String> warnings) {
        return merge(List.of(
                range(plan, compute, 0, Math.toIntExact(plan.settings.paths()), chunk, threads, progress, warnings)));
    }

    /**
     * Paths [first, first + n) only ({@code first} a multiple of the block): their observations and perpetual values,
     * and the per-block statistics of their blocks, for {@link #merge} to add in block order with the other ranges.
     */
    static SimulatedPaths range(
            SimulationPlan plan,
            ComputeBackend compute,
            long start,
            int n,
            int chunk,
            int threads,
            ProgressSink progress,
            Consumer<String> warnings) {
        int nObs = plan.obsStep.length, hs = plan.horizons(), ps = plan.perps.size();
        double[][] obs = new double[nObs][n];
        double[][] perpValue = new double[hs][n];
        // per block of the path index: liquidation counts and funding sums (doubles, added in block order below);
        // written at the block's index, so a run restarted on the CPU overwrites what a failed device delivered
        double[][] blockStats = new double[BlockScheduler.blocks(n, BlockScheduler.BLOCK)][];
        PathStream.Ran ran =
                PathStream.run(compute, plan.paths, start, n, chunk, threads, progress, warnings, (PathBlock b) -> {
                    int base = Math.toIntExact(b.first() - start);
                    BlockScheduler.run(b.count(), BlockScheduler.BLOCK, threads, (first, count) -> {
                        double[] stats = new double[2 * hs * ps];
                        PerpetualMonitor m = ps == 0 ? null : new PerpetualMonitor(plan);
                        for (int g = (int) first; g < first + count; g += LANES) {
                            int live = (int) Math.min(LANES, first + count - g);
                            for (int o = 0; o < nObs; o++) {
                                for (int i = 0; i < live; i++) {
                                    obs[o][base + g + i] = b.observed(g + i, o);
                                }
                            }
                            if (m != null) {
                                m.replay(b, g, live);
                            }
                            for (int h = 0; h < hs; h++) {
                                for (int i = 0; i < live; i++) {
                                    double v = 0;
                                    for (int p = 0; p < ps; p++) {
                                        int x = (h * ps + p) * LANES + i;
                                        v += m.perpValue[x];
                                        if (m.perpLiquidated[x]) {
                                            stats[h * ps + p] += 1;
                                        }
                                        stats[hs * ps + h * ps + p] += m.perpFunding[x];
                                    }
                                    perpValue[h][base + g + i] = v;
                                }
                            }
                        }
                        blockStats[(base + (int) first) / BlockScheduler.BLOCK] = stats;
                        return null;
                    });
                });
        return new SimulatedPaths(start, n, obs, perpValue, blockStats, ran.backend(), ran.device(), List.of());
    }

    /**
     * The ranges of one run, in path order and covering [0, paths) without gaps, as one output: observations side by
     * side, and the per-block statistics added in block order, so that any split gives the bits of one range.
     */
    static Output merge(List<SimulatedPaths> ranges) {
        long n = 0;
        for (SimulatedPaths r : ranges) {
            if (r.first() != n) {
                throw new IllegalArgumentException("ranges must cover the paths in order: expected a range from " + n
                        + ", got one from " + r.first());
            }
            n += r.count();
        }
        SimulatedPaths head = ranges.get(0);
        int nObs = head.obs().length, hs = head.perpValue().length;
        double[][] obs = new double[nObs][Math.toIntExact(n)];
        double[][] perpValue = new double[hs][Math.toIntExact(n)];
        int ps = -1;
        long[][] liq = null;
        double[][] fund = null;
        String backend = head.backend(), device = head.device();
        for (SimulatedPaths r : ranges) {
            int at = Math.toIntExact(r.first());
            for (int o = 0; o < nObs; o++) {
                System.arraycopy(r.obs()[o], 0, obs[o], at, r.count());
            }
            for (int h = 0; h < hs; h++) {
                System.arraycopy(r.perpValue()[h], 0, perpValue[h], at, r.count());
            }
            if (!r.backend().equals(head.backend()) && !backend.contains(r.backend())) {
                backend = backend + "," + r.backend();
            }
            if (!r.device().equals(head.device()) && !device.contains(r.device())) {
                device = device + "; " + r.device();
            }
            for (double[] stats : r.blockStats()) {
                if (liq == null) {
                    ps = stats.length / (2 * hs);
                    liq = new long[hs][ps];
                    fund = new double[hs][ps];
                }
                for (int h = 0; h < hs; h++) {
                    for (int p = 0; p < ps; p++) {
                        liq[h][p] += (long) stats[h * ps + p];
                        fund[h][p] += stats[hs * ps + h * ps + p];
                    }
                }
            }
        }
        if (liq == null) {
            liq = new long[hs][0];
            fund = new double[hs][0];
        }
        return new Output(obs, perpValue, liq, fund, backend, device);
    }

    /** Recomputes the given paths (any indices) and returns each perpetual's own results at every horizon. */
    static PerPerp perPerpetual(SimulationPlan plan, int[] paths) {
        int hs = plan.horizons(), ps = plan.perps.size(), n = paths.length, lanes = LANES;
        double[][][] value = new double[hs][ps][n], funding = new double[hs][ps][n];
        boolean[][][] liq = new boolean[hs][ps][n];
        if (ps == 0) {
            return new PerPerp(value, funding, liq);
        }
        CorrelatedPathKernel k = new CorrelatedPathKernel(plan.paths);
        PerpetualMonitor m = new PerpetualMonitor(plan);
        long[] ids = new long[lanes];
        for (int g = 0; g < n; g += lanes) {
            int live = Math.min(lanes, n - g);
            for (int i = 0; i < lanes; i++) {
                ids[i] = paths[g + Math.min(i, live - 1)];
            }
            m.lanes(ids);
            k.run(ids, m);
            for (int h = 0; h < hs; h++) {
                for (int p = 0; p < ps; p++) {
                    for (int i = 0; i < live; i++) {
                        int x = (h * ps + p) * lanes + i;
                        value[h][p][g + i] = m.perpValue[x];
                        funding[h][p][g + i] = m.perpFunding[x];
                        liq[h][p][g + i] = m.perpLiquidated[x];
                    }
                }
            }
        }
        return new PerPerp(value, funding, liq);
    }

    /** The observed spots of the given paths, recomputed: [o][i]. For audits and tests. */
    static double[][] observations(SimulationPlan plan, long[] paths) {
        int lanes = LANES, nObs = plan.obsStep.length;
        double[][] out = new double[nObs][paths.length];
        CorrelatedPathKernel k = new CorrelatedPathKernel(plan.paths);
        PerpetualMonitor m = new PerpetualMonitor(plan);
        long[] ids = new long[lanes];
        for (int g = 0; g < paths.length; g += lanes) {
            int live = Math.min(lanes, paths.length - g);
            for (int i = 0; i < lanes; i++) {
                ids[i] = paths[g + Math.min(i, live - 1)];
            }
            m.lanes(ids);
            k.run(ids, m);
            for (int o = 0; o < nObs; o++) {
                k.copyObserved(o, live, out[o], g);
            }
        }
        return out;
    }
}
