package io.vaultrisk.bench;

import io.vaultrisk.kernels.Backends;
import io.vaultrisk.kernels.EuropeanRun;
import io.vaultrisk.kernels.EuropeanTask;
import io.vaultrisk.kernels.GreekMethod;
import io.vaultrisk.kernels.ModelKind;
import io.vaultrisk.kernels.PathBackend;
import io.vaultrisk.kernels.ProgressSink;
import io.vaultrisk.kernels.Sampling;
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

/**
 * The core workload of every speed comparison (shared/perf/README.md): GBM, S = K = 100, vol 0.8, T = 1, r = 0,
 * 252 steps, European call, pseudo-random Philox normals, one run per backend and path count. One operation is one
 * whole run (paths, pathwise greeks, sums back); path-steps per second = paths × steps / (seconds per operation).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class KernelBenchmark {
    @Param({"cpu", "opencl", "opencl-float"})
    public String backend;

    @Param({"100000", "1000000"})
    public long paths;

    @Param({"252"})
    public int steps;

    private PathBackend target;
    private EuropeanTask task;

    /** The core workload with {@code paths} paths and {@code steps} steps; the seed is the C reference's key. */
    public static EuropeanTask coreWorkload(long paths, int steps) {
        return new EuropeanTask(
                ModelKind.GBM,
                new double[] {0.8},
                100,
                100,
                1.0,
                0.0,
                true,
                false,
                steps,
                paths,
                12345L | (67890L << 32),
                Sampling.PSEUDO,
                1,
                0,
                GreekMethod.PATHWISE);
    }

    @Setup(Level.Trial)
    public void setUp() {
        target = Backends.select(backend);
        if (!target.isAvailable()) {
            throw new IllegalStateException("backend " + backend + " is not available: " + target.device());
        }
        task = coreWorkload(paths, steps);
        // builds device programs and warms them with the launch shape that is timed
        target.simulateEuropean(coreWorkload(Math.min(paths, 20_000), steps), ProgressSink.NONE);
    }

    @Benchmark
    public EuropeanRun simulate() {
        return target.simulateEuropean(task, ProgressSink.NONE);
    }
}
