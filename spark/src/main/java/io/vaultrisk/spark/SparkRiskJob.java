package io.vaultrisk.spark;

import io.vaultrisk.montecarlo.risk.LiquidationMonitoring;
import io.vaultrisk.montecarlo.risk.MarginMethod;
import io.vaultrisk.montecarlo.risk.ReportingCurrency;
import io.vaultrisk.montecarlo.risk.RiskSettings;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The job jar's main class for {@code spark-submit}: {@code --books DIR --out DIR [--paths N] [--seed S]
 * [--horizon-days 1,7] [--confidence 0.95,0.99] [--steps-per-day 24] [--partitions P]}. The master and executors come
 * from spark-submit; outputs as {@link BookFolderRun} writes them (the output folder must be one the driver can
 * write: a shared file system for the reports, any Hadoop path Spark can write for the Parquet summary). Exit 1 when
 * a book failed, after the others ran.
 */
public final class SparkRiskJob {
    private SparkRiskJob() {}

    public static void main(String[] args) {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --flag value pairs, got '" + args[i] + "'");
            }
            a.put(args[i].substring(2), args[i + 1]);
        }
        if (!a.containsKey("books") || !a.containsKey("out")) {
            System.err.println("usage: SparkRiskJob --books DIR --out DIR [--paths N] [--seed S] [--horizon-days 1,7]"
                    + " [--confidence 0.95,0.99] [--steps-per-day 24] [--partitions P]");
            System.exit(2);
        }
        RiskSettings settings = new RiskSettings(
                Long.parseLong(a.getOrDefault("paths", "100000")),
                Long.parseLong(a.getOrDefault("seed", "1")),
                Arrays.stream(a.getOrDefault("horizon-days", "1,7").split(","))
                        .mapToInt(Integer::parseInt)
                        .toArray(),
                Arrays.stream(a.getOrDefault("confidence", "0.95,0.99").split(","))
                        .mapToDouble(Double::parseDouble)
                        .toArray(),
                Integer.parseInt(a.getOrDefault("steps-per-day", "24")),
                1,
                false,
                LiquidationMonitoring.STEPS,
                ReportingCurrency.QUOTE,
                MarginMethod.LEGACY);
        SparkSession spark = SparkSession.builder().appName("vaultrisk-risk").getOrCreate();
        int partitions = Integer.parseInt(
                a.getOrDefault("partitions", String.valueOf(spark.sparkContext().defaultParallelism())));
        BookFolderRun.Result r;
        try {
            r = BookFolderRun.run(spark, Path.of(a.get("books")), settings, partitions, Path.of(a.get("out")));
        } finally {
            spark.stop();
        }
        r.failures().forEach(f -> System.err.println("vaultrisk: book " + f.file() + " failed: " + f.error()));
        System.out.println(
                r.reports().size() + " book(s) done, " + r.failures().size() + " failed; output in " + r.out());
        System.exit(r.failures().isEmpty() ? 0 : 1);
    }
}
