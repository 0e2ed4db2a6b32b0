package io.vaultrisk.surface;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON of a calibration, the same for {@code vaultrisk surface --json} and {@code POST /surfaces}: model,
 * SSVI's global parameters, per expiry its parameters, fit quality and the strikes at {@link #DELTAS}, every quote
 * used, every row skipped and the arbitrage found. A delta whose strike the smile lacks gives null strike and vol.
 */
public final class SurfaceReportJson {
    /** Forward deltas reported per expiry: vaults pick strikes by delta. */
    public static final double[] DELTAS = {-0.10, -0.25, 0.25, 0.10};

    private SurfaceReportJson() {}

    public static ObjectNode toJson(SurfaceCalibration fit) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("model", fit.model().id());
        o.put("asOf", fit.asOf().toString());
        if (fit.model() == SurfaceModel.SSVI && !fit.expiries().isEmpty()) {
            Map<String, Double> p = fit.expiries().get(0).params();
            o.putObject("ssvi")
                    .put("rho", p.get("rho"))
                    .put("eta", p.get("eta"))
                    .put("gamma", p.get("gamma"))
                    .put("phi", "power-law: eta / (theta^gamma (1 + theta)^(1 - gamma))");
        }
        VolSurface surface = fit.surface();
        ArrayNode expiries = o.putArray("expiries");
        for (ExpiryFit e : fit.expiries()) {
            ObjectNode x = expiries.addObject();
            x.put("expiry", e.expiry().toString());
            x.put("T", e.timeToExpiry());
            x.put("forward", e.forward());
            ObjectNode params = x.putObject("params");
            for (Map.Entry<String, Double> p : e.params().entrySet()) {
                params.put(p.getKey(), p.getValue());
            }
            x.put("rmseVolPoints", e.rmseVolPoints());
            x.put("quotes", e.quotes());
            x.put("insideBidAsk", e.insideSpread());
            SmileSlice slice = surface.slice(e.expiry());
            x.put("atmVol", slice.vol(0.0));
            ArrayNode deltas = x.putArray("deltas");
            for (double d : DELTAS) {
                DeltaPoint q = DeltaPoint.on(surface, slice, d);
                ObjectNode row = deltas.addObject()
                        .put("delta", d)
                        .put("type", q.putCall().name().toLowerCase(Locale.ROOT));
                number(row, "strike", q.strike());
                number(row, "vol", q.vol());
            }
        }
        ArrayNode points = o.putArray("points");
        for (FittedPoint p : fit.points()) {
            ObjectNode x = points.addObject();
            x.put("instrument", p.instrument());
            x.put("expiry", p.expiry().toString());
            x.put("T", p.timeToExpiry());
            x.put("strike", p.strike());
            x.put("k", p.logMoneyness());
            x.put("type", p.putCall().name().toLowerCase(Locale.ROOT));
            x.put("marketVol", p.marketVol());
            number(x, "bidVol", p.bidVol());
            number(x, "askVol", p.askVol());
            x.put("fittedVol", p.fittedVol());
        }
        ArrayNode skipped = o.putArray("skipped");
        for (SkippedQuote s : fit.skipped()) {
            skipped.addObject().put("instrument", s.instrument()).put("reason", s.reason());
        }
        ObjectNode arbitrage = o.putObject("arbitrage");
        ArrayNode butterfly = arbitrage.putArray("butterfly");
        for (ButterflyViolation v : fit.arbitrage().butterfly()) {
            butterfly
                    .addObject()
                    .put("expiry", v.expiry().toString())
                    .put("T", v.timeToExpiry())
                    .put("fromK", v.fromK())
                    .put("toK", v.toK())
                    .put("k", v.worstK())
                    .put("g", v.worstG());
        }
        ArrayNode calendar = arbitrage.putArray("calendar");
        for (CalendarViolation v : fit.arbitrage().calendar()) {
            calendar.addObject()
                    .put("expiry", v.earlier().toString())
                    .put("laterExpiry", v.later().toString())
                    .put("fromK", v.fromK())
                    .put("toK", v.toK())
                    .put("k", v.worstK())
                    .put("decrease", v.decrease());
        }
        return o;
    }

    /**
     * The surface a report describes, read back from its JSON: per expiry the raw SVI slice ({@code params} a, b,
     * rho, m, sigma for SVI; {@code svi_a} … for SSVI), its T and forward. Throws {@link IllegalArgumentException}
     * naming the JSON path of a missing or bad entry.
     */
    public static VolSurface readSurface(JsonNode report) {
        String model = text(report, "model");
        boolean ssvi = model.equals(SurfaceModel.SSVI.id());
        if (!ssvi && !model.equals(SurfaceModel.SVI.id())) {
            throw new IllegalArgumentException("model: unknown surface model '" + model + "' (allowed: svi, ssvi)");
        }
        JsonNode expiries = report.get("expiries");
        if (expiries == null || !expiries.isArray() || expiries.isEmpty()) {
            throw new IllegalArgumentException("expiries: a surface needs at least one expiry");
        }
        String prefix = ssvi ? "svi_" : "";
        List<SmileSlice> slices = new ArrayList<>();
        for (int i = 0; i < expiries.size(); i++) {
            JsonNode e = expiries.get(i), params = e.get("params");
            String at = "expiries[" + i + "]";
            if (params == null || !params.isObject()) {
                throw new IllegalArgumentException(at + ".params: is required");
            }
            slices.add(SmileSlice.of(
                    Instant.parse(text(e, "expiry")),
                    number(e, "T", at),
                    number(e, "forward", at),
                    SviParameters.of(
                            number(params, prefix + "a", at + ".params"),
                            number(params, prefix + "b", at + ".params"),
                            number(params, prefix + "rho", at + ".params"),
                            number(params, prefix + "m", at + ".params"),
                            number(params, prefix + "sigma", at + ".params"))));
        }
        return VolSurface.of(model, slices);
    }

    /** SSVI's global parameters of a report, or null when the report's model is not SSVI. */
    public static SsviParameters readSsvi(JsonNode report) {
        JsonNode p = report.get("ssvi");
        if (!SurfaceModel.SSVI.id().equals(text(report, "model")) || p == null) {
            return null;
        }
        return SsviParameters.of(number(p, "rho", "ssvi"), number(p, "eta", "ssvi"), number(p, "gamma", "ssvi"));
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(field + ": is required (a string)");
        }
        return v.asText();
    }

    private static double number(JsonNode o, String field, String at) {
        JsonNode v = o.get(field);
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException(at + "." + field + ": is required (a number)");
        }
        return v.asDouble();
    }

    private static void number(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) {
            o.put(field, v);
        } else {
            o.putNull(field);
        }
    }
}
