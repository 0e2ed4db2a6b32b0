package io.vaultrisk.montecarlo.risk;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vaultrisk.basics.YearFraction;
import io.vaultrisk.montecarlo.compute.BackendJson;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON form of a {@link RiskReport}, shared by the CLI and the service: per horizon "levels" keyed by
 * confidence ("0.95": {var, es, varCi, esCi, …}), the first horizon's levels and P&amp;L also at top level.
 * Non-finite numbers (a liquidation price that does not exist) are written as null.
 */
public final class RiskReportJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RiskReportJson() {}

    public static ObjectNode toJson(RiskReport r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("book", r.book());
        o.put("quoteCurrency", r.quoteCurrency());
        o.put("currency", r.currency());
        o.put("asOf", r.asOf());
        o.put("paths", r.paths());
        o.put("seed", r.seed());
        o.put("stepsPerDay", r.stepsPerDay());
        o.put("yearDays", YearFraction.DAYS_PER_YEAR);
        o.put("bookValue", r.bookValue());
        ObjectNode values = o.putObject("positionValues");
        r.positionValues().forEach(values::put);
        ObjectNode corr = o.putObject("correlation");
        corr.put("repaired", r.correlation().repaired());
        corr.put("maxRepair", r.correlation().maxRepair());
        ArrayNode m = corr.putArray("matrix");
        for (double[] row : r.correlation().used()) {
            ArrayNode a = m.addArray();
            for (double v : row) {
                a.add(v);
            }
        }
        RiskReport.HorizonRisk first = r.first();
        o.put("horizonDays", first.days());
        o.set("levels", levels(first));
        o.set("pnl", pnl(first.pnl()));
        ArrayNode hs = o.putArray("horizons");
        for (RiskReport.HorizonRisk h : r.horizons()) {
            ObjectNode x = hs.addObject();
            x.put("days", h.days());
            x.put("years", h.years());
            x.set("levels", levels(h));
            x.set("pnl", pnl(h.pnl()));
            x.set("pnlExplain", explain(h.explain()));
        }
        o.put("liquidationMonitoring", r.liquidationMonitoring());
        BackendJson.put(o, r.backend(), r.device());
        ArrayNode liq = o.putArray("liquidations");
        for (RiskReport.PerpetualRisk p : r.perpetuals()) {
            ObjectNode x = liq.addObject();
            x.put("id", p.id());
            x.put("underlying", p.underlying());
            x.put("settlement", p.settlement());
            x.put("side", p.side());
            number(x, "liquidationPrice", p.liquidationPrice());
            ObjectNode byH = x.putObject("horizons");
            for (RiskReport.LiquidationEstimate e : p.horizons()) {
                byH.putObject(Integer.toString(e.days()))
                        .put("probability", e.probability())
                        .put("stderr", e.stderr())
                        .put("meanFunding", e.meanFunding());
            }
        }
        ObjectNode g = o.putObject("greeks");
        for (RiskReport.UnderlyingGreeks x : r.greeks()) {
            g.putObject(x.underlying())
                    .put("spot", x.spot())
                    .put("deltaCoins", x.deltaCoins())
                    .put("deltaQuote", x.deltaQuote())
                    .put("gamma", x.gamma())
                    .put("gammaQuotePer1Pct", x.gammaQuotePer1Pct())
                    .put("vega", x.vega())
                    .put("vegaPerVolPoint", x.vegaPerVolPoint())
                    .put("vanna", x.vanna())
                    .put("volga", x.volga());
        }
        RiskReport.MarginReport mg = r.margin();
        ObjectNode margin = o.putObject("margin");
        margin.put("initialMargin", mg.initialMargin());
        margin.put("maintenanceMargin", mg.maintenanceMargin());
        margin.put("varEsInitial", mg.varEsInitial());
        margin.put("riskMatrixInitial", mg.riskMatrixInitial());
        margin.put("riskMatrixGrid", mg.riskMatrixGrid());
        number(margin, "worstSpotShock", mg.worstSpotShock());
        margin.put("worstVolShock", mg.worstVolShock());
        margin.put("maintenanceFraction", mg.maintenanceFraction());
        margin.put("perpetualIsolatedMargin", mg.perpetualIsolatedMargin());
        margin.put("perpetualMaintenance", mg.perpetualMaintenance());
        margin.put("method", mg.method());
        margin.put("currency", r.quoteCurrency());
        RiskReport.CalibratedParts cp = mg.calibrated();
        margin.put("model", cp == null ? "legacy" : cp.model());
        if (cp != null) {
            margin.putObject("parts")
                    .put("periodDays", cp.periodDays())
                    .put("confidence", cp.confidence())
                    .put("es", cp.es())
                    .put("riskMatrix", cp.riskMatrix())
                    .put("riskMatrixWorstMove", cp.riskMatrixWorstMove())
                    .put("core", cp.core())
                    .put("shortOptionCharge", cp.shortOptionCharge())
                    .put("tenorScaling", cp.tenorScaling());
        }
        o.put("esIntervalMethod", "asymptotic variance of the tail mean: (Var[L|L>=VaR] + a(ES-VaR)^2)/(n(1-a))");
        o.put("varIntervalMethod", "order statistics, binomial ranks n*a -/+ 1.96*sqrt(n*a*(1-a))");
        o.put("elapsedMillis", r.elapsedMillis());
        ArrayNode w = o.putArray("warnings");
        r.warnings().forEach(w::add);
        return o;
    }

    static ObjectNode levels(RiskReport.HorizonRisk h) {
        ObjectNode levels = JSON.createObjectNode();
        for (RiskReport.LevelRisk l : h.levels()) {
            TailMeasures t = l.measures();
            ObjectNode x = levels.putObject(key(t.confidence()));
            x.put("var", t.var());
            x.put("es", t.es());
            x.putArray("varCi").add(t.varLow()).add(t.varHigh());
            if (t.hasEsInterval()) {
                x.putArray("esCi").add(t.esLow()).add(t.esHigh());
                x.put("esStderr", t.esStderr());
            } else {
                // too few tail paths for the interval to mean anything (a warning says so)
                x.putNull("esCi");
                x.putNull("esStderr");
            }
            x.put("tailPaths", t.tailCount());
            x.put("varWindowPaths", 2 * l.window() + 1);
            ObjectNode c = x.putObject("contributions");
            for (RiskReport.Contribution k : l.contributions()) {
                c.putObject(k.id()).put("var", k.var()).put("es", k.es());
            }
        }
        return levels;
    }

    static ObjectNode explain(PnlExplain e) {
        ObjectNode o = JSON.createObjectNode();
        o.set("mean", terms(e.mean()));
        ObjectNode tail = terms(e.tail());
        tail.put("confidence", e.tailConfidence());
        tail.put("paths", e.tailPaths());
        o.set("tail", tail);
        o.put("note", e.note());
        return o;
    }

    static ObjectNode terms(PnlExplain.Terms t) {
        return JSON.createObjectNode()
                .put("delta", t.delta())
                .put("gamma", t.gamma())
                .put("vega", t.vega())
                .put("theta", t.theta())
                .put("funding", t.funding())
                .put("residual", t.residual())
                .put("total", t.total());
    }

    static ObjectNode pnl(RiskReport.PnlSummary p) {
        ObjectNode o = JSON.createObjectNode();
        o.put("mean", p.mean());
        o.put("stdev", p.stdev());
        o.put("skew", p.skew());
        o.put("min", p.min());
        o.put("max", p.max());
        ObjectNode q = o.putObject("quantiles");
        for (Map.Entry<String, Double> e : p.quantiles().entrySet()) {
            q.put(e.getKey(), e.getValue());
        }
        ObjectNode h = o.putObject("histogram");
        h.put("low", p.histogramLow());
        h.put("high", p.histogramHigh());
        h.put("below", p.below());
        h.put("above", p.above());
        ArrayNode counts = h.putArray("counts");
        for (long c : p.histogram()) {
            counts.add(c);
        }
        return o;
    }

    static String key(double confidence) {
        return String.format(Locale.ROOT, "%s", confidence);
    }

    static void number(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) {
            o.put(field, v);
        } else {
            o.putNull(field);
        }
    }
}
