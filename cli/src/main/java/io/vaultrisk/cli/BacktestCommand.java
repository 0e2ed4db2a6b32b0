package io.vaultrisk.cli;

import io.vaultrisk.kernels.ProgressSink;
import io.vaultrisk.montecarlo.backtest.BacktestEngine;
import io.vaultrisk.montecarlo.backtest.BacktestHtml;
import io.vaultrisk.montecarlo.backtest.BacktestReport;
import io.vaultrisk.montecarlo.backtest.BacktestReportJson;
import io.vaultrisk.montecarlo.backtest.BacktestSpec;
import io.vaultrisk.montecarlo.backtest.InvalidBacktestException;
import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.BookReader;
import io.vaultrisk.montecarlo.history.PriceHistory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vaultrisk backtest}: walks a history day by day and tests the book's VaR against the P&L realised. */
@Command(
        name = "backtest",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "VaR backtest of a book on a daily history: exceptions, Kupiec, Christoffersen, Basel traffic "
                + "light, daily series, HTML chart.")
public final class BacktestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--book",
            paramLabel = "FILE",
            description = "Book JSON; its asOf is day one (required unless --engine spark --books DIR).")
    Path book;

    @Mixin
    HistoryOptions history = new HistoryOptions();

    @Option(names = "--confidence", defaultValue = "0.99", description = "VaR confidence (default 0.99).")
    double confidence;

    @Option(names = "--horizon-days", defaultValue = "1", description = "VaR horizon in days (default 1).")
    int horizonDays;

    @Option(
            names = "--vol-model",
            defaultValue = "book",
            description = "book | ewma | garch: the vol each day (default book).")
    String volModel;

    @Option(names = "--method", defaultValue = "mc", description = "mc | fhs (default mc).")
    String method;

    @Option(names = "--paths", defaultValue = "20000", description = "Monte Carlo paths a day (default 20000).")
    long paths;

    @Option(names = "--seed", defaultValue = "1", description = "Seed (default 1).")
    long seed;

    @Option(names = "--lambda", defaultValue = "0.94", description = "EWMA λ (default 0.94).")
    double lambda;

    @Option(names = "--days", defaultValue = "0", description = "Most days to walk (default 0: to the end).")
    int days;

    @Option(names = "--steps-per-day", defaultValue = "24", description = "Simulation steps a day (default 24).")
    int stepsPerDay;

    @Option(names = "--threads", defaultValue = "0", description = "CPU threads, 0 = all cores.")
    int threads;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write the HTML report (P&L vs VaR) here.")
    Path html;

    @Mixin
    BackendOptions backend = new BackendOptions();

    @Option(names = "--json", description = "One JSON object on stdout.")
    boolean json;

    @Mixin
    SparkOptions cluster = new SparkOptions();

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "backtest-books",
            description = "With --engine spark: output folder (backtests/, summary.json, summary.parquet; default"
                    + " backtest-books).")
    Path out;

    /** The option that sets a {@link BacktestSpec} component (or the book/history field a check names). */
    static String flag(String field) {
        return switch (field) {
            case "confidence" -> "--confidence";
            case "horizonDays" -> "--horizon-days";
            case "volModel" -> "--vol-model";
            case "method" -> "--method";
            case "paths" -> "--paths";
            case "seed" -> "--seed";
            case "lambda" -> "--lambda";
            case "days" -> "--days";
            case "stepsPerDay" -> "--steps-per-day";
            case "threads" -> "--threads";
            case "asOf", "underlyings" -> "--book";
            default -> throw new IllegalArgumentException("no option sets backtest field '" + field + "'");
        };
    }

    @Override
    public Integer call() {
        BacktestSpec.VolModel vm = parse(BacktestSpec.VolModel.class, volModel, "--vol-model", "book, ewma or garch");
        BacktestSpec.Method m = parse(BacktestSpec.Method.class, method, "--method", "mc or fhs");
        BacktestSpec s;
        try {
            s = new BacktestSpec(confidence, horizonDays, vm, m, paths, seed, lambda, days, stepsPerDay, threads);
        } catch (InvalidBacktestException e) {
            throw CliSupport.badInput(spec, flag(e.field()), e.reason());
        }
        if (cluster.spark(spec, book)) {
            return spark(s);
        }
        CliSupport.require(spec, book != null, "--book", "is required (or --engine spark --books DIR)");
        CliSupport.require(spec, Files.isRegularFile(book), "--book", "no such file: " + book);
        Book b;
        try {
            b = BookReader.DEFAULT.read(book);
        } catch (IllegalArgumentException e) {
            throw CliSupport.badInput(spec, "--book", book + ": " + e.getMessage());
        }
        PriceHistory h = history.read(spec);
        BacktestEngine engine = BacktestEngine.on(backend.compute(spec));
        BacktestReport r;
        try {
            r = BackendOptions.run(spec, () -> engine.run(b, h, s, ProgressSink.NONE));
        } catch (InvalidBacktestException e) {
            throw CliSupport.badInput(spec, flag(e.field()), e.reason());
        } catch (IllegalArgumentException e) {
            // the book meeting a day of the history (a correlation, a funding interval on the steps)
            throw CliSupport.badInput(spec, "--book", e.getMessage());
        }
        if (html != null) {
            try {
                Files.writeString(html, BacktestHtml.render(r), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + html, e);
            }
        }
        if (json) {
            CliSupport.printJson(BacktestReportJson.toJson(r));
            return CliSupport.EXIT_OK;
        }
        System.out.printf(
                "Book %s, %s .. %s: %d observations, %d exceptions (%.2f%%, expected %.2f%%)%n",
                r.book(),
                r.start(),
                r.end(),
                r.observations(),
                r.exceptions(),
                100 * r.exceptionRate(),
                100 * r.expectedRate());
        System.out.printf(
                "Kupiec LR %.3f (p %.4f), Christoffersen LR %.3f (p %.4f), traffic light %s, %.1f s%n",
                r.kupiec().statistic(),
                r.kupiec().pValue(),
                r.christoffersen().statistic(),
                r.christoffersen().pValue(),
                r.trafficLight(),
                r.elapsedMillis() / 1000);
        r.notes().forEach(n -> System.out.println("note: " + n));
        return CliSupport.EXIT_OK;
    }

    /** {@code --engine spark}: every book of the folder on Spark; exit 1 when a book failed (after the others ran). */
    private int spark(BacktestSpec s) {
        CliSupport.require(spec, html == null, "--html", "is not used with --engine spark (one report per book)");
        CliSupport.require(spec, Files.isRegularFile(history.history), "--history", "no such file: " + history.history);
        history.read(spec); // a bad history is a bad flag, before Spark starts
        SparkLibraries.require();
        BackendOptions.requireKnown(spec, backend.backend);
        String id = backend.backend.equals("cpu") ? null : backend.backend;
        return SparkEngine.backtest(
                cluster.books, history.history, s, cluster.master, cluster.partitions, out, id, json);
    }

    private <E extends Enum<E>> E parse(Class<E> type, String text, String flag, String allowed) {
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw CliSupport.badInput(spec, flag, "must be " + allowed + ", got '" + text + "'");
        }
    }
}
