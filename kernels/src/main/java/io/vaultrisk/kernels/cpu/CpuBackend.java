package io.vaultrisk.kernels.cpu;

import io.vaultrisk.kernels.CorrelatedPathTask;
import io.vaultrisk.kernels.EstimatorSums;
import io.vaultrisk.kernels.EuropeanRun;
import io.vaultrisk.kernels.EuropeanTask;
import io.vaultrisk.kernels.ModelKind;
import io.vaultrisk.kernels.PathBackend;
import io.vaultrisk.kernels.PathBlock;
import io.vaultrisk.kernels.ProgressSink;
import io.vaultrisk.kernels.Sampling;
import io.vaultrisk.kernels.rng.VectorNormals;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The CPU backend: each replicate's samples in the {@link BlockScheduler}'s fixed blocks, all blocks of all
 * replicates in one pool, block sums added in block order. A seed gives the same bits on 1 or 64 threads, and any
 * path can be recomputed on its own.
 */
public final class CpuBackend implements PathBackend {
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
        return "cpu: " + Runtime.getRuntime().availableProcessors() + " cores, " + VectorNormals.LANES
                + " double lanes (" + VectorNormals.DOUBLES.vectorBitSize() + "-bit vectors)";
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
        int blocksPerReplicate = BlockScheduler.blocks(samples, BlockScheduler.BLOCK);
        long pathsPerSample = task.sampling() == Sampling.ANTITHETIC ? 2 : 1;
        BlockKernel kernel = kernelFor(task);
        List<EstimatorSums> blocks =
                BlockScheduler.map(Math.multiplyExact(replicates, blocksPerReplicate), task.threads(), k -> {
                    long first = (long) (k % blocksPerReplicate) * BlockScheduler.BLOCK;
                    long count = Math.min(BlockScheduler.BLOCK, samples - first);
                    EstimatorSums sums = new EstimatorSums();
                    kernel.simulate(k / blocksPerReplicate, first, count, sums);
                    progress.advance(count * pathsPerSample);
                    return sums;
                });
        List<EstimatorSums> estimates = new ArrayList<>();
        for (int r = 0; r < replicates; r++) {
            EstimatorSums total = new EstimatorSums();
            for (EstimatorSums block : blocks.subList(r * blocksPerReplicate, (r + 1) * blocksPerReplicate)) {
                total.addAll(block);
            }
            estimates.add(total);
        }
        return new EuropeanRun(device(), estimates);
    }

    @Override
    public Optional<String> unsupported(CorrelatedPathTask task) {
        return Optional.empty();
    }

    @Override
    public PathBlock simulatePaths(CorrelatedPathTask task, long first, int count, int threads, ProgressSink progress) {
        return CorrelatedPathBlocks.simulate(task, first, count, threads, progress, device());
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
