package io.vaultrisk.spark;

import io.vaultrisk.montecarlo.backtest.BacktestEngine;
import io.vaultrisk.montecarlo.backtest.BacktestReport;
import io.vaultrisk.montecarlo.backtest.BacktestSpec;
import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.BookReader;
import io.vaultrisk.montecarlo.history.HistoryCsv;
import io.vaultrisk.montecarlo.history.PriceHistory;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * VaR backtests of many books on a Spark cluster, each equal to {@link BacktestEngine#run} on one machine bit for bit
 * (bar the elapsed time). A backtest's days are independent once the book is checked (a day reads the history up to
 * itself and its horizon only), so each book's walk is cut into runs of consecutive days and every (book, run) is a
 * task: it reads the book and the history (files every executor can read), computes its days on the executor's
 * backend and sends back a few numbers a day; the driver puts them in day order into the report of the same {@link
 * BacktestEngine.Walk}. All books go in one job. A book whose days fail on the executors is reported as failed with
 * the first error, without failing the others.
 */
public final class SparkBacktest {
    /** Days [from, to] (history indices) of book {@code book}, an index into the call's books. */
    record Days(int book, int from, int to) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** A task's days, or the one-line error that stopped them. */
    record Done(int book, List<BacktestEngine.DayResult> days, String error) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** A book's backtest, or why it has none. */
    public record Outcome(BacktestReport report, String error) {}

    private final JavaSparkContext spark;
    private final int tasksPerBook;

    private SparkBacktest(JavaSparkContext spark, int tasksPerBook) {
        if (tasksPerBook < 1) {
            throw new IllegalArgumentException("tasks per book must be at least 1, got " + tasksPerBook);
        }
        this.spark = spark;
        this.tasksPerBook = tasksPerBook;
    }

    /** Backtests on {@code spark} that cut each book's days into at most {@code tasksPerBook} runs. */
    public static SparkBacktest on(JavaSparkContext spark, int tasksPerBook) {
        return new SparkBacktest(spark, tasksPerBook);
    }

    /**
     * Every book's backtest on the history in {@code historyFile}, in the order of {@code books}. The books must have
     * passed {@link BacktestEngine#walk} with that history and {@code spec} on the driver.
     */
    public List<Outcome> runAll(List<SparkRiskEngine.BookJob> books, Path historyFile, BacktestSpec spec) {
        long started = System.nanoTime();
        String history = historyFile.toAbsolutePath().toString();
        PriceHistory h = HistoryCsv.DEFAULT.read(Path.of(history));
        List<BacktestEngine.Walk> walks = new ArrayList<>();
        List<Days> runs = new ArrayList<>();
        List<String> jsons = new ArrayList<>();
        List<String> dirs = new ArrayList<>();
        for (int b = 0; b < books.size(); b++) {
            BacktestEngine.Walk w = BacktestEngine.DEFAULT.walk(books.get(b).book(), h, spec);
            walks.add(w);
            jsons.add(books.get(b).json());
            dirs.add(books.get(b).baseDir());
            int n = w.days(), p = Math.min(tasksPerBook, n);
            for (int i = 0; i < p; i++) {
                runs.add(new Days(b, w.first() + n * i / p, w.first() + n * (i + 1) / p - 1));
            }
        }
        if (runs.isEmpty()) {
            return List.of();
        }
        // collect() returns the runs in partition order: day order within a book
        List<Done> done = spark.parallelize(runs, runs.size())
                .map(d -> days(jsons.get(d.book()), dirs.get(d.book()), history, spec, d))
                .collect();
        List<Outcome> out = new ArrayList<>();
        for (int b = 0; b < books.size(); b++) {
            List<BacktestEngine.DayResult> days = new ArrayList<>();
            String error = null;
            for (Done d : done) {
                if (d.book() == b) {
                    if (d.error() != null && error == null) {
                        error = d.error();
                    }
                    days.addAll(d.days());
                }
            }
            out.add(
                    error != null
                            ? new Outcome(null, error)
                            : new Outcome(walks.get(b).report(days, started), null));
        }
        return out;
    }

    /** What one task does: read the book and the history, walk its days on this executor's backend. */
    static Done days(String json, String baseDir, String history, BacktestSpec spec, Days d) {
        try {
            Book book = BookReader.DEFAULT.parse(json, Path.of(baseDir));
            TaskContext task = TaskContext.get();
            // a task owns spark.task.cpus cores; the days do not depend on the thread count
            BacktestSpec mine = task == null
                    ? spec
                    : new BacktestSpec(
                            spec.confidence(),
                            spec.horizonDays(),
                            spec.volModel(),
                            spec.method(),
                            spec.paths(),
                            spec.seed(),
                            spec.lambda(),
                            spec.days(),
                            spec.stepsPerDay(),
                            task.cpus());
            BacktestEngine.Walk walk = BacktestEngine.on(ExecutorBackend.compute())
                    .walk(book, HistoryCsv.DEFAULT.read(Path.of(history)), mine);
            List<BacktestEngine.DayResult> out = new ArrayList<>();
            for (int t = d.from(); t <= d.to(); t++) {
                out.add(walk.day(t));
            }
            return new Done(d.book(), out, null);
        } catch (RuntimeException e) {
            // the book's own failure (a day whose market it cannot run): reported with the book, the others go on
            return new Done(d.book(), List.of(), BookFolderRun.oneLine(e));
        }
    }
}
