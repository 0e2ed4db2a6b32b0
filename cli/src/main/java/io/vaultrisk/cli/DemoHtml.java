package io.vaultrisk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.vaultrisk.montecarlo.report.Html;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The crash demo's report as one self-contained HTML page, drawn like the stress and backtest reports (inline SVG,
 * no scripts, no external resources): the loop's vault and its passive copy over the scenario, breaches of the ES
 * limit marked on the hour they were seen, every rebalance with its trigger and transaction, refusals, latency.
 */
final class DemoHtml {
    private static final int W = 960;
    private static final int H = 360;
    private static final int PAD = 70;

    private DemoHtml() {}

    static String render(JsonNode r) {
        JsonNode sc = r.path("scenario");
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Crash demo ")
                .append(esc(sc.path("name").asText()))
                .append("</title><style>body{font-family:sans-serif;margin:2em}td,th{padding:2px 10px;text-align:left}"
                        + "code{font-size:90%}</style></head><body>");
        b.append("<h1>Closed loop through ")
                .append(esc(sc.path("name").asText()))
                .append(" (")
                .append(esc(sc.path("date").asText()))
                .append(")</h1>");
        b.append("<p>").append(esc(sc.path("path").asText())).append(".</p><ul>");
        for (JsonNode s : sc.path("sources")) {
            b.append("<li>")
                    .append(esc(s.path("underlying").asText()))
                    .append(": ")
                    .append(esc(s.path("figure").asText()))
                    .append(" (<a href=\"")
                    .append(esc(s.path("url").asText()))
                    .append("\">source</a>)</li>");
        }
        b.append("</ul>");
        JsonNode fv = r.path("finalValue"), dd = r.path("maxDrawdown");
        b.append("<table>");
        row(b, "loop vault", r.path("loopVault").asText());
        row(b, "passive copy", r.path("passiveVault").asText() + " (same start, never rebalanced)");
        row(
                b,
                "final value (USD at feed prices)",
                String.format(
                        Locale.ROOT,
                        "loop %,.2f, passive %,.2f",
                        fv.path("loop").asDouble(),
                        fv.path("passive").asDouble()));
        row(
                b,
                "max drawdown",
                String.format(
                        Locale.ROOT,
                        "loop %.2f%%, passive %.2f%%",
                        100 * dd.path("loop").asDouble(),
                        100 * dd.path("passive").asDouble()));
        JsonNode lat = r.path("latency");
        row(b, "breach to urgent rebalance mined (ms)", DemoTimeline.stats(lat.path("breachToMinedMillis")));
        row(
                b,
                "limit evaluation, " + lat.path("evaluationPaths").asInt() + " paths (ms)",
                DemoTimeline.stats(lat.path("limitEvaluationMillis")));
        b.append("</table><p>Latency is measured ")
                .append(esc(lat.path("measured").asText()))
                .append(", on ")
                .append(lat.path("cores").asInt())
                .append(" cores.</p>");
        b.append(chart(r));
        b.append("<h2>Limit breaches</h2><table><tr><th>hour</th><th>block</th><th>ES99 1d</th><th>limit</th>"
                + "<th>why evaluated</th><th>urgent allocation</th><th>to mined (ms)</th></tr>");
        for (JsonNode x : r.path("breaches")) {
            b.append(String.format(
                    Locale.ROOT,
                    "<tr><td>%d</td><td>%d</td><td>%.2f%%</td><td>%.0f%%</td><td>%s</td><td>%s</td><td>%s</td></tr>",
                    x.path("hour").asInt(),
                    x.path("block").asLong(),
                    100 * x.path("es").asDouble(),
                    100 * x.path("limit").asDouble(),
                    esc(x.path("reason").asText()),
                    x.has("nonce") ? Long.toString(x.path("nonce").asLong()) : "",
                    x.has("latencyMillis")
                            ? Long.toString(x.path("latencyMillis").asLong())
                            : ""));
        }
        b.append("</table><h2>Rebalances</h2><table><tr><th>nonce</th><th>block</th><th>trigger</th>"
                + "<th>weights (bps)</th><th>transaction</th></tr>");
        for (JsonNode x : r.path("rebalances")) {
            b.append(String.format(
                    Locale.ROOT,
                    "<tr><td>%d</td><td>%d</td><td>%s</td><td>%s</td><td><code>%s</code></td></tr>",
                    x.path("nonce").asLong(),
                    x.path("block").asLong(),
                    esc(DemoTimeline.why(x)),
                    esc(x.path("weightsBps").toString()),
                    esc(x.path("tx").asText())));
        }
        b.append("</table><h2>Refused</h2><table><tr><th>nonce</th><th>block</th><th>reason</th></tr>");
        for (JsonNode x : r.path("refused")) {
            b.append(String.format(
                    Locale.ROOT,
                    "<tr><td>%d</td><td>%d</td><td>%s</td></tr>",
                    x.path("nonce").asLong(),
                    x.path("block").asLong(),
                    esc(x.path("reason").asText())));
        }
        JsonNode puts = r.path("protection");
        b.append("</table><h2>Protective puts</h2><p>")
                .append(esc(puts.path("model").asText("no put venue")))
                .append("</p><table><tr><th>nonce</th><th>block</th><th>puts</th><th>strike</th><th>expiry</th>"
                        + "<th>premium</th><th>service price</th><th>value at the end</th><th>transaction</th></tr>");
        for (JsonNode x : puts.path("bought")) {
            b.append(String.format(
                    Locale.ROOT,
                    "<tr class=\"put\"><td>%d</td><td>%d</td><td>%.4f</td><td>%,.2f</td><td>%s</td><td>%,.2f</td>"
                            + "<td>%,.2f (vol %.1f%%, %s)</td><td>%,.2f%s</td><td><code>%s</code></td></tr>",
                    x.path("nonce").asLong(),
                    x.path("block").asLong(),
                    x.path("amount").asDouble(),
                    x.path("strike").asDouble(),
                    esc(x.path("expiry").asText()),
                    x.path("premium").asDouble(),
                    x.path("servicePrice").asDouble(),
                    100 * x.path("vol").asDouble(),
                    esc(x.path("volSource").asText()),
                    x.path("valueAtEnd").asDouble(),
                    x.path("settled").asBoolean() ? " (settled)" : " (intrinsic, open)",
                    esc(x.path("tx").asText())));
        }
        for (JsonNode x : puts.path("refused")) {
            b.append(String.format(
                    Locale.ROOT,
                    "<tr><td>%d</td><td colspan=\"8\">%s</td></tr>",
                    x.path("nonce").asLong(),
                    esc(x.path("reason").asText())));
        }
        b.append("</table></body></html>\n");
        return b.toString();
    }

