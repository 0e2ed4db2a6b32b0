package io.vaultrisk.montecarlo.vol;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The one JSON writer of a {@link VolReport} ({@code vaultrisk vol --json}). */
public final class VolReportJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private VolReportJson() {}

    public static ObjectNode toJson(VolReport r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("start", r.start().toString());
        root.put("end", r.end().toString());
        root.put("lambda", r.lambda());
        root.put("burnInDays", VolReport.BURN_IN);
        root.put(
                "note",
                "daily log returns, zero mean, 365-day annualisation; realised variance = the next day's "
                        + "squared return (closes only); GARCH and HAR fitted on the whole history (in-sample losses); "
                        + "GARCH standard errors assume Gaussian innovations");
        ArrayNode list = root.putArray("underlyings");
        for (VolReport.UnderlyingVol u : r.underlyings()) {
            ObjectNode o = list.addObject();
            o.put("name", u.name());
            o.put("returns", u.returns());
            Garch.Fit g = u.garch();
            ObjectNode gj = o.putObject("garch");
            gj.put("omega", g.omega());
            gj.put("alpha", g.alpha());
            gj.put("beta", g.beta());
            gj.put("omegaStderr", g.omegaStderr());
            gj.put("alphaStderr", g.alphaStderr());
            gj.put("betaStderr", g.betaStderr());
            gj.put("persistence", g.persistence());
            gj.put("longRunVol", VarianceForecast.annualise(g.longRunVariance()));
            gj.put("logLikelihood", g.logLikelihood());
            ObjectNode models = o.putObject("models");
            for (ForecastEvaluation e : u.evaluations()) {
                ObjectNode m = models.putObject(e.model());
                m.put("forecastVol", e.forecastVol());
                m.put("qlike", e.qlike());
                m.put("mse", e.mse());
                m.put("observations", e.observations());
            }
        }
        return root;
    }
}
