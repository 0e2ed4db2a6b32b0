package io.vaultrisk.montecarlo.book;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vaultrisk.basics.OptionType;
import io.vaultrisk.montecarlo.instrument.Settlement;
import io.vaultrisk.montecarlo.model.HestonModel;
import io.vaultrisk.montecarlo.model.MertonModel;
import io.vaultrisk.montecarlo.model.PricingModel;
import io.vaultrisk.surface.BookSummaryChainReader;
import io.vaultrisk.surface.SmileSlice;
import io.vaultrisk.surface.SsviParameters;
import io.vaultrisk.surface.SurfaceCalibration;
import io.vaultrisk.surface.SurfaceCalibrator;
import io.vaultrisk.surface.SurfaceModel;
import io.vaultrisk.surface.SurfaceReportJson;
import io.vaultrisk.surface.VolSurface;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
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
    private static final Set<String> MARKET_FIELDS =
            Set.of("rate", "underlyings", "correlations", "surfaces", "marketJump");
    private static final Set<String> UNDERLYING_FIELDS = Set.of(
            "spot",
            "vol",
            "drift",
            "model",
            "jumpIntensity",
            "jumpMean",
            "jumpVol",
            "v0",
            "kappa",
            "theta",
            "xi",
            "rho",
            "volDynamics");
    private static final Set<String> VOL_DYNAMICS_FIELDS =
            Set.of("volOfVol", "meanReversion", "spotCorrelation", "stickiness");
    private static final Set<String> SURFACE_FIELDS = Set.of("chain", "model", "file", "ssvi", "atmVols");
    private static final Set<String> SSVI_FIELDS = Set.of("rho", "eta", "gamma");
    private static final Set<String> MARKET_JUMP_FIELDS = Set.of("intensity", "sizes");
    private static final Set<String> JUMP_SIZE_FIELDS = Set.of("mean", "vol");
    /** The tenor at which a surface's ATM vol becomes the underlying's simulation vol when none is given. */
    public static final double DEFAULT_VOL_TENOR_YEARS = 30 / 365.0;

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

    /** Reads a book file; surface files it names are relative to the book's directory. */
    public Book read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read book " + file + ": " + e.getMessage(), e);
        }
        Path dir = file.toAbsolutePath().getParent();
        return fromTree(tree(text), dir == null ? Path.of("") : dir);
    }

    public Book parse(String json) {
        return fromTree(tree(json));
    }

    /** A book's JSON whose surface files are relative to {@code baseDir} (where {@link #read} would find them). */
    public Book parse(String json, Path baseDir) {
        return fromTree(tree(json), baseDir);
    }

    private static JsonNode tree(String json) {
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
        return root;
    }

    /** A book from its JSON tree; surface files it names are relative to the working directory. */
    public Book fromTree(JsonNode root) {
        return fromTree(root, Path.of(""));
    }

    private Book fromTree(JsonNode root, Path baseDir) {
        if (root == null || !root.isObject()) {
            throw new BookFormatException(null, "(json)", "a book is a JSON object");
        }
        known(root, BOOK_FIELDS, null, "");
        String name = text(root, "name", null, true);
        String quote = text(root, "quoteCurrency", null, false);
        Instant asOf = instant(root, "asOf", null);
        MarketData market = market(required(root, "market", null), asOf, baseDir);
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

    private MarketData market(JsonNode m, Instant asOf, Path baseDir) {
        known(m, MARKET_FIELDS, null, "market.");
        double rate = m.has("rate") ? number(m, "rate", null, "market.rate") : 0.0;
        JsonNode us = required(m, "underlyings", null);
        if (!us.isObject() || us.isEmpty()) {
            throw new BookFormatException(null, "market.underlyings", "must be an object of name -> {spot, vol}");
        }
        Map<String, JsonNode> surfaceSpecs = new HashMap<>();
        JsonNode ss = m.get("surfaces");
        if (ss != null) {
            if (!ss.isObject()) {
                throw new BookFormatException(null, "market.surfaces", "must be an object of underlying -> surface");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = ss.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!us.has(e.getKey())) {
                    throw new BookFormatException(
                            null,
                            "market.surfaces." + e.getKey(),
                            "a surface for an unknown underlying (known: " + iterable(us.fieldNames()) + ")");
                }
                surfaceSpecs.put(e.getKey(), e.getValue());
            }
        }
        List<Underlying> underlyings = new ArrayList<>();
        Map<String, Integer> index = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = us.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String f = "market.underlyings." + e.getKey();
            JsonNode u = e.getValue();
            known(u, UNDERLYING_FIELDS, null, f + ".");
            double spot = number(u, "spot", null, f + ".spot");
            double drift = u.has("drift") ? number(u, "drift", null, f + ".drift") : 0.0;
            if (!(spot > 0)) {
                throw new BookFormatException(null, f + ".spot", "must be positive, got " + spot);
            }
            ImpliedVolSurface surface = surfaceSpecs.containsKey(e.getKey())
                    ? surface(surfaceSpecs.get(e.getKey()), "market.surfaces." + e.getKey(), spot, rate, asOf, baseDir)
                    : null;
            double vol = surface != null && !u.has("vol")
                    ? surface.atmVol(DEFAULT_VOL_TENOR_YEARS)
                    : number(u, "vol", null, f + ".vol");
            if (!(vol > 0 && vol <= 10)) {
                throw new BookFormatException(null, f + ".vol", "must be in (0, 10] (decimal), got " + vol);
            }
            PricingModel model = model(u, f, vol);
            VolDynamics dynamics = u.has("volDynamics") ? volDynamics(u.get("volDynamics"), f + ".volDynamics") : null;
            try {
                underlyings.add(new Underlying(e.getKey(), spot, vol, drift, model, surface, dynamics));
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
        MarketJump jump = m.has("marketJump") ? marketJump(m.get("marketJump"), index) : MarketJump.NONE;
        return new MarketData(rate, underlyings, corr, jump);
    }

    private static String iterable(Iterator<String> names) {
        List<String> out = new ArrayList<>();
        names.forEachRemaining(out::add);
        return out.toString();
    }

    /** The spot's model: gbm (default), merton or heston, with the parameters `price` takes. */
    private static PricingModel model(JsonNode u, String f, double vol) {
        String model = u.has("model") ? text(u, "model", null, true).toLowerCase(Locale.ROOT) : "gbm";
        Set<String> merton = Set.of("jumpIntensity", "jumpMean", "jumpVol");
        Set<String> heston = Set.of("v0", "kappa", "theta", "xi", "rho");
        for (String p : merton) {
            if (u.has(p) && !model.equals("merton")) {
                throw new BookFormatException(null, f + "." + p, "is a Merton parameter; set \"model\": \"merton\"");
            }
        }
        for (String p : heston) {
            if (u.has(p) && !model.equals("heston")) {
                throw new BookFormatException(null, f + "." + p, "is a Heston parameter; set \"model\": \"heston\"");
            }
        }
        try {
            return switch (model) {
                case "gbm" -> null;
                case "merton" ->
                    MertonModel.of(
                            vol,
                            number(u, "jumpIntensity", null, f + ".jumpIntensity"),
                            number(u, "jumpMean", null, f + ".jumpMean"),
                            number(u, "jumpVol", null, f + ".jumpVol"));
                case "heston" ->
                    HestonModel.of(
                            number(u, "v0", null, f + ".v0"),
                            number(u, "kappa", null, f + ".kappa"),
                            number(u, "theta", null, f + ".theta"),
                            number(u, "xi", null, f + ".xi"),
                            number(u, "rho", null, f + ".rho"));
                default ->
                    throw new BookFormatException(
                            null, f + ".model", "unknown model '" + model + "' (allowed: gbm, merton, heston)");
            };
        } catch (BookFormatException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new BookFormatException(null, f + ".model", e.getMessage());
        }
    }

    private static VolDynamics volDynamics(JsonNode d, String f) {
        known(d, VOL_DYNAMICS_FIELDS, null, f + ".");
        String stickiness = d.has("stickiness") ? text(d, "stickiness", null, true) : "moneyness";
        if (!stickiness.equals("moneyness") && !stickiness.equals("strike")) {
            throw new BookFormatException(
                    null, f + ".stickiness", "unknown stickiness '" + stickiness + "' (allowed: moneyness, strike)");
        }
        try {
            return new VolDynamics(
                    number(d, "volOfVol", null, f + ".volOfVol"),
                    d.has("meanReversion") ? number(d, "meanReversion", null, f + ".meanReversion") : 0.0,
                    d.has("spotCorrelation") ? number(d, "spotCorrelation", null, f + ".spotCorrelation") : 0.0,
                    stickiness.equals("strike"));
        } catch (BookFormatException e) {
            throw new BookFormatException(
                    null, f + "." + e.field(), e.getMessage().replaceFirst("^field '[^']*': ", ""));
        }
    }

    private static MarketJump marketJump(JsonNode j, Map<String, Integer> index) {
        String f = "market.marketJump";
        known(j, MARKET_JUMP_FIELDS, null, f + ".");
        double intensity = number(j, "intensity", null, f + ".intensity");
        JsonNode sizes = required(j, "sizes", null);
        if (!sizes.isObject()) {
            throw new BookFormatException(null, f + ".sizes", "must be an object of underlying -> {mean, vol}");
        }
        double[] mean = new double[index.size()], vol = new double[index.size()];
        for (Iterator<Map.Entry<String, JsonNode>> it = sizes.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String g = f + ".sizes." + e.getKey();
            Integer u = index.get(e.getKey());
            if (u == null) {
                throw new BookFormatException(null, g, "unknown underlying (known: " + index.keySet() + ")");
            }
            known(e.getValue(), JUMP_SIZE_FIELDS, null, g + ".");
            mean[u] = number(e.getValue(), "mean", null, g + ".mean");
            vol[u] = e.getValue().has("vol") ? number(e.getValue(), "vol", null, g + ".vol") : 0.0;
            if (Math.abs(mean[u]) > 5) {
                throw new BookFormatException(null, g + ".mean", "must be a log jump in [-5, 5], got " + mean[u]);
            }
            if (!(vol[u] >= 0 && vol[u] <= 5)) {
                throw new BookFormatException(null, g + ".vol", "must be in [0, 5], got " + vol[u]);
            }
        }
        return new MarketJump(intensity, mean, vol);
    }

    /**
     * A surface given as a chain file in the exchange's book-summary layout ({@code chain}, fitted here with
     * {@code model}, default ssvi), a fitted surface JSON as {@code vaultrisk surface --json} writes it
     * ({@code file}), or SSVI parameters inline with the ATM vol per expiry ({@code ssvi} and {@code atmVols}).
     */
    private static ImpliedVolSurface surface(
            JsonNode s, String f, double spot, double rate, Instant asOf, Path baseDir) {
        known(s, SURFACE_FIELDS, null, f + ".");
        int given = (s.has("chain") ? 1 : 0) + (s.has("file") ? 1 : 0) + (s.has("ssvi") ? 1 : 0);
        if (given != 1) {
            throw new BookFormatException(null, f, "give exactly one of chain, file or ssvi");
        }
        if (s.has("chain")) {
            String file = text(s, "chain", null, true);
            String model = s.has("model") ? text(s, "model", null, true) : "ssvi";
            try {
                SurfaceCalibration fit = SurfaceCalibrator.DEFAULT.calibrate(
                        BookSummaryChainReader.DEFAULT.read(baseDir.resolve(file)), SurfaceModel.parse(model));
                SsviParameters ssvi = null;
                if (fit.model() == SurfaceModel.SSVI) {
                    Map<String, Double> p = fit.expiries().get(0).params();
                    ssvi = SsviParameters.of(p.get("rho"), p.get("eta"), p.get("gamma"));
                }
                return ImpliedVolSurface.of(
                        fit.surface(),
                        ssvi,
                        "chain " + file + " (" + fit.model().id() + ")");
            } catch (IllegalArgumentException e) {
                throw new BookFormatException(null, f + ".chain", e.getMessage());
            }
        }
        if (s.has("file")) {
            String file = text(s, "file", null, true);
            try {
                JsonNode report = JSON.readTree(Files.readString(baseDir.resolve(file)));
                return ImpliedVolSurface.of(
                        SurfaceReportJson.readSurface(report),
                        SurfaceReportJson.readSsvi(report),
                        "fitted surface " + file);
            } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
                throw new BookFormatException(null, f + ".file", "cannot read surface " + file + ": " + e.getMessage());
            }
        }
        JsonNode p = s.get("ssvi");
        known(p, SSVI_FIELDS, null, f + ".ssvi.");
        SsviParameters ssvi;
        try {
            ssvi = SsviParameters.of(
                    number(p, "rho", null, f + ".ssvi.rho"),
                    number(p, "eta", null, f + ".ssvi.eta"),
                    number(p, "gamma", null, f + ".ssvi.gamma"));
        } catch (BookFormatException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new BookFormatException(null, f + ".ssvi", e.getMessage());
        }
        JsonNode atm = required(s, "atmVols", null);
        if (!atm.isObject() || atm.isEmpty()) {
            throw new BookFormatException(null, f + ".atmVols", "must be an object of expiry -> ATM vol");
        }
        List<SmileSlice> slices = new ArrayList<>();
        double lastTheta = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = atm.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String g = f + ".atmVols." + e.getKey();
            Instant expiry = BookReader.instant(JSON.createObjectNode().put("expiry", e.getKey()), "expiry", null);
            double t = io.vaultrisk.basics.YearFraction.between(asOf, expiry);
            double vol = number(atm, e.getKey(), null, g);
            if (!(t > 0)) {
                throw new BookFormatException(null, g, "expiry must be after asOf");
            }
            if (!(vol > 0 && vol <= 10)) {
                throw new BookFormatException(null, g, "must be in (0, 10] (decimal), got " + vol);
            }
            double theta = vol * vol * t;
            if (theta < lastTheta) {
                throw new BookFormatException(
                        null,
                        g,
                        "ATM total variance must not fall with expiry (calendar arbitrage); list expiries in order");
            }
            lastTheta = theta;
            slices.add(SmileSlice.of(expiry, t, spot * Math.exp(rate * t), ssvi.slice(theta)));
        }
        try {
            return ImpliedVolSurface.of(VolSurface.of("ssvi", slices), ssvi, "inline ssvi");
        } catch (IllegalArgumentException e) {
            throw new BookFormatException(null, f + ".atmVols", e.getMessage());
        }
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