    /** Both vaults' values by hour; red dots: hours whose prices breached the limit; ticks: rebalance blocks. */
    private static String chart(JsonNode r) {
        List<JsonNode> hours = new ArrayList<>();
        r.path("hours").forEach(hours::add);
        int n = hours.size();
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (JsonNode h : hours) {
            lo = Math.min(
                    lo, Math.min(h.path("loop").asDouble(), h.path("passive").asDouble()));
            hi = Math.max(
                    hi, Math.max(h.path("loop").asDouble(), h.path("passive").asDouble()));
        }
        if (n == 0 || hi <= lo) {
            return "<p>no hours replayed</p>";
        }
        StringBuilder b = new StringBuilder();
        b.append(String.format(
                Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\">", W, H));
        b.append(String.format(
                Locale.ROOT, "<text x=\"2\" y=\"%.1f\" font-size=\"10\">%,.0f</text>", y(hi, lo, hi) + 4, hi));
        b.append(String.format(
                Locale.ROOT, "<text x=\"2\" y=\"%.1f\" font-size=\"10\">%,.0f</text>", y(lo, lo, hi), lo));
        StringBuilder loop = new StringBuilder(), passive = new StringBuilder();
        for (int i = 0; i < n; i++) {
            JsonNode h = hours.get(i);
            loop.append(String.format(
                    Locale.ROOT, "%.1f,%.1f ", x(i, n), y(h.path("loop").asDouble(), lo, hi)));
            passive.append(String.format(
                    Locale.ROOT, "%.1f,%.1f ", x(i, n), y(h.path("passive").asDouble(), lo, hi)));
        }
        b.append("<polyline fill=\"none\" stroke=\"#999\" stroke-width=\"1.5\" points=\"")
                .append(passive)
                .append("\"><title>passive copy</title></polyline>");
        b.append("<polyline fill=\"none\" stroke=\"#0969da\" stroke-width=\"1.5\" points=\"")
                .append(loop)
                .append("\"><title>loop vault</title></polyline>");
        for (JsonNode x : r.path("breaches")) {
            int i = x.path("hour").asInt();
            if (i >= 0 && i < n) {
                b.append(String.format(
                        Locale.ROOT,
                        "<circle class=\"breach\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#cf222e\"><title>hour %d: ES99"
                                + " 1d %.2f%% &gt; %.0f%%</title></circle>",
                        x(i, n),
                        y(hours.get(i).path("loop").asDouble(), lo, hi),
                        i,
                        100 * x.path("es").asDouble(),
                        100 * x.path("limit").asDouble()));
            }
        }
        for (JsonNode x : r.path("rebalances")) {
            int i = hourOfBlock(hours, x.path("block").asLong());
            if (i >= 0) {
                b.append(String.format(
                        Locale.ROOT,
                        "<line class=\"rebalance\" x1=\"%.1f\" y1=\"10\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\""
                                + " stroke-dasharray=\"3,3\"><title>nonce %d (%s) %s</title></line>",
                        x(i, n),
                        x(i, n),
                        H - 30,
                        "breach".equals(x.path("trigger").asText()) ? "#cf222e" : "#1a7f37",
                        x.path("nonce").asLong(),
                        esc(x.path("trigger").asText()),
                        esc(x.path("tx").asText())));
            }
        }
        b.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" font-size=\"11\">blue: loop vault; grey: passive copy (USD at feed prices, by"
                        + " hour); red dots: breaches; dashed: rebalances (red urgent, green normal)</text>",
                PAD,
                H - 5));
        b.append("</svg>");
        return b.toString();
    }

    /** The last hour mined at or before the block (a rebalance lands between two hours' blocks). */
    private static int hourOfBlock(List<JsonNode> hours, long block) {
        int found = -1;
        for (int i = 0; i < hours.size(); i++) {
            if (hours.get(i).path("block").asLong() <= block) {
                found = i;
            }
        }
        return found;
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
