package io.vaultrisk.kernels.cpu;

import io.vaultrisk.kernels.BackendException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Every CPU path loop's parallelism: work cut into fixed blocks whose boundaries never depend on the thread count,
 * blocks spread over a fork-join pool, results handed back in block order for the caller to combine in that order.
 * Floating-point sums then come out the same bits on 1 or 64 threads, and any block can be recomputed on its own.
 */
public final class BlockScheduler {
    /** Paths per block: a multiple of every SIMD width, small enough to balance 2 to 64 cores. */
    public static final int BLOCK = 4096;

    /** One block of items [first, first + count). */
    @FunctionalInterface
    public interface Block<R> {
        R run(long first, int count);
    }

    private BlockScheduler() {}

    /** The number of blocks of {@code size} that cover {@code items} (the last one may be short). */
    public static int blocks(long items, int size) {
        return Math.toIntExact((items + size - 1) / size);
    }

    /**
     * Runs {@code block} over items [0, items) in blocks of {@code size} on {@code threads} threads (0: one per
     * core); the results in block order.
     */
    public static <R> List<R> run(long items, int size, int threads, Block<R> block) {
        if (items < 0 || size < 1) {
            throw new IllegalArgumentException("items must be >= 0 and block size >= 1, got " + items + ", " + size);
        }
        return map(blocks(items, size), threads, b -> {
            long first = (long) b * size;
            return block.run(first, (int) Math.min(size, items - first));
        });
    }

    /** Runs {@code block.apply(b)} for b in [0, blocks) on {@code threads} threads (0: one per core), in order. */
    public static <R> List<R> map(int blocks, int threads, IntFunction<R> block) {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0 (0: one per core), got " + threads);
        }
        int pool = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        ForkJoinPool fj = new ForkJoinPool(pool);
        try {
            List<Future<R>> futures = new ArrayList<>(blocks);
            for (int b = 0; b < blocks; b++) {
                int index = b;
                futures.add(fj.submit(() -> block.apply(index)));
            }
            List<R> results = new ArrayList<>(blocks);
            for (Future<R> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new BackendException("CPU kernel failed: " + cause, cause);
        } finally {
            fj.shutdownNow();
        }
    }
}
