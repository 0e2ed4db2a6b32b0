package io.vaultrisk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The crash demo's result as a timeline: breaches, rebalances and refusals by block, then values and latency. */
final class DemoTimeline {
    private DemoTimeline() {}

    private record Line(long block, int order, String text) {}

    static void print(JsonNode r, PrintStream out) {
        JsonNode sc = r.path("scenario");
        out.println();
        out.println(
                "scenario " + sc.path("name").asText() + " (" + sc.path("date").asText() + ")");
        out.println("  " + sc.path("path").asText());
        for (JsonNode s : sc.path("sources")) {
            out.println("  source " + s.path("underlying").asText() + ": "
                    + s.path("figure").asText() + " <" + s.path("url").asText() + ">");
        }
        List<Line> lines = new ArrayList<>();
        for (JsonNode b : r.path("breaches")) {
            lines.add(new Line(
                    b.path("block").asLong(),
                    0,
                    String.format(
                            Locale.ROOT,
                            "hour %2d  BREACH  ES99 1d %.2f%% > %.0f%% (%s)%s",
                            b.path("hour").asInt(),
                            100 * b.path("es").asDouble(),
                            100 * b.path("limit").asDouble(),
                            b.path("reason").asText(),
                            b.has("nonce")
                                    ? " -> urgent allocation " + b.path("nonce").asLong()
                                    : "")));
        }
        for (JsonNode x : r.path("rebalances")) {
            lines.add(new Line(
                    x.path("block").asLong(),
                    1,
                    String.format(
                            Locale.ROOT,
                            "REBALANCED nonce %d (%s) weights %s tx %s",
                            x.path("nonce").asLong(),
                            why(x),
                            x.path("weightsBps"),
                            x.path("tx").asText())));
        }
        for (JsonNode x : r.path("refused")) {
            lines.add(new Line(
                    x.path("block").asLong(),
                    2,
                    "REFUSED nonce " + x.path("nonce").asLong() + ": "
                            + x.path("reason").asText()));
        }
        for (JsonNode x : r.path("protection").path("bought")) {
            lines.add(new Line(
                    x.path("block").asLong(),
                    1,
                    String.format(
                            Locale.ROOT,
                            "PUT BOUGHT nonce %d: %.4f ETH struck at %,.2f expiring %s, premium %,.2f (service price"
                                    + " %,.2f at vol %.1f%%) tx %s",
                            x.path("nonce").asLong(),
                            x.path("amount").asDouble(),
                            x.path("strike").asDouble(),
                            x.path("expiry").asText(),
                            x.path("premium").asDouble(),
                            x.path("servicePrice").asDouble(),
                            100 * x.path("vol").asDouble(),
                            x.path("tx").asText())));
        }
        lines.sort(Comparator.comparingLong(Line::block).thenComparingInt(Line::order));
        out.println();
        out.println("timeline (block: event)");
        for (Line l : lines) {
            out.printf(Locale.ROOT, "  %5d  %s%n", l.block(), l.text());
        }
        JsonNode fv = r.path("finalValue"), dd = r.path("maxDrawdown");
        out.println();
        out.printf(
                Locale.ROOT,
                "final value (USD at feed prices): loop %,.2f, passive %,.2f%n",
                fv.path("loop").asDouble(),
                fv.path("passive").asDouble());
        out.printf(
                Locale.ROOT,
                "max drawdown: loop %.2f%%, passive %.2f%%%n",
                100 * dd.path("loop").asDouble(),
                100 * dd.path("passive").asDouble());
        for (JsonNode x : r.path("protection").path("bought")) {
            out.printf(
                    Locale.ROOT,
                    "put position %d at the end: %,.2f USD (%s)%n",
                    x.path("position").asLong(),
                    x.path("valueAtEnd").asDouble(),
                    x.path("settled").asBoolean()
                            ? "settled at the feed price after expiry"
                            : "intrinsic value at the final feed price, not yet expired; the sleeves' final value"
                                    + " above leaves it out");
        }
        for (JsonNode x : r.path("protection").path("refused")) {
            out.println("put refused, nonce " + x.path("nonce").asLong() + ": "
                    + x.path("reason").asText());
        }
        JsonNode lat = r.path("latency");
        out.println("breach -> urgent rebalance mined (ms): " + stats(lat.path("breachToMinedMillis")));
        out.println("limit evaluation, " + lat.path("evaluationPaths").asInt() + " paths (ms): "
                + stats(lat.path("limitEvaluationMillis")));
    }

    /** The allocation's trigger text (it names its kind), or the kind alone when it has none. */
    static String why(JsonNode rebalance) {
        String kind = rebalance.path("trigger").asText();
        String reason = rebalance.path("reason").asText("");
        return reason.startsWith(kind + ":") ? reason : reason.isEmpty() ? kind : kind + ": " + reason;
    }

    static String stats(JsonNode s) {
        if (s.path("count").asInt() == 0) {
            return "none measured";
        }
        return String.format(
                Locale.ROOT,
                "min %.0f, median %.0f, max %.0f over %d",
                s.path("min").asDouble(),
                s.path("median").asDouble(),
                s.path("max").asDouble(),
                s.path("count").asInt());
    }
}
