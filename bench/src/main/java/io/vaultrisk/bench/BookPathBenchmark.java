package io.vaultrisk.bench;

import io.vaultrisk.kernels.Backends;
import io.vaultrisk.kernels.CorrelatedPathTask;
import io.vaultrisk.kernels.PathBackend;
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
 * The nightly book's paths ({@link BookPaths}: 5 correlated underlyings with vol factors, 168 steps, observations
 * and perpetual checkpoints out) on one backend, all cores for the CPU. One operation is all {@code paths} paths;
 * path-steps per second = paths × 168 / (seconds per operation).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx6g"})
public class BookPathBenchmark {
    @Param({"cpu"})
    public String backend;

    @Param({"1000000"})
    public long paths;

    private PathBackend target;
    private CorrelatedPathTask task;
    private final int threads = Runtime.getRuntime().availableProcessors();

    @Setup(Level.Trial)
    public void setUp() {
        target = Backends.select(backend);
        if (!target.isAvailable()) {
            throw new IllegalStateException("backend " + backend + " is not available: " + target.device());
        }
        task = BookPaths.nightly();
        target.unsupported(task).ifPresent(why -> {
            throw new IllegalStateException("backend " + backend + " cannot run book paths: " + why);
        });
    }

    @Benchmark
    public double simulate() {
        return BookPaths.run(target, task, paths, threads);
    }
}
