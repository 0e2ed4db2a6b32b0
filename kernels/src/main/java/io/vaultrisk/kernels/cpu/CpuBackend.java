package io.vaultrisk.kernels.cpu;

import io.vaultrisk.kernels.BackendException;
import io.vaultrisk.kernels.EstimatorSums;
import io.vaultrisk.kernels.EuropeanRun;
import io.vaultrisk.kernels.EuropeanTask;
import io.vaultrisk.kernels.ModelKind;
import io.vaultrisk.kernels.PathBackend;
import io.vaultrisk.kernels.ProgressSink;
import io.vaultrisk.kernels.Sampling;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;

/**
 * The CPU backend: paths in fixed blocks of {@value #BLOCK} samples, blocks spread over a fork-join pool, block sums
 * added in block order. Block boundaries never depend on the thread count, so a seed gives the same bits on 1 or
 * 64 threads, and any path can be recomputed on its own.
 */
public final class CpuBackend implements PathBackend {
    /** Samples per block: a multiple of every SIMD width, small enough to balance 2 to 64 cores. */
    public static final int BLOCK = 4096;

    @Override
    public String id() {
        return "cpu";
    }

    @Override
    public boolean isAvailable() {
        return true;
    }

    @Override
    public String device() {
        return "cpu: " + Runtime.getRuntime().availableProcessors() + " cores, " + GbmVectorKernel.LANES
                + " double lanes (" + GbmVectorKernel.DOUBLES.vectorBitSize() + "-bit vectors)";
    }

    @Override
    public int preference() {
        return 10;
    }

    @Override
    public EuropeanRun simulateEuropean(EuropeanTask task, ProgressSink progress) {
        if (task.model() != ModelKind.GBM && task.sampling() == Sampling.QMC) {
            throw new IllegalArgumentException("QMC is implemented for gbm only; use pseudo-random or antithetic "
                    + "sampling for " + task.model().name().toLowerCase(java.util.Locale.ROOT));
        }
        int replicates = task.sampling() == Sampling.QMC ? task.replicates() : 1;
        long samples = task.samples();
        long blocksPerReplicate = (samples + BLOCK - 1) / BLOCK;
        long pathsPerSample = task.sampling() == Sampling.ANTITHETIC ? 2 : 1;
        BlockKernel kernel = kernelFor(task);
        int threads = task.threads() > 0 ? task.threads() : Runtime.getRuntime().availableProcessors();
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            List<List<Future<EstimatorSums>>> futures = new ArrayList<>();
            for (int r = 0; r < replicates; r++) {
                List<Future<EstimatorSums>> blocks = new ArrayList<>();
                for (long b = 0; b < blocksPerReplicate; b++) {
                    long first = b * BLOCK, count = Math.min(BLOCK, samples - first);
                    int replicate = r;
                    blocks.add(pool.submit(() -> {
                        EstimatorSums sums = new EstimatorSums();
                        kernel.simulate(replicate, first, count, sums);
                        progress.advance(count * pathsPerSample);
                        return sums;
                    }));
                }
                futures.add(blocks);
            }
            List<EstimatorSums> estimates = new ArrayList<>();
            for (List<Future<EstimatorSums>> blocks : futures) {
                EstimatorSums total = new EstimatorSums();
                for (Future<EstimatorSums> f : blocks) {
                    total.addAll(f.get());
                }
                estimates.add(total);
            }
            return new EuropeanRun(device(), estimates);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new BackendException("CPU kernel failed: " + cause, cause);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Simulates samples [first, first + count) of one replicate into a block's sums. */
    @FunctionalInterface
    interface BlockKernel {
        void simulate(int replicate, long first, long count, EstimatorSums sums);
    }

    static BlockKernel kernelFor(EuropeanTask task) {
        return switch (task.model()) {
            case GBM -> {
                if (task.sampling() == Sampling.QMC) {
                    GbmQmcKernel qmc = new GbmQmcKernel(task);
                    yield qmc::simulate;
                }
                GbmVectorKernel vector = new GbmVectorKernel(task);
                yield (r, first, count, sums) -> vector.simulate(first, count, sums);
            }
            case MERTON -> {
                JumpDiffusionKernel merton = new JumpDiffusionKernel(task);
                yield (r, first, count, sums) -> merton.simulate(first, count, sums);
            }
            case HESTON -> {
                HestonQeKernel heston = new HestonQeKernel(task);
                yield (r, first, count, sums) -> heston.simulate(first, count, sums);
            }
        };
    }

    /** The scalar reference kernel over samples [first, first + count): for tests and audits. */
    public static EstimatorSums simulateScalar(EuropeanTask task, long first, long count) {
        EstimatorSums sums = new EstimatorSums();
        new GbmScalarKernel(task).simulate(first, count, sums);
        return sums;
    }
}
