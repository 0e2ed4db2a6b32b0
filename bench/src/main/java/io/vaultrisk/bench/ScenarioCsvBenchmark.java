package io.vaultrisk.bench;

import io.vaultrisk.allocator.ScenarioCsv;
import io.vaultrisk.allocator.ScenarioMatrix;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
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
 * Reading a 100,000 × 20 scenario file (Student-t-ish returns written by {@link Double#toString}, 17 significant
 * digits as a simulation writes them): {@code legacy} is the reader before the byte-level parser
 * ({@link LegacyScenarioCsv}), {@code current} is {@link ScenarioCsv#read}. Setup fails unless both give the same
 * bits. {@link #main} runs both in one JMH run and prints the ratio.
 * <p>
 * Run: {@code java -cp "cli/target/vaultrisk-cli.jar:cli/target/lib/*" io.vaultrisk.bench.ScenarioCsvBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class ScenarioCsvBenchmark {
    static final int ROWS = 100_000;
    static final int COLUMNS = 20;

    Path file;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        file = Files.createTempFile("vaultrisk-scenarios", ".csv");
        write(file, ROWS, COLUMNS, 42);
        ScenarioMatrix a = LegacyScenarioCsv.read(file);
        ScenarioMatrix b = ScenarioCsv.read(file);
        for (int s = 0; s < ROWS; s++) {
            for (int j = 0; j < COLUMNS; j++) {
                if (Double.doubleToRawLongBits(a.get(s, j)) != Double.doubleToRawLongBits(b.get(s, j))) {
                    throw new IllegalStateException("readers disagree at row " + s + ", column " + j);
                }
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
    }

    @Benchmark
    public ScenarioMatrix legacy() {
        return LegacyScenarioCsv.read(file);
    }

    @Benchmark
    public ScenarioMatrix current() {
        return ScenarioCsv.read(file);
    }

    /** A header of names and {@code rows} rows of returns: a common factor plus fat-tailed noise, all above −1. */
    static void write(Path file, int rows, int columns, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int j = 0; j < columns; j++) {
                out.write(j == 0 ? "" : ",");
                out.write("strategy_" + j);
            }
            out.newLine();
            StringBuilder line = new StringBuilder();
            for (int s = 0; s < rows; s++) {
                line.setLength(0);
                double factor = rng.nextGaussian() * 0.03;
                for (int j = 0; j < columns; j++) {
                    double noise = rng.nextGaussian() / Math.sqrt(0.5 + rng.nextDouble()) * 0.02;
                    line.append(j == 0 ? "" : ",").append(Math.max(-0.99, factor + noise));
                }
                out.write(line.toString());
                out.newLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void main(String[] args) throws RunnerException {
        double legacy = Double.NaN;
        double current = Double.NaN;
        for (RunResult r : new Runner(new OptionsBuilder()
                        .include(ScenarioCsvBenchmark.class.getName() + "\\.")
                        .build())
                .run()) {
            double ms = r.getPrimaryResult().getScore();
            if (r.getParams().getBenchmark().endsWith(".legacy")) {
                legacy = ms;
            } else {
                current = ms;
            }
        }
        System.out.printf(
                Locale.ROOT,
                "scenario file %d x %d: legacy %.1f ms, current %.1f ms, %.2fx faster%n",
                ROWS,
                COLUMNS,
                legacy,
                current,
                legacy / current);
    }
}
