package io.vaultrisk.cli;

import io.vaultrisk.bench.BenchPlan;
import io.vaultrisk.bench.BenchPoint;
import io.vaultrisk.bench.BenchReport;
import io.vaultrisk.bench.BenchSuite;
import io.vaultrisk.bench.TestSummary;
import io.vaultrisk.kernels.Backends;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vaultrisk bench}: the kernels' JMH benchmarks on every backend present (and the C reference when gcc is),
 * at several path counts, then the book workload (the nightly book's paths on every backend, the whole nightly run on
 * the CPU), written as bench-report.html (inline SVG charts) and bench-report.json.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Benchmark the path kernels (JMH) on every backend present, next to the C speed reference, and "
                + "the nightly book workload; writes bench-report.html and bench-report.json.")
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--backends",
            split = ",",
            defaultValue = "cpu,opencl,opencl-float,cuda,cuda-float",
            description = "Backends to measure, comma-separated; absent ones are skipped with a note "
                    + "(default: ${DEFAULT-VALUE}).")
    List<String> backends;

    @Option(
            names = "--paths",
            split = ",",
            defaultValue = "100000,1000000",
            description = "Path counts, comma-separated (default: ${DEFAULT-VALUE}).")
    List<Long> paths;

    @Option(names = "--steps", defaultValue = "252", description = "Time steps per path (default 252).")
    int steps;

    @Option(names = "--warmup", defaultValue = "1", description = "JMH warm-up iterations (default 1).")
    int warmup;

    @Option(names = "--iterations", defaultValue = "3", description = "JMH measurement iterations (default 3).")
    int iterations;

    @Option(names = "--iteration-seconds", defaultValue = "1", description = "Seconds per JMH iteration (default 1).")
    int iterationSeconds;

    @Option(
            names = "--forks",
            defaultValue = "1",
            description = "Fresh JVMs per configuration, 0 = this one (default 1).")
    int forks;

    @Option(names = "--no-c-reference", description = "Skip the C reference (it needs gcc).")
    boolean noCReference;

    @Option(
            names = "--book-paths",
            defaultValue = "1000000",
            description = "Paths of the book workload (the nightly book: 1,000 positions on 5 underlyings); "
                    + "0 leaves the book section out (default: ${DEFAULT-VALUE}).")
    long bookPaths;

    @Option(
            names = "--no-nightly",
            description = "Measure only the book's paths per backend, not the whole nightly run.")
    boolean noNightly;

    @Option(
            names = "--junit-reports",
            description = "Attach the JUnit XML reports under this folder (e.g. the device tests scripts/gpu-check "
                    + "runs first) to the report.")
    Path junitReports;

    @Option(
            names = "--junit-label",
            defaultValue = "Device tests",
            description = "Heading of the attached tests (default: ${DEFAULT-VALUE}).")
    String junitLabel;

    @Option(
            names = "--out",
            defaultValue = "bench-report.html",
            description = "Report path; the JSON goes next to it with .json (default bench-report.html).")
    Path out;

    @Option(names = "--json", description = "Also print the JSON report on stdout.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        List<String> known = Backends.names();
        for (String b : backends) {
            CliSupport.require(
                    spec,
                    known.contains(b) && !b.equals("auto"),
                    "--backends",
                    "unknown backend '" + b + "' (allowed: " + String.join(", ", known.subList(1, known.size())) + ")");
        }
        for (long p : paths) {
            CliSupport.require(
                    spec, p >= 2 && p <= 1_000_000_000L, "--paths", "each count must be in 2..1e9, got " + p);
        }
        CliSupport.require(spec, steps >= 1 && steps <= 100_000, "--steps", "must be in 1..100000, got " + steps);
        CliSupport.require(spec, warmup >= 0, "--warmup", "must be 0 or more, got " + warmup);
        CliSupport.require(spec, iterations >= 1, "--iterations", "must be at least 1, got " + iterations);
        CliSupport.require(
                spec, iterationSeconds >= 1, "--iteration-seconds", "must be at least 1, got " + iterationSeconds);
        CliSupport.require(spec, forks >= 0, "--forks", "must be 0 or more, got " + forks);
        CliSupport.require(
                spec,
                bookPaths == 0 || bookPaths >= 2 && bookPaths <= 1_000_000_000L,
                "--book-paths",
                "must be 0 (no book section) or in 2..1e9, got " + bookPaths);
        CliSupport.require(
                spec,
                junitReports == null || Files.isDirectory(junitReports),
                "--junit-reports",
                "no such folder: " + junitReports);
        BenchPlan plan = new BenchPlan(
                backends,
                paths,
                steps,
                warmup,
                iterations,
                iterationSeconds,
                forks,
                !noCReference,
                bookPaths,
                bookPaths > 0 && !noNightly);
        BenchReport report = BenchSuite.DEFAULT.run(plan, line -> System.err.println("vaultrisk bench: " + line));
        if (junitReports != null) {
            report = report.withTests(TestSummary.read(junitLabel, junitReports));
        }
        List<Path> files = report.write(out);
        if (json) {
            System.out.print(report.toJson());
        } else {
            printSummary(report);
        }
        System.err.println("vaultrisk bench: wrote " + files.get(0) + " and " + files.get(1));
        return CliSupport.EXIT_OK;
    }

    private static void printSummary(BenchReport r) {
        System.out.printf("%-14s %14s %16s %10s   %s%n", "backend", "paths", "path-steps/s", "ratio to C", "device");
        List<BenchPoint> points = new ArrayList<>(r.points());
        for (BenchPoint p : points) {
            String ratio = r.ratioToC(p).isPresent()
                    ? String.format(Locale.ROOT, "%.2f", r.ratioToC(p).getAsDouble())
                    : "-";
            System.out.printf(
                    Locale.ROOT,
                    "%-14s %,14d %16.3e %10s   %s%n",
                    p.backend(),
                    p.paths(),
                    p.stepsPerSecond(),
                    ratio,
                    p.device());
        }
        for (BenchPoint p : r.bookPaths()) {
            System.out.printf(
                    Locale.ROOT,
                    "%-14s %,14d %16.3e %10s   %s%n",
                    p.backend() + " book",
                    p.paths(),
                    p.stepsPerSecond(),
                    "-",
                    p.device());
        }
        r.bookSkipped().forEach(s -> System.out.println("book paths skipped on " + s));
        for (BenchPoint p : r.nightly()) {
            System.out.printf(
                    Locale.ROOT,
                    "whole nightly run on %s: %,d paths in %.2f s%n",
                    p.backend(),
                    p.paths(),
                    p.secondsPerRun());
        }
        if (r.gpu() != null) {
            System.out.println("GPU: " + r.gpu());
        }
        if (r.tests() != null) {
            System.out.println(r.tests());
        }
    }
}
