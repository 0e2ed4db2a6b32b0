package io.vaultrisk.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vaultrisk.montecarlo.backtest.BacktestEngine;
import io.vaultrisk.montecarlo.backtest.BacktestReport;
import io.vaultrisk.montecarlo.backtest.BacktestReportJson;
import io.vaultrisk.montecarlo.backtest.BacktestSpec;
import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.BookReader;
import io.vaultrisk.montecarlo.history.HistoryCsv;
import io.vaultrisk.montecarlo.history.PriceHistory;
import io.vaultrisk.montecarlo.risk.RiskEngine;
import io.vaultrisk.montecarlo.risk.RiskReport;
import io.vaultrisk.montecarlo.risk.RiskReportJson;
import io.vaultrisk.montecarlo.risk.RiskSettings;
import io.vaultrisk.montecarlo.risk.TailMeasures;
import io.vaultrisk.montecarlo.stress.Scenario;
import io.vaultrisk.montecarlo.stress.StressEngine;
import io.vaultrisk.montecarlo.stress.StressReport;
import io.vaultrisk.montecarlo.stress.StressReportJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Every book of a folder ({@code *.json}, in name order) through {@link SparkRiskEngine} in one job: one report per
 * book ({@code reports/<file>.json}, the document of {@code vaultrisk risk --json}) and a summary, one row per book ×
 * horizon × confidence, as {@code summary.json} and as Parquet ({@code summary.parquet}, Spark's DataFrame writer).
 * A book that cannot be read, or that the settings cannot run, is reported by file name with its reason and the
 * others run.
 */
public final class BookFolderRun {
    /** The summary's columns, in order: what the Parquet file holds. */
    public static final StructType SUMMARY_SCHEMA = new StructType()
            .add("file", DataTypes.StringType, false)
            .add("book", DataTypes.StringType, false)
            .add("horizonDays", DataTypes.IntegerType, false)
            .add("confidence", DataTypes.DoubleType, false)
            .add("currency", DataTypes.StringType, false)
            .add("paths", DataTypes.LongType, false)
            .add("seed", DataTypes.LongType, false)
            .add("bookValue", DataTypes.DoubleType, false)
            .add("var", DataTypes.DoubleType, false)
            .add("varLow", DataTypes.DoubleType, false)
            .add("varHigh", DataTypes.DoubleType, false)
            .add("es", DataTypes.DoubleType, false)
            .add("esStderr", DataTypes.DoubleType, false)
            .add("backend", DataTypes.StringType, false);

    /**
     * Paths per Spark job at most: the executors hold every path of a job's books between the reduction's passes
     * (about 120 bytes a path for a two-underlying book with perpetuals, docs/performance.md), so a folder runs in
     * jobs of as many books as fit, and at least one.
     */
    public static final long MAX_PATHS_PER_JOB = 20_000_000;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A book that did not run: its file name and the one-line reason. */
    public record Failure(String file, String error) {}

    /** A book's report with the file it came from. */
    public record BookReport(String file, RiskReport report) {}

    /** The stress summary's columns: one row per book × scenario. */
    public static final StructType STRESS_SCHEMA = new StructType()
            .add("file", DataTypes.StringType, false)
            .add("book", DataTypes.StringType, false)
            .add("scenario", DataTypes.StringType, false)
            .add("name", DataTypes.StringType, false)
            .add("date", DataTypes.StringType, true)
            .add("pnl", DataTypes.DoubleType, false)
            .add("liquidated", DataTypes.IntegerType, false);

    /**
     * What a folder run produced; {@code out} holds the files. {@code stress}: each book's stress report, in the order
     * of {@code reports}, when the run was a stress run (else empty).
     */
    public record Result(List<BookReport> reports, List<StressReport> stress, List<Failure> failures, Path out) {}

    /** One row of the summary: a book at one horizon and confidence (the columns of {@link #SUMMARY_SCHEMA}). */
    public record SummaryRow(
            String file,
            String book,
            int horizonDays,
            double confidence,
            String currency,
            long paths,
            long seed,
            double bookValue,
            double var,
            double varLow,
            double varHigh,
            double es,
            double esStderr,
            String backend) {
        Row toRow() {
            return RowFactory.create(
                    file,
                    book,
                    horizonDays,
                    confidence,
                    currency,
                    paths,
                    seed,
                    bookValue,
                    var,
                    varLow,
                    varHigh,
                    es,
                    esStderr,
                    backend);
        }
    }

    private BookFolderRun() {}

    /**
     * Runs the folder's books on a session of its own at {@code master} ({@code local[N]}, or a cluster's), stopped
     * when done; {@code partitions} 0 or less: two per core of the session.
     */
    public static Result runAt(
            String master, Path books, RiskSettings settings, List<Scenario> scenarios, int partitions, Path out) {
        SparkSession spark = SparkSession.builder()
                .master(master)
                .appName("vaultrisk-risk")
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .getOrCreate();
        try {
            spark.sparkContext().setLogLevel("ERROR");
            int p = partitions > 0 ? partitions : 2 * spark.sparkContext().defaultParallelism();
            SparkRiskEngine engine = SparkRiskEngine.on(JavaSparkContext.fromSparkContext(spark.sparkContext()), p);
            return run(engine, spark, books, settings, scenarios, out);
        } finally {
            spark.stop();
        }
    }

    /** Runs the folder's books with {@code settings} on {@code spark}, writing under {@code out}. */
    public static Result run(SparkSession spark, Path books, RiskSettings settings, int partitions, Path out) {
        return run(
                SparkRiskEngine.on(JavaSparkContext.fromSparkContext(spark.sparkContext()), partitions),
                spark,
                books,
                settings,
                null,
                out);
    }

    /**
     * The folder's books stressed ({@code vaultrisk stress}): each book's simulation on {@code spark}, its risk matrices
     * and the {@code scenarios} replayed on the driver ({@link StressEngine#report}); writes {@code stress/<file>.json}
     * (the document of {@code stress}'s stress.json) and {@code stress.parquet} (one row per book × scenario) besides
     * the risk outputs.
     */
    public static Result stress(
            SparkSession spark, Path books, RiskSettings settings, List<Scenario> scenarios, int partitions, Path out) {
        return run(
                SparkRiskEngine.on(JavaSparkContext.fromSparkContext(spark.sparkContext()), partitions),
                spark,
                books,
                settings,
                scenarios,
                out);
    }

    static Result run(
            SparkRiskEngine engine,
            SparkSession spark,
            Path books,
            RiskSettings settings,
            List<Scenario> scenarios,
            Path out) {
        List<String> files = new ArrayList<>();
        List<SparkRiskEngine.BookJob> jobs = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (Path f : bookFiles(books)) {
            String name = f.getFileName().toString();
            try {
                String json = Files.readString(f);
                String dir = f.toAbsolutePath().getParent().toString();
                Book book = BookReader.DEFAULT.parse(json, Path.of(dir));
                RiskEngine.DEFAULT.check(book, settings);
                files.add(name);
                jobs.add(new SparkRiskEngine.BookJob(json, dir, book));
            } catch (IOException | RuntimeException e) {
                failures.add(new Failure(name, oneLine(e)));
            }
        }
        List<RiskReport> reports = new ArrayList<>();
        int perJob = (int) Math.max(1, Math.min(Integer.MAX_VALUE, MAX_PATHS_PER_JOB / settings.paths()));
        for (int from = 0; from < jobs.size(); from += perJob) {
            reports.addAll(engine.runAll(jobs.subList(from, Math.min(jobs.size(), from + perJob)), settings));
        }
        List<BookReport> done = new ArrayList<>();
        List<StressReport> stressed = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            done.add(new BookReport(files.get(i), reports.get(i)));
            if (scenarios != null) {
                stressed.add(StressEngine.DEFAULT.report(jobs.get(i).book(), scenarios, settings, reports.get(i)));
            }
        }
        write(spark, done, failures, out);
        if (scenarios != null) {
            writeStress(spark, done, stressed, out);
        }
        return new Result(done, stressed, failures, out);
    }

    /** The backtest summary's columns: one row per book. */
    public static final StructType BACKTEST_SCHEMA = new StructType()
            .add("file", DataTypes.StringType, false)
            .add("book", DataTypes.StringType, false)
            .add("start", DataTypes.StringType, false)
            .add("end", DataTypes.StringType, false)
            .add("horizonDays", DataTypes.IntegerType, false)
            .add("confidence", DataTypes.DoubleType, false)
            .add("method", DataTypes.StringType, false)
            .add("volModel", DataTypes.StringType, false)
            .add("observations", DataTypes.IntegerType, false)
            .add("exceptions", DataTypes.IntegerType, false)
            .add("exceptionRate", DataTypes.DoubleType, false)
            .add("expectedRate", DataTypes.DoubleType, false)
            .add("kupiecLr", DataTypes.DoubleType, false)
            .add("kupiecP", DataTypes.DoubleType, false)
            .add("christoffersenLr", DataTypes.DoubleType, false)
            .add("christoffersenP", DataTypes.DoubleType, false)
            .add("trafficLight", DataTypes.StringType, false)
            .add("backend", DataTypes.StringType, false);

    /** A book's backtest with the file it came from. */
    public record BookBacktest(String file, BacktestReport report) {}

    /** What a folder backtest produced; {@code out} holds the files. */
    public record BacktestResult(List<BookBacktest> reports, List<Failure> failures, Path out) {}

    /**
     * The folder's books backtested ({@code vaultrisk backtest}) on the history in {@code history} (a file every
     * executor can read), each book's days shared out as tasks ({@link SparkBacktest}, at most {@code tasksPerBook}
     * per book): {@code backtests/<file>.json} (the document of {@code backtest --json}), {@code summary.json} and
     * {@code summary.parquet} (one row per book, {@link #BACKTEST_SCHEMA}) under {@code out}. A book that cannot be
     * read, does not fit the history, or fails on a day is reported by file name with its reason; the others run.
     */
    public static BacktestResult backtest(
            SparkSession spark, Path books, Path history, BacktestSpec spec, int tasksPerBook, Path out) {
        PriceHistory h = HistoryCsv.DEFAULT.read(history);
        List<String> files = new ArrayList<>();
        List<SparkRiskEngine.BookJob> jobs = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (Path f : bookFiles(books)) {
            String name = f.getFileName().toString();
            try {
                String json = Files.readString(f);
                String dir = f.toAbsolutePath().getParent().toString();
                Book book = BookReader.DEFAULT.parse(json, Path.of(dir));
                BacktestEngine.DEFAULT.walk(book, h, spec);
                files.add(name);
                jobs.add(new SparkRiskEngine.BookJob(json, dir, book));
            } catch (IOException | RuntimeException e) {
                failures.add(new Failure(name, oneLine(e)));
            }
        }
        List<SparkBacktest.Outcome> outcomes = SparkBacktest.on(
                        JavaSparkContext.fromSparkContext(spark.sparkContext()), tasksPerBook)
                .runAll(jobs, history, spec);
        List<BookBacktest> done = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            SparkBacktest.Outcome o = outcomes.get(i);
            if (o.error() != null) {
                failures.add(new Failure(files.get(i), o.error()));
            } else {
                done.add(new BookBacktest(files.get(i), o.report()));
            }
        }
        failures.sort(java.util.Comparator.comparing(Failure::file));
        writeBacktests(spark, done, failures, out);
        return new BacktestResult(done, failures, out);
    }

    /** {@link #backtest} on a session of its own at {@code master}, stopped when done; tasks 0: two per core. */
    public static BacktestResult backtestAt(
            String master, Path books, Path history, BacktestSpec spec, int tasksPerBook, Path out) {
        SparkSession spark = SparkSession.builder()
                .master(master)
                .appName("vaultrisk-backtest")
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .getOrCreate();
        try {
            spark.sparkContext().setLogLevel("ERROR");
            int p = tasksPerBook > 0 ? tasksPerBook : 2 * spark.sparkContext().defaultParallelism();
            return backtest(spark, books, history, spec, p, out);
        } finally {
            spark.stop();
        }
    }

    private static void writeBacktests(
            SparkSession spark, List<BookBacktest> reports, List<Failure> failures, Path out) {
        try {
            Path dir = Files.createDirectories(out.resolve("backtests"));
            ObjectNode summary = JSON.createObjectNode();
            ArrayNode rows = summary.putArray("rows");
            List<Row> table = new ArrayList<>();
            for (BookBacktest b : reports) {
                BacktestReport r = b.report();
                Object[] row = {
                    b.file(),
                    r.book(),
                    r.start().toString(),
                    r.end().toString(),
                    r.spec().horizonDays(),
                    r.spec().confidence(),
                    r.spec().method().name().toLowerCase(java.util.Locale.ROOT),
                    r.spec().volModel().name().toLowerCase(java.util.Locale.ROOT),
                    r.observations(),
                    r.exceptions(),
                    r.exceptionRate(),
                    r.expectedRate(),
                    r.kupiec().statistic(),
                    r.kupiec().pValue(),
                    r.christoffersen().statistic(),
                    r.christoffersen().pValue(),
                    r.trafficLight(),
                    r.backend()
                };
                table.add(RowFactory.create(row));
                ObjectNode o = rows.addObject();
                String[] names = BACKTEST_SCHEMA.fieldNames();
                for (int c = 0; c < names.length; c++) {
                    o.set(names[c], JSON.valueToTree(row[c]));
                }
                Files.writeString(dir.resolve(b.file()), JSON.writeValueAsString(BacktestReportJson.toJson(r)) + "\n");
            }
            ArrayNode failed = summary.putArray("failed");
            for (Failure f : failures) {
                failed.addObject().put("file", f.file()).put("error", f.error());
            }
            Files.writeString(out.resolve("summary.json"), JSON.writeValueAsString(summary) + "\n");
            spark.createDataFrame(table, BACKTEST_SCHEMA)
                    .coalesce(1)
                    .write()
                    .mode(SaveMode.Overwrite)
                    .parquet(out.resolve("summary.parquet").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The summary: one row per book × horizon × confidence. */
    public static List<SummaryRow> summary(List<BookReport> reports) {
        List<SummaryRow> rows = new ArrayList<>();
        for (BookReport b : reports) {
            RiskReport r = b.report();
            for (RiskReport.HorizonRisk h : r.horizons()) {
                for (RiskReport.LevelRisk l : h.levels()) {
                    TailMeasures m = l.measures();
                    rows.add(new SummaryRow(
                            b.file(),
                            r.book(),
                            h.days(),
                            m.confidence(),
                            r.currency(),
                            r.paths(),
                            r.seed(),
                            r.bookValue(),
                            m.var(),
                            m.varLow(),
                            m.varHigh(),
                            m.es(),
                            m.esStderr(),
                            r.backend()));
                }
            }
        }
        return rows;
    }

    private static void write(SparkSession spark, List<BookReport> reports, List<Failure> failures, Path out) {
        try {
            Path dir = Files.createDirectories(out.resolve("reports"));
            ObjectNode summary = JSON.createObjectNode();
            ArrayNode rows = summary.putArray("rows");
            List<Row> table = new ArrayList<>();
            for (SummaryRow row : summary(reports)) {
                rows.add(JSON.<ObjectNode>valueToTree(row));
                table.add(row.toRow());
            }
            ArrayNode failed = summary.putArray("failed");
            for (Failure f : failures) {
                failed.addObject().put("file", f.file()).put("error", f.error());
            }
            for (BookReport b : reports) {
                Files.writeString(
                        dir.resolve(b.file()), JSON.writeValueAsString(RiskReportJson.toJson(b.report())) + "\n");
            }
            Files.writeString(out.resolve("summary.json"), JSON.writeValueAsString(summary) + "\n");
            spark.createDataFrame(table, SUMMARY_SCHEMA)
                    .coalesce(1)
                    .write()
                    .mode(SaveMode.Overwrite)
                    .parquet(out.resolve("summary.parquet").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeStress(SparkSession spark, List<BookReport> books, List<StressReport> stress, Path out) {
        try {
            Path dir = Files.createDirectories(out.resolve("stress"));
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < stress.size(); i++) {
                StressReport s = stress.get(i);
                String file = books.get(i).file();
                Files.writeString(dir.resolve(file), JSON.writeValueAsString(StressReportJson.toJson(s)) + "\n");
                for (StressReport.ScenarioResult r : s.scenarios()) {
                    rows.add(RowFactory.create(
                            file,
                            s.book(),
                            r.scenario().id(),
                            r.scenario().name(),
                            r.scenario().date(),
                            r.pnl(),
                            r.liquidated().size()));
                }
            }
            spark.createDataFrame(rows, STRESS_SCHEMA)
                    .coalesce(1)
                    .write()
                    .mode(SaveMode.Overwrite)
                    .parquet(out.resolve("stress.parquet").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> bookFiles(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String oneLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse("").trim();
    }
}
