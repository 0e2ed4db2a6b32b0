package io.vaultrisk.allocator;

import io.vaultrisk.montecarlo.report.Html;
import java.util.List;
import java.util.Locale;

/**
 * A self-contained HTML page (inline SVG, no scripts or external resources) with the frontier in the (CVaR, mean)
 * plane, each strategy alone as a labelled dot, and the weights of every frontier point in a table.
 */
public final class FrontierChart {

    private static final int WIDTH = 760;
    private static final int HEIGHT = 440;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 20;
    private static final int BOTTOM = 50;

    private FrontierChart() {}

    public static String html(EfficientFrontier frontier, double beta, String title) {
        List<Allocation> pts = frontier.points();
        List<Allocation> alone = frontier.strategies();
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (List<Allocation> list : List.of(pts, alone)) {
            for (Allocation a : list) {
                xMin = Math.min(xMin, a.cvar());
                xMax = Math.max(xMax, a.cvar());
                yMin = Math.min(yMin, a.expectedReturn());
                yMax = Math.max(yMax, a.expectedReturn());
            }
        }
        double padX = 0.05 * Math.max(xMax - xMin, 1e-9);
        double padY = 0.05 * Math.max(yMax - yMin, 1e-9);
        Scale sx = new Scale(xMin - padX, xMax + padX, LEFT, WIDTH - RIGHT);
        Scale sy = new Scale(yMin - padY, yMax + padY, HEIGHT - BOTTOM, TOP);
        StringBuilder svg = new StringBuilder();
        svg.append(fmt(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "font-family=\"sans-serif\" font-size=\"11\">%n",
                WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append(fmt(
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n",
                LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM));
        for (int k = 0; k <= 5; k++) {
            double xv = sx.lo + (sx.hi - sx.lo) * k / 5;
            double yv = sy.lo + (sy.hi - sy.lo) * k / 5;
            svg.append(fmt(
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>",
                    sx.map(xv), TOP, sx.map(xv), HEIGHT - BOTTOM));
            svg.append(fmt(
                    "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    sx.map(xv), HEIGHT - BOTTOM + 15, pct(xv)));
            svg.append(fmt(
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>",
                    LEFT, sy.map(yv), WIDTH - RIGHT, sy.map(yv)));
            svg.append(fmt(
                    "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT - 5, sy.map(yv) + 4, pct(yv)));
        }
        svg.append(fmt(
                "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">CVaR %s of loss (horizon)</text>%n",
                (LEFT + WIDTH - RIGHT) / 2, HEIGHT - 12, pct(beta)));
        svg.append(fmt(
                "<text transform=\"translate(16,%d) rotate(-90)\" text-anchor=\"middle\">expected return</text>%n",
                (TOP + HEIGHT - BOTTOM) / 2));
        StringBuilder line = new StringBuilder();
        for (Allocation a : pts) {
            line.append(fmt("%.1f,%.1f ", sx.map(a.cvar()), sy.map(a.expectedReturn())));
        }
        svg.append("<polyline fill=\"none\" stroke=\"#1f5fbf\" stroke-width=\"2\" points=\"")
                .append(line.toString().trim())
                .append("\"/>\n");
        for (int k = 0; k < pts.size(); k++) {
            Allocation a = pts.get(k);
            svg.append(fmt(
                    "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#1f5fbf\"><title>point %d: return %s, CVaR %s"
                            + "</title></circle>%n",
                    sx.map(a.cvar()), sy.map(a.expectedReturn()), k + 1, pct(a.expectedReturn()), pct(a.cvar())));
        }
        for (Allocation a : alone) {
            int i = indexOfOne(a.weights());
            String name = escape(a.names().get(i));
            svg.append(fmt(
                    "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#d9822b\"/><text x=\"%.1f\" y=\"%.1f\">%s"
                            + "</text>%n",
                    sx.map(a.cvar()),
                    sy.map(a.expectedReturn()),
                    sx.map(a.cvar()) + 6,
                    sy.map(a.expectedReturn()) - 4,
                    name));
        }
        svg.append("</svg>\n");
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(title))
                .append("</title>\n<style>body{font-family:sans-serif;margin:24px}table{border-collapse:collapse}"
                        + "td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}</style></head><body>\n");
        html.append("<h1>").append(escape(title)).append("</h1>\n");
        html.append("<p>Blue: minimum-CVaR portfolios for evenly spaced target returns. Orange: each strategy alone."
                + "</p>\n");
        html.append(svg);
        html.append("<table><tr><th>#</th><th>expected return</th><th>CVaR</th><th>VaR</th>");
        List<String> names = pts.isEmpty() ? List.of() : pts.get(0).names();
        for (String n : names) {
            html.append("<th>").append(escape(n)).append("</th>");
        }
        html.append("</tr>\n");
        for (int k = 0; k < pts.size(); k++) {
            Allocation a = pts.get(k);
            html.append(fmt(
                    "<tr><td>%d</td><td>%s</td><td>%s</td><td>%s</td>",
                    k + 1, pct(a.expectedReturn()), pct(a.cvar()), pct(a.var())));
            for (double w : a.weights()) {
                html.append(fmt("<td>%.4f</td>", w));
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n</body></html>\n");
        return html.toString();
    }

    private static int indexOfOne(double[] w) {
        for (int i = 0; i < w.length; i++) {
            if (w[i] == 1.0) {
                return i;
            }
        }
        return 0;
    }

    private static String pct(double x) {
        return fmt("%.2f%%", 100 * x);
    }

    private static String fmt(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    static String escape(String s) {
        return Html.escape(s);
    }

    /** Linear map from data to pixels. */
    private record Scale(double lo, double hi, double from, double to) {
        double map(double v) {
            return from + (v - lo) / (hi - lo) * (to - from);
        }
    }
}
