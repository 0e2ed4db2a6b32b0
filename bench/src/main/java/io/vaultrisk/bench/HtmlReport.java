package io.vaultrisk.bench;

import io.vaultrisk.montecarlo.report.Html;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link BenchReport} as one self-contained HTML page: inline SVG charts (throughput per backend at the
 * largest path count; throughput against path count on log axes) and the table of every point. No scripts, no
 * external resources, so the file can be mailed or archived as is.
 */
final class HtmlReport {
    private static final String[] COLOURS = {"#444444", "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"};
    private static final int W = 720, H = 360, LEFT = 90, RIGHT = 170, TOP = 20, BOTTOM = 50;

    private HtmlReport() {}

    static String render(BenchReport r) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Vaultrisk bench</title>\n")
                .append("<style>body{font-family:sans-serif;margin:2em;max-width:60em}table{border-collapse:collapse}")
                .append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}th{background:#eee}")
                .append("td:first-child,td:nth-child(2){text-align:left}</style></head><body>\n")
                .append("<h1>Vaultrisk kernel benchmark</h1>\n<p>")
                .append(esc(r.workload()))
                .append("<br>")
                .append(esc(r.machine()))
                .append(", ")
                .append(esc(r.timestamp()))
                .append("<br>C reference: ")
                .append(esc(r.cReference()))
                .append(". JMH: ")
                .append(r.plan().warmupIterations())
                .append(" warm-up + ")
                .append(r.plan().measurementIterations())
                .append(" iterations of ")
                .append(r.plan().iterationSeconds())
                .append(" s, ")
                .append(r.plan().forks())
                .append(" fork(s). Ratios are to the C reference measured in the same sitting.</p>\n");
        b.append(gpu(r));
        b.append("<h2>Throughput per backend</h2>\n").append(bars(r));
        b.append("<h2>Scaling with paths</h2>\n").append(lines(r));
        b.append("<h2>All points</h2>\n<table><tr><th>backend</th><th>device</th><th>paths</th><th>steps</th>")
                .append("<th>s per run</th><th>± (99.9%)</th><th>path-steps/s</th><th>ratio to C</th></tr>\n");
        for (BenchPoint p : r.points()) {
            b.append("<tr><td>")
                    .append(esc(p.backend()))
                    .append("</td><td>")
                    .append(esc(p.device()))
                    .append("</td><td>")
                    .append(String.format(Locale.ROOT, "%,d", p.paths()))
                    .append("</td><td>")
                    .append(p.steps())
                    .append("</td><td>")
                    .append(fmt("%.4f", p.secondsPerRun()))
                    .append("</td><td>")
                    .append(Double.isFinite(p.error()) ? fmt("%.4f", p.error()) : "")
                    .append("</td><td>")
                    .append(fmt("%.3e", p.stepsPerSecond()))
                    .append("</td><td>")
                    .append(
                            r.ratioToC(p).isPresent()
                                    ? fmt("%.2f", r.ratioToC(p).getAsDouble())
                                    : "")
                    .append("</td></tr>\n");
        }
        b.append("</table>\n").append(book(r)).append(tests(r));
        return b.append("</body></html>\n").toString();
    }

    /** The GPU nvidia-smi names and the share of its FP64 peak that the double-precision CUDA backend reaches. */
    private static String gpu(BenchReport r) {
        if (r.gpu() == null) {
            return "<p>GPU: no NVIDIA GPU found (nvidia-smi absent or lists none).</p>\n";
        }
        StringBuilder b = new StringBuilder("<h2>GPU</h2>\n<p>")
                .append(esc(r.gpu().toString()))
                .append(". FP64 peak (vector): ")
                .append(
                        r.gpu().fp64PeakTflops().isPresent()
                                ? fmt("%.1f TFLOP/s", r.gpu().fp64PeakTflops().getAsDouble())
                                : "not on file for this name")
                .append(".");
        for (BenchPoint p : r.points()) {
            if (r.fractionOfFp64Peak(p).isPresent()) {
                b.append(String.format(
                        Locale.ROOT,
                        " cuda at %,d paths: %.3e path-steps/s = %.1f%% of FP64 peak.",
                        p.paths(),
                        p.stepsPerSecond(),
                        100 * r.fractionOfFp64Peak(p).getAsDouble()));
            }
        }
        return b.append("<br><small>")
                .append(esc(GpuInfo.ASSUMPTION))
                .append(".</small></p>\n")
                .toString();
    }

    /** The book workload: path throughput per backend, and the whole nightly run per backend. */
    private static String book(BenchReport r) {
        if (r.plan().bookPaths() == 0) {
            return "";
        }
        StringBuilder b = new StringBuilder("<h2>Book workload</h2>\n<p>")
                .append(esc(r.bookWorkload()))
                .append(".</p>\n");
        if (!r.bookPaths().isEmpty()) {
            b.append(bars(r, r.bookPaths(), "nightly book"));
        }
        b.append("<table><tr><th>backend</th><th>device</th><th>paths</th><th>steps</th>")
                .append("<th>s per run</th><th>± (99.9%)</th><th>path-steps/s</th></tr>\n");
        for (BenchPoint p : r.bookPaths()) {
            b.append(row(p));
        }
        for (String s : r.bookSkipped()) {
            b.append("<tr><td colspan=\"7\">skipped ").append(esc(s)).append("</td></tr>\n");
        }
        b.append("</table>\n");
        if (!r.nightly().isEmpty()) {
            b.append("<h3>Whole nightly run</h3>\n<p>")
                    .append(esc(r.nightlyWorkload()))
                    .append(".</p>\n<table><tr><th>backend</th><th>device</th><th>paths</th><th>steps</th>")
                    .append("<th>s per run</th><th>± (99.9%)</th><th>path-steps/s</th></tr>\n");
            for (BenchPoint p : r.nightly()) {
                b.append(row(p));
            }
            b.append("</table>\n");
        }
        return b.toString();
    }

    private static String row(BenchPoint p) {
        return "<tr><td>" + esc(p.backend()) + "</td><td>" + esc(p.device()) + "</td><td>"
                + String.format(Locale.ROOT, "%,d", p.paths()) + "</td><td>" + p.steps() + "</td><td>"
                + fmt("%.4f", p.secondsPerRun()) + "</td><td>"
                + (Double.isFinite(p.error()) ? fmt("%.4f", p.error()) : "") + "</td><td>"
                + fmt("%.3e", p.stepsPerSecond()) + "</td></tr>\n";
    }

    /** The device tests run before the benchmarks (scripts/gpu-check), with every failure and skip and its reason. */
    private static String tests(BenchReport r) {
        TestSummary t = r.tests();
        if (t == null) {
            return "";
        }
        StringBuilder b = new StringBuilder("<h2>")
                .append(esc(t.label()))
                .append("</h2>\n<p>")
                .append(String.format(
                        Locale.ROOT,
                        "%d run: %d passed, %d failed, %d skipped.",
                        t.tests(),
                        t.passed(),
                        t.failed(),
                        t.skipped()))
                .append("</p>\n");
        if (!t.failures().isEmpty() || !t.skips().isEmpty()) {
            b.append("<ul>\n");
            t.failures().forEach(f -> b.append("<li>failed: ").append(esc(f)).append("</li>\n"));
            t.skips().forEach(f -> b.append("<li>skipped: ").append(esc(f)).append("</li>\n"));
            b.append("</ul>\n");
        }
        return b.toString();
    }

    /** Horizontal bars of the core workload at the largest path count. */
    private static String bars(BenchReport r) {
        long paths = r.points().stream().mapToLong(BenchPoint::paths).max().orElse(0);
        return bars(r, r.points().stream().filter(p -> p.paths() == paths).toList(), "core workload");
    }

    /** Horizontal bars of {@code at} (one path count and step count). */
    private static String bars(BenchReport r, List<BenchPoint> at, String workload) {
        long paths = at.isEmpty() ? 0 : at.get(0).paths();
        int steps = at.isEmpty() ? 0 : at.get(0).steps();
        double max = at.stream().mapToDouble(BenchPoint::stepsPerSecond).max().orElse(1);
        int row = 34, height = TOP + row * at.size() + BOTTOM;
        StringBuilder s = svg(W, height);
        int plot = W - LEFT - RIGHT;
        for (int i = 0; i < at.size(); i++) {
            BenchPoint p = at.get(i);
            int y = TOP + i * row, len = (int) Math.round(plot * p.stepsPerSecond() / max);
            String ratio =
                    r.ratioToC(p).isPresent() ? fmt(" (%.2f× C)", r.ratioToC(p).getAsDouble()) : "";
            s.append(text(LEFT - 6, y + 20, "end", p.backend()))
                    .append(String.format(
                            Locale.ROOT,
                            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"24\" fill=\"%s\"/>",
                            LEFT,
                            y + 4,
                            Math.max(1, len),
                            colour(r, p.backend())))
                    .append(text(LEFT + len + 6, y + 20, "start", fmt("%.2e", p.stepsPerSecond()) + ratio));
        }
        s.append(text(
                LEFT + plot / 2,
                height - 15,
                "middle",
                String.format(Locale.ROOT, "path-steps per second, %s, %,d paths × %d steps", workload, paths, steps)));
        return s.append("</svg>\n").toString();
    }

    /** Throughput against path count, log-log, one line per backend. */
    private static String lines(BenchReport r) {
        Map<String, List<BenchPoint>> series = new LinkedHashMap<>();
        for (BenchPoint p : r.points()) {
            series.computeIfAbsent(p.backend(), k -> new ArrayList<>()).add(p);
        }
        double xMin = Math.log10(
                r.points().stream().mapToLong(BenchPoint::paths).min().orElse(1));
        double xMax = Math.log10(
                r.points().stream().mapToLong(BenchPoint::paths).max().orElse(10));
        double yMin = Math.floor(Math.log10(r.points().stream()
                .mapToDouble(BenchPoint::stepsPerSecond)
                .min()
                .orElse(1)));
        double yMax = Math.ceil(Math.log10(r.points().stream()
                .mapToDouble(BenchPoint::stepsPerSecond)
                .max()
                .orElse(10)));
        if (xMax - xMin < 1e-9) {
            xMin -= 0.5;
            xMax += 0.5;
        }
        if (yMax - yMin < 1) {
            yMax = yMin + 1;
        }
        int pw = W - LEFT - RIGHT, ph = H - TOP - BOTTOM;
        StringBuilder s = svg(W, H);
        s.append(String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" " + "stroke=\"#999\"/>",
                LEFT,
                TOP,
                pw,
                ph));
        for (int e = (int) yMin; e <= (int) yMax; e++) {
            double y = TOP + ph * (1 - (e - yMin) / (yMax - yMin));
            s.append(String.format(
                            Locale.ROOT,
                            "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>",
                            LEFT,
                            LEFT + pw,
                            y,
                            y))
                    .append(text(LEFT - 6, (int) y + 4, "end", "1e" + e));
        }
        for (long paths : r.points().stream().map(BenchPoint::paths).distinct().toList()) {
            double x = LEFT + pw * (Math.log10(paths) - xMin) / (xMax - xMin);
            s.append(text((int) x, TOP + ph + 18, "middle", String.format(Locale.ROOT, "%,d", paths)));
        }
        int legend = 0;
        for (Map.Entry<String, List<BenchPoint>> e : series.entrySet()) {
            String c = colour(r, e.getKey());
            StringBuilder pts = new StringBuilder();
            for (BenchPoint p : e.getValue()) {
                double x = LEFT + pw * (Math.log10(p.paths()) - xMin) / (xMax - xMin);
                double y = TOP + ph * (1 - (Math.log10(p.stepsPerSecond()) - yMin) / (yMax - yMin));
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"/>", x, y, c));
            }
            s.append(String.format(
                    Locale.ROOT,
                    "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" " + "stroke-width=\"2\"/>",
                    pts.toString().trim(),
                    c));
            int ly = TOP + 10 + 20 * legend++;
            s.append(String.format(
                            Locale.ROOT,
                            "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"4\" fill=\"%s\"/>",
                            LEFT + pw + 12,
                            ly,
                            c))
                    .append(text(LEFT + pw + 32, ly + 6, "start", e.getKey()));
        }
        s.append(text(LEFT + pw / 2, H - 12, "middle", "paths (log scale); y: path-steps per second (log scale)"));
        return s.append("</svg>\n").toString();
    }

    private static String colour(BenchReport r, String backend) {
        List<String> names =
                r.points().stream().map(BenchPoint::backend).distinct().toList();
        return COLOURS[Math.max(0, names.indexOf(backend)) % COLOURS.length];
    }

    private static StringBuilder svg(int w, int h) {
        return new StringBuilder(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
                        + "height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">",
                w,
                h,
                w,
                h));
    }

    private static String text(int x, int y, String anchor, String s) {
        return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\">%s</text>", x, y, anchor, esc(s));
    }

    private static String fmt(String f, double x) {
        return String.format(Locale.ROOT, f, x);
    }

    static String esc(String s) {
        return Html.escape(s);
    }
}
