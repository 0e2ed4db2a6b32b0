package io.vaultrisk.montecarlo.book;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vaultrisk.basics.OptionType;
import io.vaultrisk.montecarlo.instrument.Settlement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a book from JSON. Strict: unknown fields are errors (a typo must not silently drop a hedge), and every
 * error names the position id and the field. A date without a time means 08:00 UTC, the daily settlement time of
 * crypto option venues.
 */
public final class BookReader {
    public static final BookReader DEFAULT = new BookReader();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> BOOK_FIELDS =
            Set.of("name", "quoteCurrency", "asOf", "market", "positions", "description");
    private static final Set<String> MARKET_FIELDS = Set.of("rate", "underlyings", "correlations");
    private static final Set<String> UNDERLYING_FIELDS = Set.of("spot", "vol", "drift");
    private static final Set<String> SPOT_FIELDS = Set.of("id", "type", "underlying", "quantity");
    private static final Set<String> OPTION_FIELDS =
            Set.of("id", "type", "underlying", "optionType", "strike", "expiry", "settlement", "quantity", "vol");
    private static final Set<String> PERP_FIELDS = Set.of(
            "id",
            "type",
            "underlying",
            "settlement",
            "size",
            "entryPrice",
            "margin",
            "maintenanceMarginRate",
            "fundingRate",
            "funding",
            "fundingIntervalHours");
    private static final Set<String> FUNDING_FIELDS = Set.of("model", "base", "sensitivity", "cap");

