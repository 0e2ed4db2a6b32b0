package io.vaultrisk.montecarlo.risk;

import io.vaultrisk.kernels.ProgressSink;
import io.vaultrisk.kernels.cpu.BlockScheduler;
import io.vaultrisk.kernels.cpu.CorrelatedPathKernel;
import java.util.List;

/**
 * Runs the plan's {@link io.vaultrisk.kernels.CorrelatedPathTask} over all paths in the {@link BlockScheduler}'s
 * fixed blocks, with the book's perpetuals monitored along each path; each block writes its own slice of the
 * outputs and its statistics are added in block order, so the result is the same bits for any thread count.
 *
 * <p>Memory: the observed spots (paths × underlyings × horizons, plus option expiries inside the horizon) and the
 * perpetuals' total value per horizon (paths × horizons); never paths × steps.
 */
final class BookSimulator {
    static final int LANES = CorrelatedPathKernel.LANES;

    /** Outputs of a full run. {@code obs[o][path]} spot; {@code perpValue[h][path]} perpetuals' total value. */
    record Output(double[][] obs, double[][] perpValue, long[][] liquidations, double[][] fundingSum) {}

    /** Per-perpetual results of recomputed paths: [h][p][i] value, funding received (quote), liquidated. */
    record PerPerp(double[][][] value, double[][][] funding, boolean[][][] liquidated) {}

    private BookSimulator() {}

    static Output run(SimulationPlan plan, int threads, ProgressSink progress) {
        int n = Math.toIntExact(plan.settings.paths());
        int nObs = plan.obsStep.length, hs = plan.horizons(), ps = plan.perps.size();
        double[][] obs = new double[nObs][n];
        double[][] perpValue = new double[hs][n];
        List<double[]> blocks = BlockScheduler.run(n, BlockScheduler.BLOCK, threads, (first, count) -> {
            // per block: liquidation counts and funding sums (doubles, added in block order below)
            double[] stats = new double[2 * hs * ps];
            CorrelatedPathKernel k = new CorrelatedPathKernel(plan.paths);
            PerpetualMonitor m = new PerpetualMonitor(plan);
            for (int g = (int) first; g < first + count; g += LANES) {
                m.lanes(g, first + count - g);
                int live = k.run(g, first + count - g, m);
                for (int o = 0; o < nObs; o++) {
                    k.copyObserved(o, live, obs[o], g);
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
                        perpValue[h][g + i] = v;
                    }
                }
            }
            progress.advance(count);
            return stats;
        });
        long[][] liq = new long[hs][ps];
        double[][] fund = new double[hs][ps];
        for (double[] stats : blocks) {
            for (int h = 0; h < hs; h++) {
                for (int p = 0; p < ps; p++) {
                    liq[h][p] += (long) stats[h * ps + p];
                    fund[h][p] += stats[hs * ps + h * ps + p];
                }
            }
        }
        return new Output(obs, perpValue, liq, fund);
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
