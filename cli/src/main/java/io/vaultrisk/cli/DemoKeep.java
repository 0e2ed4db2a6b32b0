package io.vaultrisk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * {@code vaultrisk demo --keep}: fills every dashboard panel the demo's own run left empty (a risk run and a stress
 * report of the demo vault's book, a surface fitted to the bundled sample chain, limits on the vault) and creates the
 * read-only key the dashboard is opened with. The allocations and, after {@code --scenario}, the loop's timeline are
 * the demo's own.
 */
final class DemoKeep {
    /** Paths of the dashboard's risk run: enough for a smooth histogram, seconds on two cores. */
    static final int RISK_PATHS = 5000;

    private DemoKeep() {}

    /** Service properties for a kept demo: the stress report of the vault's book at fewer paths than the nightly one. */
    static java.util.Map<String, String> serviceProperties() {
        return java.util.Map.of("vaultrisk.stress.paths", "5000");
    }

    /**
     * Populates the service for the dashboard and returns a new viewer-role key (reads the dashboard, changes nothing).
     * {@code book} is the vault's registered book; {@code setLimits} puts the demo's ES limit on the vault (the crash
     * demo has set them already).
     */
    static String populate(
            ServiceHttp http, String admin, String vault, JsonNode book, boolean setLimits, Consumer<String> step)
            throws Exception {
        String risk = key(http, admin, "demo-dashboard", "risk");
        step.accept("risk run of the vault's book (" + RISK_PATHS + " paths)");
        ObjectNode run = CliSupport.object().put("paths", RISK_PATHS).put("seed", 7);
        run.set("book", book);
        JsonNode job = http.post("/api/v1/risk-runs", risk, run);
        http.awaitJob("/api/v1/risk-runs/" + job.get("id").asText(), risk);

        step.accept("stress report of the vault's book (bundled historical scenarios and the risk matrix)");
        JsonNode stress =
                http.post("/api/v1/stress-reports", risk, CliSupport.object().put("vault", vault));
        http.awaitJob("/api/v1/stress-reports/" + stress.get("id").asText(), risk);

        Path chain = Repository.root().resolve("examples/chains/btc-sample.json");
        step.accept("surface fitted to " + Repository.root().relativize(chain) + " (synthetic sample chain)");
        JsonNode rows = CliSupport.JSON.readTree(Files.readString(chain));
        ObjectNode surface = CliSupport.object();
        surface.set("chain", rows);
        // the sample's own quote time: its expiries are then in the future, as they were when it was made
        surface.put("valuationTime", rows.path("usIn").asLong() / 1000);
        http.post("/api/v1/surfaces", risk, surface);

        if (setLimits) {
            step.accept("limits on the vault: ES99 1d <= 4% (evaluated at once, then on the monitor's schedule)");
            http.put(
                    "/api/v1/vaults/" + vault + "/limits",
                    risk,
                    CliSupport.object()
                            .put("confidence", 0.99)
                            .put("horizonDays", 1)
                            .put("es", CrashDemo.ES_LIMIT)
                            .put("paths", CrashDemo.EVALUATION_PATHS));
        }
        return key(http, admin, "demo-viewer", "viewer");
    }

    /** Blocks until the JVM is asked to stop (Ctrl-C); the shutdown hooks then stop the service and Anvil. */
    static void awaitInterrupt() throws InterruptedException {
        new java.util.concurrent.CountDownLatch(1).await();
    }

    private static String key(ServiceHttp http, String admin, String name, String role) throws Exception {
        ObjectNode r = CliSupport.object().put("name", name);
        r.putArray("roles").add(role);
        return http.post("/api/v1/keys", admin, r).get("key").asText();
    }
}
