package io.vaultrisk.montecarlo.stress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads scenario files: {"scenarios":[{id, name, date, measure, returns:{BTC:-0.3}, volShock, sources:[…]}]}. */
public final class ScenarioLibrary {
    public static final String BUNDLED = "/io/vaultrisk/stress/historical.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ScenarioLibrary() {}

    /** The historical crash days shipped with Vaultrisk. */
    public static List<Scenario> historical() {
        try (InputStream in = ScenarioLibrary.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("bundled scenarios " + BUNDLED + " missing from the classpath");
            }
            return parse(JSON.readTree(in), BUNDLED);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read bundled scenarios: " + e.getMessage(), e);
        }
    }

    public static List<Scenario> read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("scenarios " + file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(root, file.toString());
    }

    static List<Scenario> parse(JsonNode root, String where) {
        JsonNode list = root == null ? null : root.get("scenarios");
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException("scenarios " + where + ": field 'scenarios' must be an array");
        }
        List<Scenario> out = new ArrayList<>();
        for (JsonNode s : list) {
            String id = s.path("id").asText(null);
            Map<String, Double> returns = new LinkedHashMap<>();
            JsonNode r = s.get("returns");
            if (r == null || !r.isObject()) {
                throw new IllegalArgumentException("scenario '" + id + "': field 'returns' must be an object");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = r.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isNumber()) {
                    throw new IllegalArgumentException(
                            "scenario '" + id + "': field 'returns." + e.getKey() + "': must be a number");
                }
                returns.put(e.getKey(), e.getValue().asDouble());
            }
            List<Scenario.Source> sources = new ArrayList<>();
            for (JsonNode src : s.path("sources")) {
                sources.add(new Scenario.Source(
                        src.path("underlying").asText(null),
                        src.path("figure").asText(null),
                        src.path("url").asText(null)));
            }
            out.add(new Scenario(
                    id,
                    s.path("name").asText(null),
                    s.path("date").asText(null),
                    s.path("measure").asText(null),
                    returns,
                    s.path("volShock").asDouble(0.0),
                    sources));
        }
        return out;
    }
}
