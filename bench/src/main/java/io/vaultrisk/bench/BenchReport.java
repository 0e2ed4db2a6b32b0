package io.vaultrisk.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/** The measured points of one bench sitting, with ratios to the C reference at the same path count. */
public record BenchReport(
        String timestamp, String machine, BenchPlan plan, String cReference, List<BenchPoint> points) {
    public BenchReport {
        points = List.copyOf(points);
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
                .map(p -> String.format(
                        Locale.ROOT,
                        "    {\"backend\": %s, \"device\": %s, \"paths\": %d, \"steps\": %d, \"secondsPerRun\": %s, "
                                + "\"error\": %s, \"stepsPerSecond\": %s, \"ratioToC\": %s}",
                        quote(p.backend()),
                        quote(p.device()),
                        p.paths(),
                        p.steps(),
                        number(p.secondsPerRun()),
                        number(p.error()),
                        number(p.stepsPerSecond()),
                        ratioToC(p).isPresent() ? number(ratioToC(p).getAsDouble()) : "null"))
                .collect(Collectors.joining(",\n"));
        return "{\n  \"timestamp\": " + quote(timestamp) + ",\n  \"machine\": " + quote(machine)
                + ",\n  \"workload\": " + quote(workload()) + ",\n  \"cReference\": " + quote(cReference)
                + ",\n  \"jmh\": {\"warmupIterations\": " + plan.warmupIterations() + ", \"measurementIterations\": "
                + plan.measurementIterations() + ", \"iterationSeconds\": " + plan.iterationSeconds()
                + ", \"forks\": " + plan.forks() + "},\n  \"points\": [\n" + pts + "\n  ]\n}\n";
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
