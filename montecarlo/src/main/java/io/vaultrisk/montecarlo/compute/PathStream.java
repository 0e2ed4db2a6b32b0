package io.vaultrisk.montecarlo.compute;

import io.vaultrisk.kernels.BackendException;
import io.vaultrisk.kernels.CorrelatedPathTask;
import io.vaultrisk.kernels.PathBackend;
import io.vaultrisk.kernels.PathBlock;
import io.vaultrisk.kernels.ProgressSink;
import io.vaultrisk.kernels.cpu.BlockScheduler;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs every path of a {@link CorrelatedPathTask} on a {@link ComputeBackend} in bounded chunks and hands each
 * {@link PathBlock} to the engine in path order: host and device memory stay O(chunk × (observations + checkpoint
 * states)) whatever the number of paths. Chunks start at multiples of {@link BlockScheduler#BLOCK}, so an engine that
 * combines per-block statistics in block order gets the same bits for any chunk size. A device that fails mid-run is
 * not mixed with the CPU: the whole run restarts on the CPU (or throws, without fallback), and a consumer that writes
 * each path's results at the path's index simply overwrites whatever the failed device had delivered.
 */
public final class PathStream {
    /** Paths per chunk at most: 65,536 paths of a 5-underlying, 10-observation book are about 5 MB. */
    public static final int MAX_CHUNK = 65_536;
    /** Doubles one block may hold (128 MB): continuous monitoring checkpoints every step and gets smaller chunks. */
    static final long MAX_BLOCK_DOUBLES = 16L << 20;

    /** The backend that ran the paths, as {@code price} names it: its id and its device. */
    public record Ran(String backend, String device) {}

    private PathStream() {}

    /** The chunk size for {@code task}: at most {@link #MAX_CHUNK}, a multiple of the block, memory bounded. */
    public static int chunk(CorrelatedPathTask task) {
        long perPath = task.observations() + 3L * task.underlyings() * PathBlock.checkpoints(task);
        long fit = MAX_BLOCK_DOUBLES / Math.max(1, perPath) / BlockScheduler.BLOCK * BlockScheduler.BLOCK;
        return (int) Math.max(BlockScheduler.BLOCK, Math.min(MAX_CHUNK, fit));
    }

    /**
     * Paths [0, paths) of {@code task} in chunks of {@code chunk} (a multiple of {@link BlockScheduler#BLOCK}), each
     * block handed to {@code consumer} on the calling thread. Warnings (a backend absent, without a kernel for the
     * task, or failed) go to {@code warnings} as one line each, without a "warning:" prefix.
     *
     * @param threads CPU threads for the CPU backend (0: one per core)
     */
    public static Ran run(
            ComputeBackend compute,
            CorrelatedPathTask task,
            long paths,
            int chunk,
            int threads,
            ProgressSink progress,
            Consumer<String> warnings,
            Consumer<PathBlock> consumer) {
        return run(compute, task, 0, paths, chunk, threads, progress, warnings, consumer);
    }

    /**
     * Paths [first, first + paths) of {@code task}, as {@link #run(ComputeBackend, CorrelatedPathTask, long, int, int,
     * ProgressSink, Consumer, Consumer)} does for [0, paths): {@code first} a multiple of {@link BlockScheduler#BLOCK},
     * so the chunks, and the blocks an engine adds, are those of the whole run (a partition of a distributed run).
     */
    public static Ran run(
            ComputeBackend compute,
            CorrelatedPathTask task,
            long first,
            long paths,
            int chunk,
            int threads,
            ProgressSink progress,
            Consumer<String> warnings,
            Consumer<PathBlock> consumer) {
        if (first < 0 || first % BlockScheduler.BLOCK != 0) {
            throw new IllegalArgumentException(
                    "first must be a non-negative multiple of " + BlockScheduler.BLOCK + ", got " + first);
        }
        if (chunk < 1 || chunk % BlockScheduler.BLOCK != 0) {
            throw new IllegalArgumentException(
                    "chunk must be a positive multiple of " + BlockScheduler.BLOCK + ", got " + chunk);
        }
        PathBackend cpu = ComputeBackend.CPU.backend();
        PathBackend backend = compute.backend();
        if (!compute.isCpu()) {
            if (!backend.isAvailable()) {
                String why = "backend " + backend.id() + " is not available (" + backend.device() + ")";
                if (!compute.fallback()) {
                    throw new BackendException(why);
                }
                warnings.accept(why + "; running on the CPU");
                backend = cpu;
            } else {
                Optional<String> unsupported = backend.unsupported(task);
                if (unsupported.isPresent()) {
                    warnings.accept("backend " + backend.id() + " cannot run this task (" + unsupported.get()
                            + "); running on the CPU");
                    backend = cpu;
                }
            }
        }
        try {
            return stream(backend, task, first, paths, chunk, threads, progress, consumer);
        } catch (DeviceFailed e) {
            String why = "backend " + backend.id() + " failed ("
                    + String.valueOf(e.getCause().getMessage())
                            .lines()
                            .findFirst()
                            .orElse("") + ")";
            if (backend == cpu || !compute.fallback()) {
                throw new BackendException(why, e.getCause());
            }
            warnings.accept(why + "; running the whole run again on the CPU");
            try {
                return stream(cpu, task, first, paths, chunk, threads, progress, consumer);
            } catch (DeviceFailed again) {
                throw new BackendException(
                        "the CPU backend failed: " + again.getCause().getMessage(), again);
            }
        }
    }

    private static Ran stream(
            PathBackend backend,
            CorrelatedPathTask task,
            long start,
            long paths,
            int chunk,
            int threads,
            ProgressSink progress,
            Consumer<PathBlock> consumer) {
        String device = backend.device();
        long end = start + paths;
        for (long first = start; first < end; first += chunk) {
            int count = (int) Math.min(chunk, end - first);
            PathBlock block;
            try {
                block = backend.simulatePaths(task, first, count, threads, progress);
            } catch (BackendException e) {
                throw new DeviceFailed(e);
            }
            if (block.first() != first || block.count() != count) {
                throw new DeviceFailed(new BackendException("returned paths [" + block.first() + ", +" + block.count()
                        + ") for [" + first + ", +" + count + ")"));
            }
            device = block.device();
            consumer.accept(block);
        }
        return new Ran(backend.id(), device);
    }

    /** A failure of the backend itself (not of the consumer), so only it triggers the fallback. */
    private static final class DeviceFailed extends RuntimeException {
        DeviceFailed(BackendException cause) {
            super(cause);
        }
    }
}
