package io.vaultrisk.spark;

import io.vaultrisk.kernels.ProgressSink;
import io.vaultrisk.kernels.cpu.BlockScheduler;
import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.BookReader;
import io.vaultrisk.montecarlo.risk.PathRange;
import io.vaultrisk.montecarlo.risk.RiskEngine;
import io.vaultrisk.montecarlo.risk.RiskReduction;
import io.vaultrisk.montecarlo.risk.RiskReport;
import io.vaultrisk.montecarlo.risk.RiskSettings;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;

/**
 * Book risk runs split by path index across a Spark cluster, equal to {@link RiskEngine#run} on one machine bit for
 * bit. Each book's paths are cut into ranges aligned to the 4,096-path blocks; a task gets the book's JSON, the
 * settings and its range (never a random-number state: the streams are counter-based), rebuilds the plan and
 * simulates the range on its executor's backend ({@link ExecutorBackend}) with {@link RiskEngine#simulateRange} and
 * keeps it there. The driver runs montecarlo's own reduction ({@link RiskReduction}, the one {@link RiskEngine#run}
 * applies to its paths, so the two cannot drift) as a few passes over the held ranges: each task sends back block
 * sums, a sketch of its sorted losses, its candidate tail (the paths at or above a bracket of the lowest tail rank,
 * with their indices and positions' losses) and histogram counts, never its paths, and the driver selects VaR and ES
 * exactly. All books of a call run as one Spark job, so small books do not leave cores
 * idle. Stateless apart from the context it runs on.
 */
public final class SparkRiskEngine {
    /** Paths [first, first + count) of book {@code book} (an index into the call's books). */
    record Range(int book, long first, int count) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** Runs in each task before it simulates; tests inject a failure of the first attempt here. */
    interface TaskHook extends Serializable {
        void before(Range range);
    }

    /**
     * A book to run: its JSON (what the tasks receive), the folder its surface files are relative to (a path every
     * executor can read: a shared file system on a cluster) and the book read from it on the driver.
     */
    public record BookJob(String json, String baseDir, Book book) {}

    private final JavaSparkContext spark;
    private final int partitions;
    private final TaskHook hook;

    SparkRiskEngine(JavaSparkContext spark, int partitions, TaskHook hook) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        this.spark = spark;
        this.partitions = partitions;
        this.hook = hook;
    }

    /** An engine on {@code spark} that splits each book's paths into at most {@code partitions} ranges. */
    public static SparkRiskEngine on(JavaSparkContext spark, int partitions) {
        return new SparkRiskEngine(spark, partitions, r -> {});
    }

    /** One book (surface files relative to {@code baseDir}), as {@link RiskEngine#run} on the executors' backend. */
    public RiskReport run(String bookJson, Path baseDir, RiskSettings settings) {
        String dir = baseDir.toAbsolutePath().toString();
        return runAll(List.of(new BookJob(bookJson, dir, BookReader.DEFAULT.parse(bookJson, baseDir))), settings)
                .get(0);
    }

    /**
     * Every book in one job; reports in the order of {@code books}. The books must have passed {@link
     * RiskEngine#check} with {@code settings} (a task that throws fails the whole job).
     */
    public List<RiskReport> runAll(List<BookJob> books, RiskSettings settings) {
        long t0 = System.nanoTime();
        List<Range> ranges = new ArrayList<>();
        List<String> jsons = new ArrayList<>();
        List<String> dirs = new ArrayList<>();
        List<RiskReduction> reductions = new ArrayList<>();
        for (int b = 0; b < books.size(); b++) {
            jsons.add(books.get(b).json());
            dirs.add(books.get(b).baseDir());
            reductions.add(RiskReduction.of(books.get(b).book(), settings, t0));
            for (long[] r : ranges(settings.paths(), partitions)) {
                ranges.add(new Range(b, r[0], (int) r[1]));
            }
        }
        if (ranges.isEmpty()) {
            return List.of();
        }
        TaskHook before = hook;
        // one range per partition, simulated once and held in the executors' memory for the reduction's passes (a
        // lost one is simulated again from the seed, the same bits); only each pass's few numbers come back
        JavaRDD<Held> held = spark.parallelize(ranges, ranges.size())
                .map(r -> new Held(r.book(), simulate(jsons.get(r.book()), dirs.get(r.book()), settings, r, before)))
                .persist(StorageLevel.MEMORY_ONLY());
        long driver = 0; // nanoseconds in the driver's own work: the reductions' passes and reports
        try {
            long d0 = System.nanoTime();
            List<RiskReduction.Pass> passes = next(reductions);
            driver += System.nanoTime() - d0;
            while (passes != null) {
                List<RiskReduction.Pass> mine = passes;
                // collect() returns the answers in partition order, which is path order within a book
                List<Answer> answers = held.map(
                                h -> new Answer(h.book(), mine.get(h.book()).run(h.range())))
                        .collect();
                d0 = System.nanoTime();
                for (int b = 0; b < books.size(); b++) {
                    List<Serializable> of = new ArrayList<>();
                    for (Answer a : answers) {
                        if (a.book() == b) {
                            of.add(a.answer());
                        }
                    }
                    reductions.get(b).accept(of);
                }
                passes = next(reductions);
                driver += System.nanoTime() - d0;
            }
        } finally {
            held.unpersist(false);
        }
        long d0 = System.nanoTime();
        List<RiskReport> reports =
                reductions.stream().map(RiskReduction::report).toList();
        lastDriverNanos = driver + System.nanoTime() - d0;
        return reports;
    }

    /** The driver's own time in the last {@link #runAll} (its reductions), for docs/performance.md's scaling model. */
    volatile long lastDriverNanos;

    /** A range held on its executor, with the index of its book. */
    record Held(int book, PathRange range) {}

    /** A range's answer to one pass. */
    record Answer(int book, Serializable answer) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** Every book's next pass; null when all are done (the books' reductions go through the same passes). */
    private static List<RiskReduction.Pass> next(List<RiskReduction> reductions) {
        List<RiskReduction.Pass> passes = new ArrayList<>();
        for (RiskReduction r : reductions) {
            passes.add(r.next());
        }
        return passes.get(0) == null ? null : passes;
    }

    /** What one task does: read the book, simulate its range on this executor's backend and hold it there. */
    static PathRange simulate(String json, String baseDir, RiskSettings settings, Range r, TaskHook hook) {
        hook.before(r);
        Book book = BookReader.DEFAULT.parse(json, Path.of(baseDir));
        TaskContext task = TaskContext.get();
        // a task owns spark.task.cpus cores; the result does not depend on the thread count
        RiskSettings mine = task == null ? settings : settings.withThreads(task.cpus());
        return RiskEngine.on(ExecutorBackend.compute())
                .simulateRange(book, mine, r.first(), r.count(), ProgressSink.NONE);
    }

    /**
     * {@code paths} cut into at most {@code partitions} ranges of whole 4,096-path blocks (the last one may be short),
     * as {first, count} in path order; fewer ranges when there are fewer blocks.
     */
    static List<long[]> ranges(long paths, int partitions) {
        int block = BlockScheduler.BLOCK;
        long blocks = (paths + block - 1) / block;
        int p = (int) Math.min(partitions, blocks);
        List<long[]> out = new ArrayList<>();
        for (int i = 0; i < p; i++) {
            long from = blocks * i / p * block, to = Math.min(paths, blocks * (i + 1) / p * block);
            out.add(new long[] {from, to - from});
        }
        return out;
    }
}
