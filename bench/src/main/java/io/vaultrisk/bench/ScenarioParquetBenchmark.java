package io.vaultrisk.bench;

import io.vaultrisk.allocator.ScenarioCsv;
import io.vaultrisk.allocator.ScenarioFormat;
import io.vaultrisk.allocator.ScenarioMatrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The same 100,000 × 20 scenario matrix as {@link ScenarioCsvBenchmark} read from CSV ({@link ScenarioCsv#read}, the
 * byte-level parser) and from Parquet ({@link ScenarioFormat#read}: the spark module's reader, found by
 * ServiceLoader). Setup fails unless both give the same bits. {@link #main} prints the ratio.
 * <p>
 * Run with the spark module and its Parquet on the class path: {@code java -cp
 * "cli/target/vaultrisk-cli.jar:cli/target/lib/*:spark/target/vaultrisk-spark.jar:spark/target/lib-spark/*"
 * io.vaultrisk.bench.ScenarioParquetBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class ScenarioParquetBenchmark {
    Path csv;
    Path parquet;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        csv = Files.createTempFile("vaultrisk-scenarios", ".csv");
        parquet = csv.resolveSibling(csv.getFileName().toString().replace(".csv", ".parquet"));
        ScenarioCsvBenchmark.write(csv, ScenarioCsvBenchmark.ROWS, ScenarioCsvBenchmark.COLUMNS, 42);
        ScenarioMatrix a = ScenarioCsv.read(csv);
        ScenarioFormat.write(a, parquet);
        ScenarioMatrix b = ScenarioFormat.read(parquet);
        for (int s = 0; s < ScenarioCsvBenchmark.ROWS; s++) {
            for (int j = 0; j < ScenarioCsvBenchmark.COLUMNS; j++) {
                if (Double.doubleToRawLongBits(a.get(s, j)) != Double.doubleToRawLongBits(b.get(s, j))) {
                    throw new IllegalStateException("CSV and Parquet disagree at row " + s + ", column " + j);
                }
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(csv);
        Files.deleteIfExists(parquet);
    }

    @Benchmark
    public ScenarioMatrix csv() {
        return ScenarioCsv.read(csv);
    }

    @Benchmark
    public ScenarioMatrix parquet() {
        return ScenarioFormat.read(parquet);
    }

    public static void main(String[] args) throws RunnerException {
        double csv = 0, parquet = 0;
        for (RunResult r : new Runner(new OptionsBuilder()
                        .include(ScenarioParquetBenchmark.class.getSimpleName())
                        .build())
                .run()) {
            double ms = r.getPrimaryResult().getScore();
            if (r.getParams().getBenchmark().endsWith(".csv")) {
                csv = ms;
            } else {
                parquet = ms;
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%d x %d scenarios: CSV %.1f ms, Parquet %.1f ms: Parquet %.2fx the speed of CSV%n",
                ScenarioCsvBenchmark.ROWS,
                ScenarioCsvBenchmark.COLUMNS,
                csv,
                parquet,
                csv / parquet);
    }
}
