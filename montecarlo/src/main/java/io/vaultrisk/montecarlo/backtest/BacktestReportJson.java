package io.vaultrisk.montecarlo.backtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vaultrisk.montecarlo.compute.BackendJson;
import java.util.Locale;

/** The one JSON writer of a {@link BacktestReport} ({@code vaultrisk backtest --json}). */
public final class BacktestReportJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private BacktestReportJson() {}

    public static ObjectNode toJson(BacktestReport r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("book", r.book());
        root.put("quoteCurrency", r.quoteCurrency());
        root.put("start", r.start().toString());
        root.put("end", r.end().toString());
        BacktestSpec s = r.spec();
        root.put("confidence", s.confidence());
        root.put("horizonDays", s.horizonDays());
        root.put("volModel", s.volModel().name().toLowerCase(Locale.ROOT));
        root.put("method", s.method().name().toLowerCase(Locale.ROOT));
        root.put("paths", s.paths());
        root.put("seed", s.seed());
        root.put("observations", r.observations());
        root.put("exceptions", r.exceptions());
        root.put("exceptionRate", r.exceptionRate());
        root.put("expectedRate", r.expectedRate());
        ObjectNode k = root.putObject("kupiec");
        k.put("statistic", r.kupiec().statistic());
        k.put("pValue", r.kupiec().pValue());
        ObjectNode c = root.putObject("christoffersen");
        c.put("statistic", r.christoffersen().statistic());
        c.put("pValue", r.christoffersen().pValue());
        root.put("trafficLight", r.trafficLight());
        root.put("elapsedMillis", r.elapsedMillis());
        BackendJson.put(root, r.backend(), r.device());
        ArrayNode notes = root.putArray("notes");
        r.notes().forEach(notes::add);
        ArrayNode days = root.putArray("days");
        for (BacktestReport.Day d : r.days()) {
            ObjectNode o = days.addObject();
            o.put("date", d.date().toString());
            o.put("value", d.value());
            o.put("var", d.var());
            o.put("pnl", d.pnl());
            o.put("exception", d.exception());
        }
        return root;
    }
}
