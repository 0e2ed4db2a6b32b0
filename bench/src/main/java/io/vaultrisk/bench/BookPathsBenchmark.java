package io.vaultrisk.bench;

import io.vaultrisk.kernels.Backends;
import io.vaultrisk.kernels.CorrelatedPathTask;
import io.vaultrisk.kernels.PathBackend;
import io.vaultrisk.kernels.ProgressSink;
import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Book paths ({@link PathBackend#simulatePaths}) of the nightly book ({@link BookPaths#nightly()}) per backend, for
 * ratios in one run; {@link BookPathBenchmark} is the single-shot form the bench suite reports as path-steps/s. One
 * operation simulates all paths in chunks of {@link #CHUNK} as an engine asks for them, on every core the CPU backend
 * has. {@link #main} runs cpu and opencl in one JMH run and prints the ratio of their times.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class BookPathsBenchmark {
    /** Paths per {@code simulatePaths} call, as an engine streams a large run. */
    public static final int CHUNK = 1 << 16;

    @Param({"cpu", "opencl"})
    public String backend;

    @Param({"200000"})
    public int paths;

    private PathBackend target;
    private CorrelatedPathTask task;
    private int threads;

    @Setup(Level.Trial)
    public void setUp() {
        target = Backends.select(backend);
        if (!target.isAvailable()) {
            throw new IllegalStateException("backend " + backend + " is not available: " + target.device());
        }
        task = BookPaths.nightly();
        threads = Runtime.getRuntime().availableProcessors();
        // builds the device program before anything is timed
        target.simulatePaths(task, 0, 4_096, threads, ProgressSink.NONE);
    }

    /** Simulates every path in chunks; returns a sum over the last observations so nothing is optimised away. */
    @Benchmark
    public double simulatePaths() {
        return BookPaths.run(target, task, paths, threads, CHUNK);
    }

    /** Runs cpu and opencl (or the backends given as arguments) in one JMH run and prints time ratios to the first. */
    public static void main(String[] args) throws RunnerException {
        String[] backends = args.length > 0 ? args : new String[] {"cpu", "opencl"};
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                        .include(BookPathsBenchmark.class.getSimpleName())
                        .param("backend", backends)
                        .build())
                .run();
        double base = Double.NaN;
        for (String b : backends) {
            for (RunResult r : results) {
                if (b.equals(r.getParams().getParam("backend"))) {
                    double ms = r.getPrimaryResult().getScore();
                    base = Double.isNaN(base) ? ms : base;
                    System.out.printf(
                            Locale.ROOT,
                            "book paths %-13s %9.1f ms/op  %.2fx the speed of %s%n",
                            b,
                            ms,
                            base / ms,
                            backends[0]);
                }
            }
        }
    }
}
