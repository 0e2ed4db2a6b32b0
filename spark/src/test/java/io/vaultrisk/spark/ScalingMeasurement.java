package io.vaultrisk.spark;

import io.vaultrisk.kernels.ProgressSink;
import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.BookReader;
import io.vaultrisk.montecarlo.risk.RiskEngine;
import io.vaultrisk.montecarlo.risk.RiskReport;
import io.vaultrisk.montecarlo.risk.RiskSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

/**
 * The measurement behind docs/performance.md's Spark scaling model (not a test): one book at {@code local[N]}, wall
 * time, the driver's own share ({@link SparkRiskEngine#lastDriverNanos}), the bytes each task sends back (Spark's
 * result sizes) and path-steps/s per executor core, after a warm-up run; the report is checked against the
 * in-process run.
 *
 * <p>Run from the module's test class path: {@code java -Xmx4g <spark.opens> -cp ... io.vaultrisk.spark.ScalingMeasurement
 * local[2] 1000000 8}
 */
final class ScalingMeasurement {
    private ScalingMeasurement() {}

    public static void main(String[] args) throws Exception {
        String master = args.length > 0 ? args[0] : "local[2]";
        long paths = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
        int partitions = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        Path books = Path.of(args.length > 3 ? args[3] : "examples/books");
        String json = Files.readString(books.resolve("eth-vault.json"));
        Book book = BookReader.DEFAULT.parse(json, books);
        RiskSettings settings = RiskSettings.of(paths, 7, new int[] {1, 7}, new double[] {0.95, 0.99});
        long steps = 7L * settings.stepsPerDay();
        SparkSession spark = SparkSession.builder()
                .master(master)
                .appName("vaultrisk-scaling")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        List<Long> results = Collections.synchronizedList(new ArrayList<>());
        spark.sparkContext().addSparkListener(new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                if (end.taskMetrics() != null) {
                    results.add(end.taskMetrics().resultSize());
                }
            }
        });
        int cores = spark.sparkContext().defaultParallelism();
        SparkRiskEngine engine =
                SparkRiskEngine.on(JavaSparkContext.fromSparkContext(spark.sparkContext()), partitions);
        RiskReport one = RiskEngine.DEFAULT.run(book, settings, ProgressSink.NONE);
        for (int run = 0; run < 3; run++) {
            results.clear();
            long t0 = System.nanoTime();
            RiskReport r = engine.run(json, books, settings);
            double wall = (System.nanoTime() - t0) / 1e9, driver = engine.lastDriverNanos / 1e9;
            Thread.sleep(500); // the listener bus is asynchronous
            long sent = results.stream().mapToLong(Long::longValue).sum();
            long largest = results.stream().mapToLong(Long::longValue).max().orElse(0);
            boolean equal = r.horizons()
                    .get(1)
                    .level(0.99)
                    .measures()
                    .equals(one.horizons().get(1).level(0.99).measures());
            System.out.printf(
                    Locale.ROOT,
                    "%s run %d%s: %,d paths x %d steps, %d ranges: wall %.2f s, driver %.2f s (%.0f%%), "
                            + "%.2e path-steps/s per core, bytes sent per range %,d (largest task result %,d, %d tasks),"
                            + " VaR equal to in-process: %s%n",
                    master,
                    run,
                    run == 0 ? " (warm-up)" : "",
                    paths,
                    steps,
                    partitions,
                    wall,
                    driver,
                    100 * driver / wall,
                    paths * steps / (wall - driver) / cores,
                    sent / partitions,
                    largest,
                    results.size(),
                    equal);
        }
        spark.stop();
    }
}
