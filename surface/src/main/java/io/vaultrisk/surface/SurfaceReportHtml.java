package io.vaultrisk.surface;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A self-contained HTML page for a calibration: one smile chart per expiry (market mids with their bid–ask in vol, and
 * the fitted curve), a chart of total variance against log-moneyness for all expiries (calendar arbitrage shows as
 * crossing curves), and tables of parameters, arbitrage and skipped rows. Charts are inline SVG written here: no
 * script, no network.
 */
public final class SurfaceReportHtml {

    private static final String[] COLOURS = {
        "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22"
    };
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ROOT).withZone(ZoneOffset.UTC);

    private SurfaceReportHtml() {}

    public static String render(SurfaceCalibration c, String title) {
        StringBuilder h = new StringBuilder(64_000);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(title))
                .append("</title>\n<style>body{font-family:system-ui,sans-serif;margin:24px;color:#222}"
                        + "h1{font-size:20px}h2{font-size:16px;margin-top:28px}table{border-collapse:collapse;"
                        + "font-size:12px}td,th{border:1px solid #ccc;padding:3px 6px;text-align:right}"
                        + "th{background:#f4f4f4}.grid{display:flex;flex-wrap:wrap;gap:12px}"
                        + "svg{background:#fff;border:1px solid #ddd}.l{text-align:left}</style></head><body>\n");
        h.append("<h1>")
                .append(esc(title))
                .append("</h1>\n<p>Model <b>")
                .append(c.model().id())
                .append("</b>, chain time ")
                .append(c.asOf())
                .append(", ")
                .append(c.points().size())
                .append(" quotes used, ")
                .append(c.skipped().size())
                .append(" rows skipped. Arbitrage: ")
                .append(
                        c.arbitrage().isArbitrageFree()
                                ? "none found"
                                : c.arbitrage().butterfly().size() + " butterfly, "
                                        + c.arbitrage().calendar().size() + " calendar")
                .append(".</p>\n");
        h.append("<h2>Smiles (implied vol against k = ln(K/F); bars: bid–ask, dots: mid, line: fit)</h2>\n"
                + "<div class=\"grid\">\n");
        List<SmileSlice> slices = c.surface().slices();
        for (int i = 0; i < slices.size(); i++) {
            smile(h, c, slices.get(i));
        }
        h.append("</div>\n<h2>Total implied variance w(k) = σ²T by expiry</h2>\n");
        totalVariance(h, slices);
        h.append("<h2>Parameters</h2>\n<table><tr><th class=\"l\">expiry</th><th>T</th><th>forward</th>"
                + "<th>quotes</th><th>rmse (vol pts)</th><th class=\"l\">parameters</th></tr>\n");
        for (ExpiryFit e : c.expiries()) {
            h.append("<tr><td class=\"l\">")
                    .append(DAY.format(e.expiry()))
                    .append("</td><td>")
                    .append(fmt(e.timeToExpiry(), 4))
                    .append("</td><td>")
                    .append(fmt(e.forward(), 2))
                    .append("</td><td>")
                    .append(e.quotes())
                    .append("</td><td>")
                    .append(fmt(e.rmseVolPoints(), 3))
                    .append("</td><td class=\"l\">");
            for (Map.Entry<String, Double> p : e.params().entrySet()) {
                h.append(esc(p.getKey()))
                        .append('=')
                        .append(fmt(p.getValue(), 5))
                        .append(' ');
            }
            h.append("</td></tr>\n");
        }
        h.append("</table>\n<h2>Arbitrage</h2>\n");
        if (c.arbitrage().isArbitrageFree()) {
            h.append("<p>No butterfly (Durrleman g(k) ≥ 0) or calendar (w non-decreasing in T) violation on"
                    + " k ∈ [-3, 3].</p>\n");
        } else {
            h.append("<table><tr><th class=\"l\">kind</th><th class=\"l\">expiry</th><th>from k</th><th>to k</th>"
                    + "<th>worst k</th><th>value</th></tr>\n");
            for (ButterflyViolation v : c.arbitrage().butterfly()) {
                h.append("<tr><td class=\"l\">butterfly (g)</td><td class=\"l\">")
                        .append(DAY.format(v.expiry()))
                        .append("</td><td>")
                        .append(fmt(v.fromK(), 4))
                        .append("</td><td>")
                        .append(fmt(v.toK(), 4))
                        .append("</td><td>")
                        .append(fmt(v.worstK(), 4))
                        .append("</td><td>")
                        .append(fmt(v.worstG(), 6))
                        .append("</td></tr>\n");
            }
            for (CalendarViolation v : c.arbitrage().calendar()) {
                h.append("<tr><td class=\"l\">calendar (Δw)</td><td class=\"l\">")
                        .append(DAY.format(v.earlier()))
                        .append(" → ")
                        .append(DAY.format(v.later()))
                        .append("</td><td>")
                        .append(fmt(v.fromK(), 4))
                        .append("</td><td>")
                        .append(fmt(v.toK(), 4))
                        .append("</td><td>")
                        .append(fmt(v.worstK(), 4))
                        .append("</td><td>")
                        .append(fmt(-v.decrease(), 6))
                        .append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("<h2>Skipped rows</h2>\n<table><tr><th class=\"l\">instrument</th><th class=\"l\">reason</th>"
                + "</tr>\n");
        for (SkippedQuote s : c.skipped()) {
            h.append("<tr><td class=\"l\">")
                    .append(esc(s.instrument()))
                    .append("</td><td class=\"l\">")
                    .append(esc(s.reason()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n</body></html>\n");
        return h.toString();
    }

    private static void smile(StringBuilder h, SurfaceCalibration c, SmileSlice slice) {
        List<FittedPoint> pts = c.points().stream()
                .filter(p -> p.expiry().equals(slice.expiry()))
                .toList();
        double kLo = pts.stream().mapToDouble(FittedPoint::logMoneyness).min().orElse(-0.5);
        double kHi = pts.stream().mapToDouble(FittedPoint::logMoneyness).max().orElse(0.5);
        double pad = 0.05 * Math.max(kHi - kLo, 0.02);
        kLo -= pad;
        kHi += pad;
        double vLo = Double.POSITIVE_INFINITY;
        double vHi = 0.0;
        for (FittedPoint p : pts) {
            vLo = Math.min(vLo, Math.min(p.bidVol() > 0 ? p.bidVol() : p.marketVol(), p.fittedVol()));
            vHi = Math.max(vHi, Math.max(Double.isNaN(p.askVol()) ? p.marketVol() : p.askVol(), p.fittedVol()));
        }
        if (!(vHi > vLo)) {
            vLo = 0.0;
            vHi = 1.0;
        }
        double vPad = 0.08 * (vHi - vLo);
        Chart ch = new Chart(340, 220, kLo, kHi, Math.max(0.0, vLo - vPad), vHi + vPad);
        ch.open(
                h,
                DAY.format(slice.expiry())
                        + String.format(Locale.ROOT, "  T=%.4f  F=%.0f", slice.timeToExpiry(), slice.forward()),
                "k",
                "vol");
        for (FittedPoint p : pts) {
            double hiVol = Double.isNaN(p.askVol()) ? p.marketVol() : p.askVol();
            h.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" " + "stroke=\"#999\"/>",
                    ch.x(p.logMoneyness()),
                    ch.y(p.bidVol()),
                    ch.x(p.logMoneyness()),
                    ch.y(hiVol)));
            h.append(String.format(
                    Locale.ROOT,
                    "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.2\" fill=\"#333\"><title>%s"
                            + " mid %.2f%% fit %.2f%%</title></circle>",
                    ch.x(p.logMoneyness()),
                    ch.y(p.marketVol()),
                    esc(p.instrument()),
                    100 * p.marketVol(),
                    100 * p.fittedVol()));
        }
        StringBuilder path = new StringBuilder();
        for (int i = 0; i <= 120; i++) {
            double k = kLo + (kHi - kLo) * i / 120;
            path.append(i == 0 ? 'M' : 'L')
                    .append(String.format(Locale.ROOT, "%.1f,%.1f", ch.x(k), ch.y(slice.vol(k))));
        }
        h.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"#d62728\" stroke-width=\"1.6\"/>");
        h.append("</svg>\n");
    }

    private static void totalVariance(StringBuilder h, List<SmileSlice> slices) {
        double kLo = -1.0;
        double kHi = 1.0;
        double wHi = 0.0;
        for (SmileSlice s : slices) {
            wHi = Math.max(wHi, Math.max(s.smile().totalVariance(kLo), s.smile().totalVariance(kHi)));
        }
        Chart ch = new Chart(720, 360, kLo, kHi, 0.0, 1.05 * wHi);
        ch.open(h, "", "k = ln(K/F)", "w");
        for (int j = 0; j < slices.size(); j++) {
            SmileSlice s = slices.get(j);
            StringBuilder path = new StringBuilder();
            for (int i = 0; i <= 200; i++) {
                double k = kLo + (kHi - kLo) * i / 200;
                path.append(i == 0 ? 'M' : 'L')
                        .append(String.format(
                                Locale.ROOT,
                                "%.1f,%.1f",
                                ch.x(k),
                                ch.y(s.smile().totalVariance(k))));
            }
            String colour = COLOURS[j % COLOURS.length];
            h.append("<path d=\"")
                    .append(path)
                    .append("\" fill=\"none\" stroke=\"")
                    .append(colour)
                    .append("\" stroke-width=\"1.5\"/>");
            h.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"%s\">%s</text>",
                    ch.width / 2 - 40,
                    ch.top + 14 + 13 * j,
                    colour,
                    DAY.format(s.expiry())));
        }
        h.append("</svg>\n");
    }

    /** Linear axes inside an SVG of the given size. */
    private static final class Chart {
        final int width;
        final int height;
        final int left = 46;
        final int top = 22;
        final int right = 10;
        final int bottom = 30;
        final double x0;
        final double x1;
        final double y0;
        final double y1;

        Chart(int width, int height, double x0, double x1, double y0, double y1) {
            this.width = width;
            this.height = height;
            this.x0 = x0;
            this.x1 = x1;
            this.y0 = y0;
            this.y1 = y1;
        }

        double x(double v) {
            return left + (v - x0) / (x1 - x0) * (width - left - right);
        }

        double y(double v) {
            return height - bottom - (v - y0) / (y1 - y0) * (height - top - bottom);
        }

        void open(StringBuilder h, String title, String xLabel, String yLabel) {
            h.append(String.format(
                    Locale.ROOT,
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                            + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\">",
                    width,
                    height,
                    width,
                    height));
            h.append(
                    String.format(Locale.ROOT, "<text x=\"%d\" y=\"14\" font-size=\"12\">%s</text>", left, esc(title)));
            for (int i = 0; i <= 4; i++) {
                double xv = x0 + (x1 - x0) * i / 4;
                double yv = y0 + (y1 - y0) * i / 4;
                h.append(String.format(
                        Locale.ROOT,
                        "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>"
                                + "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%.2f</text>",
                        x(xv),
                        top,
                        x(xv),
                        height - bottom,
                        x(xv),
                        height - bottom + 12,
                        xv));
                h.append(String.format(
                        Locale.ROOT,
                        "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>"
                                + "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%s</text>",
                        left,
                        y(yv),
                        width - right,
                        y(yv),
                        left - 3,
                        y(yv) + 3,
                        yLabel.equals("vol")
                                ? String.format(Locale.ROOT, "%.0f%%", 100 * yv)
                                : String.format(Locale.ROOT, "%.3f", yv)));
            }
            h.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\"" + " stroke=\"#888\"/>",
                    left,
                    top,
                    width - left - right,
                    height - top - bottom));
            h.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"end\">%s" + "</text>",
                    width - right,
                    height - 3,
                    esc(xLabel)));
        }
    }

    private static String fmt(double v, int digits) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + digits + "f", v) : "–";
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
