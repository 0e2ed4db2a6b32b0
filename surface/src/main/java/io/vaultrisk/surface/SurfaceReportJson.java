package io.vaultrisk.surface;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    private static void number(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) {
            o.put(field, v);
        } else {
            o.putNull(field);
        }
    }
}
