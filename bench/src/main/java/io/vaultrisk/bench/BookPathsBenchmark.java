package io.vaultrisk.bench;

import io.vaultrisk.kernels.Backends;
import io.vaultrisk.kernels.CorrelatedPathTask;
import io.vaultrisk.kernels.PathBackend;
import io.vaultrisk.kernels.PathBlock;
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
 * Book paths ({@link PathBackend#simulatePaths}) of the nightly shape per backend: 5 correlated underlyings, a one-day
 * horizon in 24 hourly steps, every spot observed at 8 h and 24 h, checkpoints every 8 h (where perpetuals are
 * monitored). One operation simulates all paths in chunks of {@link #CHUNK} as an engine asks for them, on every core
 * the CPU backend has. {@link #main} runs cpu and opencl in one JMH run and prints the ratio of their times.
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

    /** The nightly shape: 5 underlyings (BTC, ETH, SOL and two alts), crypto vols, a mixed correlation matrix. */
    public static CorrelatedPathTask nightly() {
        double[] spot = {90_000, 3_000, 150, 0.6, 25};
        double[] vol = {0.55, 0.7, 0.9, 1.0, 1.1};
        double[][] corr = {
            {1, 0.8, 0.7, 0.6, 0.6},
            {0.8, 1, 0.75, 0.65, 0.6},
            {0.7, 0.75, 1, 0.6, 0.55},
            {0.6, 0.65, 0.6, 1, 0.5},
            {0.6, 0.6, 0.55, 0.5, 1}
        };
        int u = spot.length, steps = 24;
        double dt = 1.0 / 365 / steps;
        double[] logSpot = new double[u], drift = new double[u], volSqrtDt = new double[u];
        for (int i = 0; i < u; i++) {
            logSpot[i] = Math.log(spot[i]);
            drift[i] = -0.5 * vol[i] * vol[i] * dt;
            volSqrtDt[i] = vol[i] * Math.sqrt(dt);
        }
        int[] obsU = new int[2 * u], obsStep = new int[2 * u];
        for (int i = 0; i < u; i++) {
            obsU[i] = i;
            obsStep[i] = 8;
            obsU[u + i] = i;
            obsStep[u + i] = steps;
        }
        boolean[] checkpoint = new boolean[steps + 1];
        for (int t = 8; t <= steps; t += 8) {
            checkpoint[t] = true;
        }
        return new CorrelatedPathTask(
                20_261_130L, logSpot, drift, volSqrtDt, cholesky(corr), steps, obsU, obsStep, checkpoint);
    }

    private static double[][] cholesky(double[][] a) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                l[i][j] = i == j ? Math.sqrt(s) : s / l[j][j];
            }
        }
        return l;
    }

    @Setup(Level.Trial)
    public void setUp() {
        target = Backends.select(backend);
        if (!target.isAvailable()) {
            throw new IllegalStateException("backend " + backend + " is not available: " + target.device());
        }
        task = nightly();
        threads = Runtime.getRuntime().availableProcessors();
        // builds the device program before anything is timed
        target.simulatePaths(task, 0, 4_096, threads, ProgressSink.NONE);
    }

    /** Simulates every path; returns a sum over the last observations so nothing is optimised away. */
    @Benchmark
    public double simulatePaths() {
        double sum = 0;
        for (int first = 0; first < paths; first += CHUNK) {
            PathBlock block =
                    target.simulatePaths(task, first, Math.min(CHUNK, paths - first), threads, ProgressSink.NONE);
            sum += block.observed()[block.observed().length - 1];
        }
        return sum;
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
