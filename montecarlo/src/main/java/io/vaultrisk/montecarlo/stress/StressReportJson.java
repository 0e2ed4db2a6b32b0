package io.vaultrisk.montecarlo.stress;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vaultrisk.montecarlo.compute.BackendJson;
import io.vaultrisk.montecarlo.risk.RiskMatrix;
import io.vaultrisk.montecarlo.risk.RiskReportJson;
import io.vaultrisk.montecarlo.risk.TenorVolShock;
import io.vaultrisk.montecarlo.risk.VolScaledRiskMatrix;

/** The JSON form of a {@link StressReport}. */
public final class StressReportJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StressReportJson() {}

    public static ObjectNode toJson(StressReport r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("book", r.book());
        o.put("quoteCurrency", r.quoteCurrency());
        o.put("bookValue", r.bookValue());
        BackendJson.put(o, r.simulation().backend(), r.simulation().device());
        RiskMatrix m = r.matrix();
        ObjectNode matrix = o.putObject("riskMatrix");
        matrix.put("description", "book P&L after joint instantaneous spot and relative vol shocks");
        ArrayNode spot = matrix.putArray("spotShocks");
        for (double s : m.spotShocks()) {
            spot.add(s);
        }
        ArrayNode vol = matrix.putArray("volShocks");
        for (double s : m.volShocks()) {
            vol.add(s);
        }
        ArrayNode pnl = matrix.putArray("pnl");
        for (double[] row : m.pnl()) {
            ArrayNode a = pnl.addArray();
            for (double v : row) {
                a.add(v);
            }
        }
        int[] w = m.worstCell();
        matrix.putObject("worst")
                .put("spotShock", m.spotShocks()[w[0]])
                .put("volShock", m.volShocks()[w[1]])
                .put("pnl", m.pnl()[w[0]][w[1]]);
        VolScaledRiskMatrix vm = r.volScaledMatrix();
        ObjectNode scaled = o.putObject("volScaledMatrix");
        scaled.put(
                "description",
                "book P&L after instantaneous per-underlying log-spot moves of z standard deviations over the period "
                        + "(joint rows) and spread moves of correlated pairs, x relative vol shocks at 30 days scaled by "
                        + "tenor as exchanges do: " + TenorVolShock.EXCHANGE.describe());
        scaled.put("periodYears", vm.periodYears());
        scaled.put("tenorScaling", TenorVolShock.EXCHANGE.describe());
        ArrayNode vs = scaled.putArray("volShocks");
        for (double v : vm.volShocks()) {
            vs.add(v);
        }
        ArrayNode rows = scaled.putArray("moves");
        for (int i = 0; i < vm.moves().size(); i++) {
            VolScaledRiskMatrix.Move mv = vm.moves().get(i);
            ObjectNode row = rows.addObject()
                    .put("label", mv.label())
                    .put("kind", mv.kind())
                    .put("z", mv.z());
            ArrayNode ret = row.putArray("returns");
            for (double x : mv.returns()) {
                ret.add(x);
            }
            ArrayNode p = row.putArray("pnl");
            for (double x : vm.pnl()[i]) {
                p.add(x);
            }
        }
        int[] vw = vm.worstCell();
        scaled.putObject("worst")
                .put("move", vm.moves().get(vw[0]).label())
                .put("volShock", vm.volShocks()[vw[1]])
                .put("pnl", vm.pnl()[vw[0]][vw[1]]);
        ArrayNode sc = o.putArray("scenarios");
        for (StressReport.ScenarioResult s : r.scenarios()) {
            ObjectNode x = sc.addObject();
            x.put("id", s.scenario().id());
            x.put("name", s.scenario().name());
            x.put("date", s.scenario().date());
            x.put("measure", s.scenario().measure());
            ObjectNode ret = x.putObject("returns");
            s.scenario().returns().forEach(ret::put);
            x.put("volShock", s.scenario().volShock());
            x.put("pnl", s.pnl());
            ObjectNode pp = x.putObject("positionPnl");
            s.positionPnl().forEach(pp::put);
            ArrayNode prox = x.putArray("proxied");
            s.proxied().forEach(prox::add);
            ObjectNode proxyReturns = x.putObject("proxyReturns");
            s.proxyReturns().forEach(proxyReturns::put);
            ArrayNode liq = x.putArray("liquidated");
            s.liquidated().forEach(liq::add);
            ArrayNode src = x.putArray("sources");
            for (Scenario.Source so : s.scenario().sources()) {
                src.addObject()
                        .put("underlying", so.underlying())
                        .put("figure", so.figure())
                        .put("url", so.url());
            }
        }
        o.set("simulation", RiskReportJson.toJson(r.simulation()));
        return o;
    }
}
