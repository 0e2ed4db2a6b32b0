package io.vaultrisk.bench;

import io.vaultrisk.kernels.Backends;
import io.vaultrisk.kernels.CorrelatedPathTask;
import io.vaultrisk.kernels.PathBackend;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs {@link KernelBenchmark} through JMH for every backend and path count of a {@link BenchPlan}, and the C reference
 * at the same path counts in the same sitting; then the book workload: {@link BookPathBenchmark} on every backend that
 * has a book-path kernel and {@link RiskBookBenchmark} (the whole nightly run) on each of them. Progress is one line per
 * configuration.
 */
public final class BenchSuite {
    public static final BenchSuite DEFAULT = new BenchSuite();

    private BenchSuite() {}

    /** Backends of {@code names} that can run here; the others are reported through {@code progress} and skipped. */
    public static List<PathBackend> available(List<String> names, Consumer<String> progress) {
        List<PathBackend> out = new ArrayList<>();
        for (String name : names) {
            PathBackend b = Backends.select(name);
            if (b.isAvailable()) {
                out.add(b);
            } else {
                progress.accept("skip " + name + ": " + b.device());
            }
        }
        return out;
    }

    public BenchReport run(BenchPlan plan, Consumer<String> progress) {
        List<PathBackend> backends = available(plan.backends(), progress);
        List<BenchPoint> points = new ArrayList<>();
        String[] why = new String[1];
        Optional<CReference> c = plan.cReference() ? CReference.build(why) : Optional.empty();
        String cNote = plan.cReference() ? (c.isPresent() ? "measured" : "skipped: " + why[0]) : "not requested";
        if (plan.cReference() && c.isEmpty()) {
            progress.accept("skip C reference: " + why[0]);
        }
        int
                total =
                        backends.size() * plan.paths().size()
                                + (c.isPresent() ? plan.paths().size() : 0),
                done = 0;
        for (long paths : plan.paths()) {
            if (c.isPresent()) {
                progress.accept(
                        String.format("[%d/%d] C reference, %,d paths x %d steps", ++done, total, paths, plan.steps()));
                points.add(measureC(c.get(), paths, plan));
            }
            for (PathBackend b : backends) {
                progress.accept(String.format(
                        "[%d/%d] %s, %,d paths x %d steps (JMH: %d warm-up + %d x %d s)",
                        ++done,
                        total,
                        b.id(),
                        paths,
                        plan.steps(),
                        plan.warmupIterations(),
                        plan.measurementIterations(),
                        plan.iterationSeconds()));
                BenchPoint p = measure(b, paths, plan);
                points.add(p);
                progress.accept(String.format(
                        "        %.3e path-steps/s (%.3f s per run)", p.stepsPerSecond(), p.secondsPerRun()));
            }
        }
        List<BenchPoint> book = new ArrayList<>(), nightly = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        if (plan.bookPaths() > 0) {
            runBook(plan, backends, book, nightly, skipped, progress);
        }
        return new BenchReport(
                Instant.now().toString(),
                machine(),
                plan,
                cNote,
                points,
                book,
                nightly,
                skipped,
                GpuInfo.detect().orElse(null),
                null);
    }