    public Book read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read book " + file + ": " + e.getMessage(), e);
        }
        return parse(text);
    }

    public Book parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new BookFormatException(
                    null,
                    "(json)",
                    "not valid JSON at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        }
        return fromTree(root);
    }

    public Book fromTree(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new BookFormatException(null, "(json)", "a book is a JSON object");
        }
        known(root, BOOK_FIELDS, null, "");
        String name = text(root, "name", null, true);
        String quote = text(root, "quoteCurrency", null, false);
        Instant asOf = instant(root, "asOf", null);
        MarketData market = market(required(root, "market", null));
        JsonNode ps = required(root, "positions", null);
        if (!ps.isArray()) {
            throw new BookFormatException(null, "positions", "must be an array");
        }
        List<Position> positions = new ArrayList<>();
        int index = 0;
        for (JsonNode p : ps) {
            positions.add(position(p, index++));
        }
        return new Book(name, quote, asOf, market, positions);
    }

    private MarketData market(JsonNode m) {
        known(m, MARKET_FIELDS, null, "market.");
        double rate = m.has("rate") ? number(m, "rate", null, "market.rate") : 0.0;
        JsonNode us = required(m, "underlyings", null);
        if (!us.isObject() || us.isEmpty()) {
            throw new BookFormatException(null, "market.underlyings", "must be an object of name -> {spot, vol}");
        }
        List<Underlying> underlyings = new ArrayList<>();
        Map<String, Integer> index = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = us.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String f = "market.underlyings." + e.getKey();
            known(e.getValue(), UNDERLYING_FIELDS, null, f + ".");
            double spot = number(e.getValue(), "spot", null, f + ".spot");
            double vol = number(e.getValue(), "vol", null, f + ".vol");
            double drift = e.getValue().has("drift") ? number(e.getValue(), "drift", null, f + ".drift") : 0.0;
            if (!(spot > 0)) {
                throw new BookFormatException(null, f + ".spot", "must be positive, got " + spot);
            }
            if (!(vol > 0 && vol <= 10)) {
                throw new BookFormatException(null, f + ".vol", "must be in (0, 10] (decimal), got " + vol);
            }
            try {
                underlyings.add(Underlying.of(e.getKey(), spot, vol, drift));
            } catch (IllegalArgumentException ex) {
                throw new BookFormatException(null, f, ex.getMessage());
            }
            index.put(e.getKey(), underlyings.size() - 1);
        }
        double[][] corr = MarketData.identity(underlyings.size());
        JsonNode cs = m.get("correlations");
        if (cs != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = cs.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String f = "market.correlations." + e.getKey();
                String[] pair = e.getKey().split("/");
                if (pair.length != 2 || !index.containsKey(pair[0]) || !index.containsKey(pair[1])) {
                    throw new BookFormatException(
                            null, f, "must name two known underlyings as 'A/B' (known: " + index.keySet() + ")");
                }
                if (!e.getValue().isNumber()) {
                    throw new BookFormatException(null, f, "must be a number");
                }
                double c = e.getValue().asDouble();
                if (!(c >= -1 && c <= 1)) {
                    throw new BookFormatException(null, f, "must be in [-1, 1], got " + c);
                }
                int i = index.get(pair[0]), j = index.get(pair[1]);
                if (i == j) {
                    throw new BookFormatException(null, f, "an underlying's correlation with itself is 1");
                }
                corr[i][j] = c;
                corr[j][i] = c;
            }
        }
        return new MarketData(rate, underlyings, corr);
    }

    private Position position(JsonNode p, int index) {
        if (!p.isObject()) {
            throw new BookFormatException("#" + index, "(position)", "must be an object");
        }
        String id = p.hasNonNull("id") ? p.get("id").asText() : "#" + index;
        if (!p.hasNonNull("id")) {
            throw new BookFormatException(id, "id", "is required");
        }
        String type = text(p, "type", id, true).toLowerCase(Locale.ROOT);
        String underlying = text(p, "underlying", id, true);
        return switch (type) {
            case "spot" -> {
                known(p, SPOT_FIELDS, id, "");
                yield SpotPosition.of(id, underlying, number(p, "quantity", id, "quantity"));
            }
            case "option" -> {
                known(p, OPTION_FIELDS, id, "");
                OptionType ot;
                try {
                    ot = OptionType.parse(text(p, "optionType", id, true));
                } catch (IllegalArgumentException e) {
                    throw new BookFormatException(id, "optionType", e.getMessage());
                }
                double vol = p.has("vol") ? number(p, "vol", id, "vol") : Double.NaN;
                yield new OptionPosition(
                        id,
                        underlying,
                        ot,
                        number(p, "strike", id, "strike"),
                        instant(p, "expiry", id),
                        settlement(p, id),
                        number(p, "quantity", id, "quantity"),
                        vol);
            }
            case "perpetual", "perp" -> {
                known(p, PERP_FIELDS, id, "");
                double interval = p.has("fundingIntervalHours")
                        ? number(p, "fundingIntervalHours", id, "fundingIntervalHours")
                        : 8.0;
                yield new PerpetualPosition(
                        id,
                        underlying,
                        settlement(p, id),
                        number(p, "size", id, "size"),
                        number(p, "entryPrice", id, "entryPrice"),
                        number(p, "margin", id, "margin"),
                        number(p, "maintenanceMarginRate", id, "maintenanceMarginRate"),
                        funding(p, id),
                        interval);
            }
            default ->
                throw new BookFormatException(
                        id, "type", "unknown position type '" + type + "' (allowed: spot, option, perpetual)");
        };
    }

    private FundingModel funding(JsonNode p, String id) {
        if (p.has("fundingRate") && p.has("funding")) {
            throw new BookFormatException(id, "funding", "give either fundingRate or a funding model, not both");
        }
        if (p.has("funding")) {
            JsonNode f = p.get("funding");
            if (!f.isObject()) {
                throw new BookFormatException(id, "funding", "must be an object {model, base, sensitivity, cap}");
            }
            known(f, FUNDING_FIELDS, id, "funding.");
            String model = f.has("model") ? f.get("model").asText() : "spot-linked";
            if (!model.equals("spot-linked") && !model.equals("constant")) {
                throw new BookFormatException(
                        id, "funding.model", "unknown funding model '" + model + "' (allowed: constant, spot-linked)");
            }
            double base = number(f, "base", id, "funding.base");
            double sens = model.equals("constant") ? 0.0 : number(f, "sensitivity", id, "funding.sensitivity");
            double cap = f.has("cap") ? number(f, "cap", id, "funding.cap") : Double.POSITIVE_INFINITY;
            try {
                return new FundingModel(base, sens, cap);
            } catch (IllegalArgumentException e) {
                throw new BookFormatException(id, "funding", e.getMessage());
            }
        }
        double rate = p.has("fundingRate") ? number(p, "fundingRate", id, "fundingRate") : 0.0;
        if (Math.abs(rate) > 0.1) {
            throw new BookFormatException(
                    id, "fundingRate", "must be a decimal per interval within [-0.1, 0.1], got " + rate);
        }
        return FundingModel.constant(rate);
    }

    private static Settlement settlement(JsonNode p, String id) {
        String s = p.has("settlement") ? p.get("settlement").asText().toLowerCase(Locale.ROOT) : "linear";
        return switch (s) {
            case "linear" -> Settlement.LINEAR;
            case "inverse" -> Settlement.INVERSE;
            default ->
                throw new BookFormatException(
                        id, "settlement", "unknown settlement '" + s + "' (allowed: linear, inverse)");
        };
    }

    private static void known(JsonNode node, Set<String> allowed, String id, String prefix) {
        if (!node.isObject()) {
            throw new BookFormatException(
                    id, prefix.isEmpty() ? "(object)" : prefix.substring(0, prefix.length() - 1), "must be an object");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw new BookFormatException(
                        id,
                        prefix + f,
                        "unknown field (allowed: " + allowed.stream().sorted().toList() + ")");
            }
        }
    }

    private static JsonNode required(JsonNode node, String field, String id) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new BookFormatException(id, field, "is required");
        }
        return v;
    }

    private static String text(JsonNode node, String field, String id, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new BookFormatException(id, field, "is required");
            }
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new BookFormatException(id, field, "must be a non-blank string");
        }
        return v.asText();
    }

    private static double number(JsonNode node, String field, String id, String path) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new BookFormatException(id, path, "is required");
        }
        if (!v.isNumber()) {
            throw new BookFormatException(id, path, "must be a number, got " + v);
        }
        double d = v.asDouble();
        if (!Double.isFinite(d)) {
            throw new BookFormatException(id, path, "must be finite");
        }
        return d;
    }

    static Instant instant(JsonNode node, String field, String id) {
        String s = text(node, field, id, true);
        try {
            if (s.length() == 10) {
                return LocalDate.parse(s).atTime(8, 0).toInstant(ZoneOffset.UTC);
            }
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new BookFormatException(
                    id,
                    field,
                    "must be a date (2026-12-25, meaning 08:00 UTC) or an instant" + " (2026-12-25T08:00:00Z), got '"
                            + s + "'");
        }
    }
}
