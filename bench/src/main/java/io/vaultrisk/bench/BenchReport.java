package io.vaultrisk.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * The measured points of one bench sitting, with ratios to the C reference at the same path count; the book
 * workload's points (the nightly book's paths per backend, the whole nightly run per backend) and the backends that
 * could not run it; the NVIDIA GPU when there is one; and the outcome of device tests run before (scripts/gpu-check).
 *
 * @param gpu the NVIDIA GPU nvidia-smi names, or null
 * @param tests the device tests' outcome, or null when none were attached
 */
public record BenchReport(
        String timestamp,
        String machine,
        BenchPlan plan,
        String cReference,
        List<BenchPoint> points,
        List<BenchPoint> bookPaths,
        List<BenchPoint> nightly,
        List<String> bookSkipped,
        GpuInfo gpu,
        TestSummary tests) {
    public BenchReport {
        points = List.copyOf(points);
        bookPaths = List.copyOf(bookPaths);
        nightly = List.copyOf(nightly);
        bookSkipped = List.copyOf(bookSkipped);
    }

    /** The core workload alone. */
    public BenchReport(String timestamp, String machine, BenchPlan plan, String cReference, List<BenchPoint> points) {
        this(timestamp, machine, plan, cReference, points, List.of(), List.of(), List.of(), null, null);
    }

    /** The same report with the outcome of device tests attached. */
    public BenchReport withTests(TestSummary summary) {
        return new BenchReport(
                timestamp, machine, plan, cReference, points, bookPaths, nightly, bookSkipped, gpu, summary);
    }

    /**
     * The share of the GPU's FP64 peak that a core-workload point reaches ({@link GpuInfo#ASSUMPTION}): only for the
     * double-precision CUDA backend on a GPU whose peak is on file.
     */
    public OptionalDouble fractionOfFp64Peak(BenchPoint p) {
        return gpu != null && p.backend().equals("cuda")
                ? gpu.fractionOfFp64Peak(p.stepsPerSecond())
                : OptionalDouble.empty();
    }

    /** Throughput of {@code p} over the C reference's at the same path count and steps, if it was measured. */
    public OptionalDouble ratioToC(BenchPoint p) {
        return points.stream()
                .filter(c ->
                        c.backend().equals(BenchPoint.C_REFERENCE) && c.paths() == p.paths() && c.steps() == p.steps())
                .mapToDouble(c -> p.stepsPerSecond() / c.stepsPerSecond())
                .findFirst();
    }

    /** Writes {@code <base>.html} and {@code <base>.json}; returns the two paths. */
    public List<Path> write(Path base) throws IOException {
        String name = base.getFileName().toString().replaceAll("\\.(html|json)$", "");
        Path dir = base.toAbsolutePath().getParent();
        Path html = dir.resolve(name + ".html"), json = dir.resolve(name + ".json");
        Files.writeString(html, HtmlReport.render(this), StandardCharsets.UTF_8);
        Files.writeString(json, toJson(), StandardCharsets.UTF_8);
        return List.of(html, json);
    }

    public String toJson() {
        String pts = points.stream()
                .map(p -> pointJson(
                        p,
                        ", \"ratioToC\": " + optional(ratioToC(p)) + ", \"fractionOfFp64Peak\": "
                                + optional(fractionOfFp64Peak(p))))
                .collect(Collectors.joining(",\n"));
        return "{\n  \"timestamp\": " + quote(timestamp) + ",\n  \"machine\": " + quote(machine)
                + ",\n  \"gpu\": " + gpuJson() + ",\n  \"workload\": " + quote(workload()) + ",\n  \"cReference\": "
                + quote(cReference) + ",\n  \"jmh\": {\"warmupIterations\": " + plan.warmupIterations()
                + ", \"measurementIterations\": " + plan.measurementIterations() + ", \"iterationSeconds\": "
                + plan.iterationSeconds() + ", \"forks\": " + plan.forks() + "},\n  \"points\": [\n" + pts
                + "\n  ],\n  \"book\": " + bookJson() + ",\n  \"tests\": " + testsJson() + "\n}\n";
    }

    private static String pointJson(BenchPoint p, String extra) {
        return String.format(
                Locale.ROOT,
                "    {\"backend\": %s, \"device\": %s, \"paths\": %d, \"steps\": %d, \"secondsPerRun\": %s, "
                        + "\"error\": %s, \"stepsPerSecond\": %s%s}",
                quote(p.backend()),
                quote(p.device()),
                p.paths(),
                p.steps(),
                number(p.secondsPerRun()),
                number(p.error()),
                number(p.stepsPerSecond()),
                extra);
    }

    private String gpuJson() {
        if (gpu == null) {
            return "null";
        }
        return "{\"name\": " + quote(gpu.name()) + ", \"driver\": " + quote(gpu.driver()) + ", \"memory\": "
                + quote(gpu.memory()) + ", \"fp64PeakTflops\": " + optional(gpu.fp64PeakTflops())
                + ", \"peakAssumption\": " + quote(GpuInfo.ASSUMPTION) + "}";
    }

    private String bookJson() {
        if (plan.bookPaths() == 0) {
            return "null";
        }
        return "{\n    \"workload\": " + quote(bookWorkload()) + ",\n    \"nightlyWorkload\": "
                + quote(nightlyWorkload()) + ",\n    \"paths\": [\n" + points(bookPaths) + "\n    ],\n"
                + "    \"nightly\": [\n" + points(nightly) + "\n    ],\n    \"skipped\": "
                + strings(bookSkipped) + "\n  }";
    }

    private static String points(List<BenchPoint> ps) {
        return ps.stream().map(p -> "  " + pointJson(p, "")).collect(Collectors.joining(",\n"));
    }

    private String testsJson() {
        if (tests == null) {
            return "null";
        }
        return "{\"label\": " + quote(tests.label()) + ", \"tests\": " + tests.tests() + ", \"passed\": "
                + tests.passed() + ", \"failed\": " + tests.failed() + ", \"skipped\": " + tests.skipped()
                + ", \"failures\": " + strings(tests.failures()) + ", \"skips\": " + strings(tests.skips()) + "}";
    }

    private static String strings(List<String> xs) {
        return xs.stream().map(BenchReport::quote).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String optional(OptionalDouble x) {
        return x.isPresent() ? number(x.getAsDouble()) : "null";
    }

    /** The book-path workload as the report names it. */
    public String bookWorkload() {
        return "nightly book paths: 5 correlated underlyings with implied-vol factors, log-Euler at 24 steps per day"
                + " over 7 days (" + (BookPaths.HORIZON_DAYS[1] * BookPaths.STEPS_PER_DAY) + " steps), spots at"
                + " the horizons and option expiries and perpetual checkpoints out, Philox4x32-10, double; chunks of "
                + BookPaths.CHUNK + " paths; CPU on all cores. Path-steps count one step of all 5 underlyings";
    }

    /** The whole nightly run as the report names it. */
    public String nightlyWorkload() {
        return "whole nightly run per backend with a book-path kernel (RiskBookBenchmark: paths on the backend,"
                + " revaluation and VaR/ES on the host): 1,000 positions on 5 underlyings with surfaces and"
                + " vol dynamics, horizons 1 and 7 days, VaR/ES 95/99 with Euler contributions, the 11 x 6 risk matrix"
                + " and 50 scenario replays; one run after no warm-up";
    }

    public String workload() {
        return "GBM European call, S=K=100, vol 0.8, T=1, r=0, " + plan.steps() + " steps, Philox4x32-10, double"
                + " (opencl-float: float paths)";
    }

    static String number(double x) {
        return Double.isFinite(x) ? String.format(Locale.ROOT, "%.6g", x) : "null";
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (ch < 0x20) {
                        b.append(String.format("\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
