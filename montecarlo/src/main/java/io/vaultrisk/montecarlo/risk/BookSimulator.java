package io.vaultrisk.montecarlo.risk;

import io.vaultrisk.kernels.ProgressSink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;

/**
 * Runs the path kernel over all paths in fixed blocks of {@value #BLOCK} (the CPU backend's convention), each block
 * writing its own slice of the outputs, so the result is the same bits for any thread count.
 *
 * <p>Memory: the observed spots (paths × underlyings × horizons, plus option expiries inside the horizon) and the
 * perpetuals' total value per horizon (paths × horizons); never paths × steps.
 */
final class BookSimulator {
    static final int BLOCK = 4096;

    /** Outputs of a full run. {@code obs[o][path]} spot; {@code perpValue[h][path]} perpetuals' total value. */
    record Output(double[][] obs, double[][] perpValue, long[][] liquidations, double[][] fundingSum) {
    }

    /** Per-perpetual results of recomputed paths: [h][p][i] value, funding received (quote), liquidated. */
    record PerPerp(double[][][] value, double[][][] funding, boolean[][][] liquidated) {
    }

    private BookSimulator() {
    }

    static Output run(SimulationPlan plan, int threads, ProgressSink progress) {
        int n = Math.toIntExact(plan.settings.paths());
        int nObs = plan.obsStep.length, hs = plan.horizons(), ps = plan.perps.size();
        double[][] obs = new double[nObs][n];
        double[][] perpValue = new double[hs][n];
        int blocks = (n + BLOCK - 1) / BLOCK;
        int pool = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        ForkJoinPool fj = new ForkJoinPool(pool);
        try {
            List<Future<double[]>> futures = new ArrayList<>();
            for (int b = 0; b < blocks; b++) {
                int first = b * BLOCK, count = Math.min(BLOCK, n - first);
                futures.add(fj.submit(() -> {
                    // per block: liquidation counts and funding sums (doubles, added in block order below)
                    double[] stats = new double[2 * hs * ps];
                    PathKernel k = new PathKernel(plan, plan.settings.seed());
                    long[] ids = new long[PathKernel.LANES];
                    int lanes = PathKernel.LANES;
                    for (int g = first; g < first + count; g += lanes) {
                        int live = Math.min(lanes, first + count - g);
                        for (int i = 0; i < lanes; i++) {
                            ids[i] = g + Math.min(i, live - 1);
                        }
                        k.run(ids);
                        for (int o = 0; o < nObs; o++) {
                            System.arraycopy(k.obsOut, o * lanes, obs[o], g, live);
                        }
                        for (int h = 0; h < hs; h++) {
                            for (int i = 0; i < live; i++) {
                                double v = 0;
                                for (int p = 0; p < ps; p++) {
                                    int x = (h * ps + p) * lanes + i;
                                    v += k.perpValue[x];
                                    if (k.perpLiquidated[x]) {
                                        stats[h * ps + p] += 1;
                                    }
                                    stats[hs * ps + h * ps + p] += k.perpFunding[x];
                                }
                                perpValue[h][g + i] = v;
                            }
                        }
                    }
                    progress.advance(count);
                    return stats;
                }));
            }
            long[][] liq = new long[hs][ps];
            double[][] fund = new double[hs][ps];
            for (Future<double[]> f : futures) {
                double[] stats = f.get();
                for (int h = 0; h < hs; h++) {
                    for (int p = 0; p < ps; p++) {
                        liq[h][p] += (long) stats[h * ps + p];
                        fund[h][p] += stats[hs * ps + h * ps + p];
                    }
                }
            }
            return new Output(obs, perpValue, liq, fund);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("simulation failed: " + e.getCause(), e.getCause());
        } finally {
            fj.shutdownNow();
        }
    }

    /** Recomputes the given paths (any indices) and returns each perpetual's own results at every horizon. */
    static PerPerp perPerpetual(SimulationPlan plan, int[] paths) {
        int hs = plan.horizons(), ps = plan.perps.size(), n = paths.length, lanes = PathKernel.LANES;
        double[][][] value = new double[hs][ps][n], funding = new double[hs][ps][n];
        boolean[][][] liq = new boolean[hs][ps][n];
        if (ps == 0) {
            return new PerPerp(value, funding, liq);
        }
        PathKernel k = new PathKernel(plan, plan.settings.seed());
        long[] ids = new long[lanes];
        for (int g = 0; g < n; g += lanes) {
            int live = Math.min(lanes, n - g);
            for (int i = 0; i < lanes; i++) {
                ids[i] = paths[g + Math.min(i, live - 1)];
            }
            k.run(ids);
            for (int h = 0; h < hs; h++) {
                for (int p = 0; p < ps; p++) {
                    for (int i = 0; i < live; i++) {
                        int x = (h * ps + p) * lanes + i;
                        value[h][p][g + i] = k.perpValue[x];
                        funding[h][p][g + i] = k.perpFunding[x];
                        liq[h][p][g + i] = k.perpLiquidated[x];
                    }
                }
            }
        }
        return new PerPerp(value, funding, liq);
    }

    /** The observed spots of the given paths, recomputed: [o][i]. For audits and tests. */
    static double[][] observations(SimulationPlan plan, long[] paths) {
        int lanes = PathKernel.LANES, nObs = plan.obsStep.length;
        double[][] out = new double[nObs][paths.length];
        PathKernel k = new PathKernel(plan, plan.settings.seed());
        long[] ids = new long[lanes];
        for (int g = 0; g < paths.length; g += lanes) {
            int live = Math.min(lanes, paths.length - g);
            for (int i = 0; i < lanes; i++) {
                ids[i] = paths[g + Math.min(i, live - 1)];
            }
            k.run(ids);
            for (int o = 0; o < nObs; o++) {
                System.arraycopy(k.obsOut, o * lanes, out[o], g, live);
            }
        }
        return out;
    }
}
