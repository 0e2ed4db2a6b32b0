package io.vaultrisk.service.surface;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vaultrisk.service.error.ProblemException;
import io.vaultrisk.surface.BookSummaryChainReader;
import io.vaultrisk.surface.ButterflyViolation;
import io.vaultrisk.surface.CalendarViolation;
import io.vaultrisk.surface.ChainFormatException;
import io.vaultrisk.surface.ExpiryFit;
import io.vaultrisk.surface.FittedPoint;
import io.vaultrisk.surface.OptionChain;
import io.vaultrisk.surface.PutCall;
import io.vaultrisk.surface.SkippedQuote;
import io.vaultrisk.surface.SmileSlice;
import io.vaultrisk.surface.SurfaceCalibration;
import io.vaultrisk.surface.SurfaceCalibrator;
import io.vaultrisk.surface.SurfaceModel;
import io.vaultrisk.surface.VolSurface;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Map;

/** {@link SurfaceFitterAdapter} on the surface module: the same reader, calibrator and JSON as {@code vaultrisk surface}. */
@ApplicationScoped
public class SurfaceModuleFitter implements SurfaceFitterAdapter {
    /** Forward deltas reported per expiry: vaults pick strikes by delta. */
    static final double[] DELTAS = {-0.10, -0.25, 0.25, 0.10};

    @Inject
    ObjectMapper json;

    @Override
    public JsonNode fit(SurfaceRequest request) {
        OptionChain chain;
        try {
            chain = BookSummaryChainReader.DEFAULT.parse(json.createObjectNode().set("result", request.chain())
                    .toString(), "request");
        } catch (ChainFormatException e) {
            throw ProblemException.badRequest("chain", e.getMessage());
        }
        SurfaceCalibration fit;
        try {
            fit = SurfaceCalibrator.DEFAULT.calibrate(chain, SurfaceModel.parse(request.model()));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("chain", e.getMessage());
        }
        return toJson(fit);
    }

    ObjectNode toJson(SurfaceCalibration fit) {
        ObjectNode o = json.createObjectNode();
        o.put("model", fit.model().id());
        o.put("asOf", fit.asOf().toString());
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
            SmileSlice slice = surface.slice(e.expiry());
            x.put("atmVol", slice.vol(0.0));
            ArrayNode deltas = x.putArray("deltas");
            for (double d : DELTAS) {
                PutCall pc = d < 0 ? PutCall.PUT : PutCall.CALL;
                double strike = surface.strikeForDelta(e.timeToExpiry(), d, pc);
                deltas.addObject().put("delta", d).put("type", pc.name().toLowerCase(Locale.ROOT))
                        .put("strike", strike).put("vol", slice.volAtStrike(strike));
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
            butterfly.addObject().put("expiry", v.expiry().toString()).put("T", v.timeToExpiry())
                    .put("fromK", v.fromK()).put("toK", v.toK()).put("k", v.worstK()).put("g", v.worstG());
        }
        ArrayNode calendar = arbitrage.putArray("calendar");
        for (CalendarViolation v : fit.arbitrage().calendar()) {
            calendar.addObject().put("expiry", v.earlier().toString()).put("laterExpiry", v.later().toString())
                    .put("fromK", v.fromK()).put("toK", v.toK()).put("k", v.worstK()).put("decrease", v.decrease());
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