    /**
     * The book section: the nightly book's paths on every backend, then (with {@code plan.nightly()}) the whole nightly
     * run through {@code StressEngine.on(backend)} on every backend that has a kernel for the book's paths (paths on
     * the device, revaluation and reduction on the host), so the end-to-end times compare in one sitting.
     */
    private static void runBook(
            BenchPlan plan,
            List<PathBackend> backends,
            List<BenchPoint> book,
            List<BenchPoint> nightly,
            List<String> skipped,
            Consumer<String> progress) {
        CorrelatedPathTask task = BookPaths.nightly();
        long paths = plan.bookPaths();
        List<PathBackend> withKernel = new ArrayList<>();
        for (PathBackend b : backends) {
            if (b.unsupported(task).isEmpty()) {
                withKernel.add(b);
            }
        }
        int done = 0, total = backends.size() + (plan.nightly() ? withKernel.size() : 0);
        for (PathBackend b : backends) {
            done++;
            Optional<String> why = b.unsupported(task);
            if (why.isPresent()) {
                skipped.add(b.id() + ": " + why.get());
                progress.accept(String.format("[book %d/%d] %s not measured: %s", done, total, b.id(), why.get()));
                continue;
            }
            progress.accept(String.format(
                    "[book %d/%d] %s, nightly book paths, %,d paths x %d steps (JMH: %d warm-up + %d single shots)",
                    done, total, b.id(), paths, task.steps(), plan.warmupIterations(), plan.measurementIterations()));
            BenchPoint p = singleShot(
                    BookPathBenchmark.class.getName() + ".simulate",
                    b,
                    Map.of("backend", b.id(), "paths", Long.toString(paths)),
                    paths,
                    task.steps(),
                    plan.warmupIterations(),
                    plan.measurementIterations(),
                    plan.forks());
            book.add(p);
            progress.accept(
                    String.format("        %.3e path-steps/s (%.3f s per run)", p.stepsPerSecond(), p.secondsPerRun()));
        }
        if (!plan.nightly()) {
            return;
        }
        for (PathBackend b : withKernel) {
            progress.accept(String.format(
                    "[book %d/%d] %s, whole nightly run (risk and 50 scenarios), %,d paths, one run",
                    ++done, total, b.id(), paths));
            BenchPoint p = singleShot(
                    RiskBookBenchmark.class.getName() + ".nightlyRiskAndStress",
                    b,
                    Map.of("backend", b.id(), "paths", Long.toString(paths)),
                    paths,
                    task.steps(),
                    0,
                    1,
                    plan.forks());
            nightly.add(p);
            progress.accept(String.format("        %.3f s per run", p.secondsPerRun()));
        }
    }

    /** One single-shot JMH benchmark: seconds per operation, the operation being a whole run. */
    private static BenchPoint singleShot(
            String benchmark,
            PathBackend backend,
            Map<String, String> params,
            long paths,
            int steps,
            int warmup,
            int iterations,
            int forks) {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(benchmark)
                .warmupIterations(warmup)
                .measurementIterations(iterations)
                .forks(forks)
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT);
        params.forEach(options::param);
        try {
            Collection<RunResult> results = new Runner(options.build()).run();
            if (results.isEmpty()) {
                throw new IllegalStateException("JMH returned no result for " + benchmark + " on " + backend.id());
            }
            Result<?> r = results.iterator().next().getPrimaryResult();
            return BenchPoint.of(backend.id(), backend.device(), paths, steps, r.getScore(), r.getScoreError());
        } catch (RunnerException e) {
            throw new IllegalStateException(
                    "JMH failed for " + benchmark + " on " + backend.id() + ": " + e.getMessage(), e);
        }
    }

    private static BenchPoint measureC(CReference c, long paths, BenchPlan plan) {
        try {
            return c.measure(paths, plan.steps(), Math.max(1, plan.measurementIterations()));
        } catch (IOException e) {
            throw new IllegalStateException("C reference failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static BenchPoint measure(PathBackend backend, long paths, BenchPlan plan) {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(KernelBenchmark.class.getName() + ".simulate")
                .param("backend", backend.id())
                .param("paths", Long.toString(paths))
                .param("steps", Integer.toString(plan.steps()))
                .warmupIterations(plan.warmupIterations())
                .warmupTime(TimeValue.seconds(plan.iterationSeconds()))
                .measurementIterations(plan.measurementIterations())
                .measurementTime(TimeValue.seconds(plan.iterationSeconds()))
                .forks(plan.forks())
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT);
        try {
            Collection<RunResult> results = new Runner(options.build()).run();
            if (results.isEmpty()) {
                throw new IllegalStateException("JMH returned no result for " + backend.id());
            }
            Result<?> r = results.iterator().next().getPrimaryResult();
            return BenchPoint.of(backend.id(), backend.device(), paths, plan.steps(), r.getScore(), r.getScoreError());
        } catch (RunnerException e) {
            throw new IllegalStateException("JMH failed for " + backend.id() + ": " + e.getMessage(), e);
        }
    }

    static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.arch") + ", Java "
                + System.getProperty("java.version");
    }
}
