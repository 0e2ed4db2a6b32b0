package io.vaultrisk.montecarlo.stress;

import io.vaultrisk.montecarlo.report.Html;
import io.vaultrisk.montecarlo.risk.PnlExplain;
import io.vaultrisk.montecarlo.risk.RiskMatrix;
import io.vaultrisk.montecarlo.risk.RiskReport;
import io.vaultrisk.montecarlo.risk.TailMeasures;
import io.vaultrisk.montecarlo.risk.TenorVolShock;
import io.vaultrisk.montecarlo.risk.VolScaledRiskMatrix;
import java.util.Locale;

/** A self-contained HTML stress report: inline SVG charts and CSS, nothing fetched from a network. */
public final class StressHtml {
    private StressHtml() {}

    public static String render(StressReport r) {
        StringBuilder h = new StringBuilder(32_768);
        RiskReport sim = r.simulation();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Stress report — ")
                .append(esc(r.book()))
                .append("</title>\n<style>body{font-family:system-ui,sans-serif;margin:2em;"
                        + "color:#222}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;"
                        + "padding:4px 8px;text-align:right}th{background:#f4f4f4}td.l,th.l{text-align:left}"
                        + ".neg{color:#b00}.pos{color:#060}small{color:#666}</style></head><body>\n");
        h.append("<h1>Stress report: ")
                .append(esc(r.book()))
                .append("</h1>\n<p>Book value ")
                .append(money(r.bookValue()))
                .append(' ')
                .append(esc(r.quoteCurrency()))
                .append(", as of ")
                .append(esc(sim.asOf()))
                .append(". Simulation: ")
                .append(String.format(Locale.ROOT, "%,d", sim.paths()))
                .append(" paths, seed ")
                .append(sim.seed())
                .append(", ")
                .append(sim.stepsPerDay())
                .append(" steps per day.</p>\n");
        h.append("<h2>Simulated P&amp;L, ").append(sim.first().days()).append("-day horizon</h2>\n");
        h.append(histogram(sim.first().pnl(), sim.first()));
        h.append("<table><tr><th class=l>confidence</th><th>VaR</th><th>VaR 95% CI</th><th>ES</th><th>ES 95% CI</th>"
                + "</tr>\n");
        for (RiskReport.LevelRisk l : sim.first().levels()) {
            TailMeasures t = l.measures();
            h.append("<tr><td class=l>")
                    .append(t.confidence())
                    .append("</td><td>")
                    .append(money(t.var()))
                    .append("</td><td>[")
                    .append(money(t.varLow()))
                    .append(", ")
                    .append(money(t.varHigh()))
                    .append("]</td><td>")
                    .append(money(t.es()))
                    .append("</td><td>")
                    .append(
                            t.hasEsInterval()
                                    ? "[" + money(t.esLow()) + ", " + money(t.esHigh()) + "]"
                                    : "n/a (" + t.tailCount() + " tail paths &lt; "
                                            + TailMeasures.MIN_TAIL_FOR_ES_INTERVAL + ")")
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
        h.append(explainTable(sim));
        h.append("<h2>Risk matrix (P&amp;L, joint spot × relative vol shocks, instantaneous)</h2>\n");
        h.append(heatmap(r.matrix()));
        h.append(scaledTable(r.volScaledMatrix()));
        h.append("<h2>Historical replays</h2>\n<table><tr><th class=l>scenario</th><th class=l>date</th>"
                + "<th class=l>returns</th><th>P&amp;L</th><th class=l>liquidated</th><th class=l>sources</th></tr>\n");
        for (StressReport.ScenarioResult s : r.scenarios()) {
            h.append("<tr><td class=l>")
                    .append(esc(s.scenario().name()))
                    .append("<br><small>")
                    .append(esc(s.scenario().measure()))
                    .append("</small></td><td class=l>")
                    .append(esc(s.scenario().date()))
                    .append("</td><td class=l>");
            s.scenario()
                    .returns()
                    .forEach((k, v) -> h.append(esc(k))
                            .append(' ')
                            .append(String.format(Locale.ROOT, "%+.1f%%", 100 * v))
                            .append("<br>"));
            if (!s.proxied().isEmpty()) {
                h.append("<small>proxied by beta: ");
                s.proxyReturns()
                        .forEach((k, v) -> h.append(esc(k))
                                .append(' ')
                                .append(String.format(Locale.ROOT, "%+.1f%%", 100 * v))
                                .append(' '));
                h.append("</small>");
            }
            h.append("</td><td class=")
                    .append(s.pnl() < 0 ? "neg" : "pos")
                    .append('>')
                    .append(money(s.pnl()))
                    .append("</td><td class=l>")
                    .append(esc(String.join(", ", s.liquidated())))
                    .append("</td><td class=l>");
            for (Scenario.Source src : s.scenario().sources()) {
                h.append("<small>")
                        .append(esc(src.underlying()))
                        .append(": ")
                        .append(esc(src.figure()))
                        .append(" — <a href=\"")
                        .append(esc(src.url()))
                        .append("\">source</a></small><br>");
            }
            h.append("</td></tr>\n");
        }
        h.append("</table>\n");
        if (!sim.perpetuals().isEmpty()) {
            h.append("<h2>Perpetuals</h2>\n<table><tr><th class=l>id</th><th>liquidation price</th>");
            for (RiskReport.LiquidationEstimate e : sim.perpetuals().get(0).horizons()) {
                h.append("<th>P(liquidated) ").append(e.days()).append(" d</th>");
            }
            h.append("</tr>\n");
            for (RiskReport.PerpetualRisk p : sim.perpetuals()) {
                h.append("<tr><td class=l>")
                        .append(esc(p.id()))
                        .append(" (")
                        .append(esc(p.side()))
                        .append(' ')
                        .append(esc(p.settlement()))
                        .append(")</td><td>")
                        .append(Double.isFinite(p.liquidationPrice()) ? money(p.liquidationPrice()) : "none")
                        .append("</td>");
                for (RiskReport.LiquidationEstimate e : p.horizons()) {
                    h.append("<td>")
                            .append(String.format(Locale.ROOT, "%.4f ± %.4f", e.probability(), e.stderr()))
                            .append("</td>");
                }
                h.append("</tr>\n");
            }
            h.append("</table>\n");
        }
        RiskReport.MarginReport m = sim.margin();
        h.append("<h2>Margin</h2>\n<p>Initial ")
                .append(money(m.initialMargin()))
                .append(" (VaR/ES-based ")
                .append(money(m.varEsInitial()))
                .append(", risk matrix ")
                .append(money(m.riskMatrixInitial()))
                .append(
                        m.calibrated() == null
                                ? ""
                                : ", short-option charge "
                                        + money(m.calibrated().shortOptionCharge()))
                .append("), maintenance ")
                .append(money(m.maintenanceMargin()))
                .append(".<br><small>")
                .append(esc(m.method()))
                .append("</small></p>\n</body></html>\n");
        return h.toString();
    }

    /** The vol-scaled matrix as a table: its worst rows (joint and spread) by worst cell, at most 12. */
    static String scaledTable(VolScaledRiskMatrix m) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(
                Locale.ROOT,
                "<h2>Per-underlying shocks (vol-scaled, %.0f day(s); spreads of correlated pairs)</h2>%n"
                        + "<p><small>Each underlying moves by z of its own standard deviations; vol shocks at 30 days, "
                        + "scaled to tenor as %s. The 12 worst rows.</small></p>%n<table><tr>"
                        + "<th class=l>move</th>",
                m.periodYears() * 365,
                TenorVolShock.EXCHANGE.describe()));
        for (double v : m.volShocks()) {
            s.append(String.format(Locale.ROOT, "<th>vol %+.0f%%</th>", 100 * v));
        }
        s.append("</tr>\n");
        Integer[] order = new Integer[m.moves().size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparingDouble(i -> min(m.pnl()[i])));
        for (int k = 0; k < Math.min(12, order.length); k++) {
            int i = order[k];
            s.append("<tr><td class=l>").append(esc(m.moves().get(i).label())).append("</td>");
            for (double v : m.pnl()[i]) {
                s.append("<td class=")
                        .append(v < 0 ? "neg" : "pos")
                        .append('>')
                        .append(money(v))
                        .append("</td>");
            }
            s.append("</tr>\n");
        }
        return s.append("</table>\n").toString();
    }

    /** P&amp;L explain per horizon: mean over all paths and over the ES tail. */
    static String explainTable(RiskReport sim) {
        StringBuilder s = new StringBuilder("<h2>P&amp;L explain</h2>\n<table><tr><th class=l>horizon</th>"
                + "<th class=l>paths</th><th>delta</th><th>gamma</th><th>vega</th><th>theta</th><th>funding</th>"
                + "<th>residual</th><th>total</th></tr>\n");
        String note = "";
        for (RiskReport.HorizonRisk hr : sim.horizons()) {
            PnlExplain e = hr.explain();
            note = e.note();
            row(s, hr.days() + " d", "all (mean)", e.mean());
            row(s, hr.days() + " d", "ES tail " + e.tailConfidence() + " (" + e.tailPaths() + ")", e.tail());
        }
        return s.append("</table>\n<p><small>")
                .append(esc(note))
                .append("</small></p>\n")
                .toString();
    }

    private static void row(StringBuilder s, String h, String which, PnlExplain.Terms t) {
        s.append("<tr><td class=l>")
                .append(esc(h))
                .append("</td><td class=l>")
                .append(esc(which))
                .append("</td>");
        for (double v :
                new double[] {t.delta(), t.gamma(), t.vega(), t.theta(), t.funding(), t.residual(), t.total()}) {
            s.append("<td>").append(money(v)).append("</td>");
        }
        s.append("</tr>\n");
    }

    private static double min(double[] xs) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : xs) {
            m = Math.min(m, x);
        }
        return m;
    }

    static String histogram(RiskReport.PnlSummary p, RiskReport.HorizonRisk horizon) {
        int w = 720, ht = 240, pad = 40;
        long[] c = p.histogram();
        long max = 1;
        for (long x : c) {
            max = Math.max(max, x);
        }
        double bw = (w - 2.0 * pad) / c.length;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(w)
                .append("\" height=\"")
                .append(ht)
                .append("\" role=\"img\" aria-label=\"P&amp;L histogram\">\n");
        for (int i = 0; i < c.length; i++) {
            double bh = (ht - 2.0 * pad) * c[i] / max;
            double lo = p.histogramLow() + i * (p.histogramHigh() - p.histogramLow()) / c.length;
            s.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" " + "fill=\"%s\"/>%n",
                    pad + i * bw,
                    ht - pad - bh,
                    Math.max(0.5, bw - 1),
                    bh,
                    lo < 0 ? "#c0504d" : "#4f81bd"));
        }
        for (RiskReport.LevelRisk l : horizon.levels()) {
            double x = -l.measures().var();
            double px = pad + (x - p.histogramLow()) / (p.histogramHigh() - p.histogramLow()) * (w - 2.0 * pad);
            s.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#000\" "
                            + "stroke-dasharray=\"4 3\"/><text x=\"%.1f\" y=\"%d\" font-size=\"11\">VaR %s</text>%n",
                    px,
                    px,
                    pad - 10,
                    ht - pad,
                    px + 3,
                    pad - 12 + 12,
                    l.measures().confidence()));
        }
        s.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text><text x=\"%d\" y=\"%d\" "
                        + "font-size=\"11\" text-anchor=\"end\">%s</text>%n",
                pad,
                ht - pad + 16,
                money(p.histogramLow()),
                w - pad,
                ht - pad + 16,
                money(p.histogramHigh())));
        s.append("</svg>\n");
        return s.toString();
    }

    static String heatmap(RiskMatrix m) {
        int cw = 90, ch = 26, left = 80, top = 40;
        double worst = 1e-9;
        for (double[] row : m.pnl()) {
            for (double v : row) {
                worst = Math.max(worst, Math.abs(v));
            }
        }
        int w = left + cw * m.volShocks().length + 10, ht = top + ch * m.spotShocks().length + 10;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(w)
                .append("\" height=\"")
                .append(ht)
                .append("\" role=\"img\" aria-label=\"stress heatmap\">\n");
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"14\" font-size=\"12\">vol shock →</text>%n", left));
        for (int j = 0; j < m.volShocks().length; j++) {
            s.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">" + "%+.0f%%</text>%n",
                    left + j * cw + cw / 2,
                    top - 8,
                    100 * m.volShocks()[j]));
        }
        for (int i = 0; i < m.spotShocks().length; i++) {
            s.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">" + "spot %+.0f%%</text>%n",
                    left - 6,
                    top + i * ch + ch / 2 + 4,
                    100 * m.spotShocks()[i]));
            for (int j = 0; j < m.volShocks().length; j++) {
                double v = m.pnl()[i][j], f = Math.min(1, Math.abs(v) / worst);
                int shade = (int) Math.round(255 * (1 - 0.75 * f));
                String fill = v < 0
                        ? String.format("rgb(255,%d,%d)", shade, shade)
                        : String.format("rgb(%d,255,%d)", shade, shade);
                s.append(String.format(
                        Locale.ROOT,
                        "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" "
                                + "stroke=\"#fff\"/><text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s"
                                + "</text>%n",
                        left + j * cw,
                        top + i * ch,
                        cw,
                        ch,
                        fill,
                        left + j * cw + cw / 2,
                        top + i * ch + ch / 2 + 4,
                        money(v)));
            }
        }
        s.append("</svg>\n");
        return s.toString();
    }

    static String money(double v) {
        double a = Math.abs(v);
        if (a >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM", v / 1e6);
        }
        if (a >= 1e4) {
            return String.format(Locale.ROOT, "%.1fk", v / 1e3);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String esc(String s) {
        return Html.escape(s);
    }
}
