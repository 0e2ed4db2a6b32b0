package io.vaultrisk.montecarlo.backtest;

import io.vaultrisk.montecarlo.report.Html;
import java.util.Locale;

/**
 * A self-contained HTML page of a backtest: the daily P&amp;L against the VaR line (drawn as −VaR, the loss it
 * allows), exceptions marked in red, and the test results. Inline SVG, no scripts, no external resources.
 */
public final class BacktestHtml {
    private static final int W = 960;
    private static final int H = 360;
    private static final int PAD = 50;

    private BacktestHtml() {}

    public static String render(BacktestReport r) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>VaR backtest ")
                .append(esc(r.book()))
                .append("</title><style>body{font-family:sans-serif;margin:2em}td,th{padding:2px 10px;text-align:left}"
                        + ".green{color:#1a7f37}.yellow{color:#9a6700}.red{color:#cf222e}</style></head><body>");
        b.append("<h1>VaR backtest: ").append(esc(r.book())).append("</h1>");
        BacktestSpec s = r.spec();
        b.append(String.format(
                Locale.ROOT,
                "<p>%s to %s, %d observations, %.4g%% VaR over %d day(s), vol model %s, method %s.</p>",
                r.start(),
                r.end(),
                r.observations(),
                100 * s.confidence(),
                s.horizonDays(),
                s.volModel().name().toLowerCase(Locale.ROOT),
                s.method().name().toLowerCase(Locale.ROOT)));
        b.append("<table>");
        row(
                b,
                "exceptions",
                r.exceptions()
                        + String.format(
                                Locale.ROOT,
                                " (%.2f%%, expected %.2f%%)",
                                100 * r.exceptionRate(),
                                100 * r.expectedRate()));
        row(
                b,
                "Kupiec POF",
                String.format(
                        Locale.ROOT,
                        "LR %.3f, p-value %.4f",
                        r.kupiec().statistic(),
                        r.kupiec().pValue()));
        row(
                b,
                "Christoffersen independence",
                String.format(
                        Locale.ROOT,
                        "LR %.3f, p-value %.4f",
                        r.christoffersen().statistic(),
                        r.christoffersen().pValue()));
        b.append("<tr><th>traffic light</th><td class=\"")
                .append(r.trafficLight())
                .append("\">")
                .append(r.trafficLight())
                .append("</td></tr></table>");
        b.append(chart(r));
        b.append("<ul>");
        for (String n : r.notes()) {
            b.append("<li>").append(esc(n)).append("</li>");
        }
        b.append("</ul></body></html>\n");
        return b.toString();
    }

    private static String chart(BacktestReport r) {
        int n = r.days().size();
        double lo = 0, hi = 0;
        for (BacktestReport.Day d : r.days()) {
            lo = Math.min(lo, Math.min(d.pnl(), -d.var()));
            hi = Math.max(hi, Math.max(d.pnl(), -d.var()));
        }
        if (hi == lo) {
            hi = lo + 1;
        }
        StringBuilder b = new StringBuilder();
        b.append(String.format(
                Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\">", W, H));
        double y0 = y(0, lo, hi);
        b.append(String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#999\"/>",
                PAD,
                y0,
                W - 10,
                y0));
        b.append(String.format(
                Locale.ROOT, "<text x=\"2\" y=\"%.1f\" font-size=\"10\">%.3g</text>", y(hi, lo, hi) + 4, hi));
        b.append(
                String.format(Locale.ROOT, "<text x=\"2\" y=\"%.1f\" font-size=\"10\">%.3g</text>", y(lo, lo, hi), lo));
        StringBuilder pnl = new StringBuilder();
        StringBuilder var = new StringBuilder();
        for (int i = 0; i < n; i++) {
            BacktestReport.Day d = r.days().get(i);
            double x = x(i, n);
            pnl.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y(d.pnl(), lo, hi)));
            var.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y(-d.var(), lo, hi)));
        }
        b.append("<polyline fill=\"none\" stroke=\"#0969da\" stroke-width=\"1\" points=\"")
                .append(pnl)
                .append("\"><title>P&amp;L</title></polyline>");
        b.append("<polyline fill=\"none\" stroke=\"#000\" stroke-width=\"1.5\" points=\"")
                .append(var)
                .append("\"><title>−VaR</title></polyline>");
        for (int i = 0; i < n; i++) {
            BacktestReport.Day d = r.days().get(i);
            if (d.exception()) {
                b.append(String.format(
                        Locale.ROOT,
                        "<circle class=\"exception\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#cf222e\"><title>%s: P&amp;L "
                                + "%.2f, VaR %.2f</title></circle>",
                        x(i, n),
                        y(d.pnl(), lo, hi),
                        d.date(),
                        d.pnl(),
                        d.var()));
            }
        }
        b.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" font-size=\"11\">blue: realised P&amp;L; black: −VaR; red: exceptions</text>",
                PAD,
                H - 5));
        b.append("</svg>");
        return b.toString();
    }

    private static double x(int i, int n) {
        return PAD + (W - PAD - 10) * (n <= 1 ? 0.5 : (double) i / (n - 1));
    }

    private static double y(double v, double lo, double hi) {
        return 10 + (H - 40) * (hi - v) / (hi - lo);
    }

    private static void row(StringBuilder b, String k, String v) {
        b.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>");
    }

    private static String esc(String s) {
        return Html.escape(s);
    }
}
