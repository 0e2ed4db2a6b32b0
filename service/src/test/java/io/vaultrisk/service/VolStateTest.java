package io.vaultrisk.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.vaultrisk.montecarlo.vol.OnlineEwma;
import io.vaultrisk.montecarlo.vol.OnlineGarch;
import io.vaultrisk.service.market.MarketDataFeed;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The service's vol state (issue 18): the online EWMA and GARCH survive a reload of the stored state (what a restart
 * does), a vault picks its vol model, and limits that scale with the regime change once at the regime's switch.
 */
@QuarkusTest
@TestProfile(SharedProfile.class)
class VolStateTest {
    private static final AtomicInteger ASSETS = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    MarketDataFeed feed;

    private static String freshAsset() {
        return "V" + Long.toString(System.nanoTime() % 1_000_000, 36).toUpperCase() + ASSETS.incrementAndGet();
    }

    private static void tick(String risk, String asset, Instant at, double price) {
        Api.as(risk)
                .body(Map.of("prices", List.of(Map.of("asset", asset, "price", price, "time", at.toString()))))
                .post("/api/v1/market/prices")
                .then()
                .statusCode(200);
    }

    /** A vault [USDC, spot:asset] whose book holds the asset at 100 with vol 60%. */
    private static String vault(String admin, String asset) {
        Map<String, Object> book = Map.of(
                "name",
                "vol-" + asset,
                "quoteCurrency",
                "USD",
                "asOf",
                "2026-11-25T08:00:00Z",
                "market",
                Map.of("rate", 0.0, "underlyings", Map.of(asset, Map.of("spot", 100, "vol", 0.6, "drift", 0.0))),
                "positions",
                List.of(Map.of("id", "s", "type", "spot", "underlying", asset, "quantity", 1)));
        String vault = Api.as(admin)
                .body(Map.of(
                        "address",
                        Api.freshAddress(),
                        "chainId",
                        31337,
                        "strategies",
                        List.of("USDC", "spot:" + asset),
                        "book",
                        book))
                .post("/api/v1/vaults")
                .then()
                .statusCode(201)
                .extract()
                .path("address");
        Response r = Api.as(Api.newKey("risk"))
                .body(Map.of("vault", vault, "weightsBps", List.of(5000, 5000)))
                .post("/api/v1/allocations");
        r.then().statusCode(202);
        return vault;
    }

    private static List<JsonNode> evaluations(String key, String vault) throws Exception {
        JsonNode all = JSON.readTree(Api.as(key)
                .get("/api/v1/vaults/" + vault + "/limit-evaluations?limit=1000")
                .asString());
        List<JsonNode> out = new ArrayList<>();
        all.forEach(out::add);
        java.util.Collections.reverse(out); // oldest first
        return out;
    }

    @Test
    void reload_storedState_resumesEwmaAndGarchBitForBit() {
        String risk = Api.newKey("risk");
        String x = freshAsset();
        Instant t0 = Instant.parse("2019-06-01T00:00:00Z");
        OnlineEwma fast = new OnlineEwma(0.94);
        OnlineGarch garch = new OnlineGarch(feed.garchParams());
        double p = 100;
        for (int i = 0; i < 41; i++) {
            double next = p * Math.exp(0.01 * Math.sin(1.7 * i));
            tick(risk, x, t0.plusSeconds(3600L * i), next);
            if (i > 0) {
                double r = Math.log(next / p) * Math.sqrt(24); // hourly ticks: daily-equivalent returns
                fast.add(r);
                garch.add(r);
            }
            p = next;
            if (i == 30) {
                MarketDataFeed.AssetView before = feed.snapshot().get(x);
                feed.reload(); // what a restart does: memory forgotten, the stored state loaded
                assertThat(feed.snapshot().get(x)).isEqualTo(before);
            }
        }
        MarketDataFeed.AssetView v = feed.snapshot().get(x);
        assertThat(v.returns()).isEqualTo(40);
        assertThat(v.vol()).isEqualTo(Math.sqrt(365 * fast.variance()));
        assertThat(v.garchVol()).isEqualTo(Math.sqrt(365 * garch.variance()));
        assertThat(v.garchVol()).isNotEqualTo(v.vol());
    }

    @Test
    void putLimits_volModelGarch_evaluationUsesTheGarchVolAndBadPolicyIs400() throws Exception {
        String admin = Api.adminKey(), risk = Api.newKey("risk");
        String x = freshAsset();
        String vault = vault(admin, x);
        Instant t0 = Instant.parse("2019-09-01T00:00:00Z");
        double p = 100;
        for (int i = 0; i < 30; i++) {
            p *= Math.exp(i % 2 == 0 ? 0.01 : -0.01);
            tick(risk, x, t0.plusSeconds(3600L * i), p);
        }
        String path = "/api/v1/vaults/" + vault + "/limits";
        Api.as(risk)
                .body(Map.of("es", 0.2, "volModel", "arch"))
                .put(path)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("volModel"));
        Api.as(risk)
                .body(Map.of("es", 0.2, "scaleWithRegime", Map.of("high", 0)))
                .put(path)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("scaleWithRegime.high"));
        Api.as(risk)
                .body(Map.of("delta", Map.of(x, 0.9), "scaleWithRegime", Map.of("high", 1.5)))
                .put(path)
                .then()
                .statusCode(400)
                .body("field", equalTo("scaleWithRegime"));
        Api.await(
                "allocation",
                () -> Api.as(risk)
                        .get("/api/v1/vaults/" + vault + "/allocations")
                        .jsonPath()
                        .getList("$"),
                l -> !l.isEmpty());
        Api.as(risk)
                .body(Map.of("es", 0.2, "volModel", "garch"))
                .put(path)
                .then()
                .statusCode(200)
                .body("volModel", equalTo("garch"));
        JsonNode e = JSON.readTree(Api.as(risk)
                .post("/api/v1/vaults/" + vault + "/limit-evaluations")
                .asString());
        JsonNode u = e.path("inputs").path("underlyings").get(0);
        assertThat(u.path("volSource").asText()).isEqualTo("garch");
        assertThat(u.path("vol").doubleValue()).isEqualTo(feed.snapshot().get(x).garchVol());
        assertThat(e.path("inputs").path("volModel").asText()).isEqualTo("garch");
    }

    @Test
    void regimeSwitch_limitsScaleWithRegime_effectiveLimitChangesOnceNotPerTick() throws Exception {
        String admin = Api.adminKey(), risk = Api.newKey("risk");
        String x = freshAsset();
        String vault = vault(admin, x);
        Instant t0 = Instant.parse("2019-12-01T00:00:00Z");
        double p = 100;
        for (int i = 0; i < 30; i++) {
            p *= Math.exp(i % 2 == 0 ? 0.005 : -0.005);
            tick(risk, x, t0.plusSeconds(3600L * i), p);
        }
        Api.await(
                "allocation",
                () -> Api.as(risk)
                        .get("/api/v1/vaults/" + vault + "/allocations")
                        .jsonPath()
                        .getList("$"),
                l -> !l.isEmpty());
        Api.as(risk)
                .body(Map.of("es", 0.8, "scaleWithRegime", Map.of("high", 1.25, "normal", 1.0)))
                .put("/api/v1/vaults/" + vault + "/limits")
                .then()
                .statusCode(200)
                .body("scaleWithRegime.high", equalTo(1.25f));
        Api.await("first evaluation", () -> evaluations(risk, vault), l -> l.size() == 1);
        // ±6% an hour, one tick a request: each is a 6% move (an evaluation), and the EWMA enters the high regime once
        for (int i = 0; i < 14; i++) {
            p *= Math.exp(i % 2 == 0 ? -0.06 : 0.06);
            tick(risk, x, t0.plusSeconds(3600L * (30 + i)), p);
            int ticks = i + 1;
            // each tick's evaluation done before the next tick, so every tick is seen
            Api.await("evaluation after tick " + ticks, () -> evaluations(risk, vault), l -> l.size() >= ticks + 1);
        }
        Awaitility.await()
                .pollDelay(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(10))
                .until(() -> feed.snapshot().get(x).highVol());
        List<JsonNode> evals = Api.await(
                "the evaluations to settle",
                () -> evaluations(risk, vault),
                l -> l.get(l.size() - 1)
                        .path("result")
                        .path("effectiveLimits")
                        .path("regime")
                        .asText()
                        .equals("high"));
        List<Double> es = new ArrayList<>();
        List<String> regimes = new ArrayList<>();
        for (JsonNode e : evals) {
            JsonNode eff = e.path("result").path("effectiveLimits");
            es.add(eff.path("es").doubleValue());
            regimes.add(eff.path("regime").asText());
        }
        System.out.println("effective ES limits over " + evals.size() + " evaluations: " + es);
        assertThat(evals.size()).isGreaterThanOrEqualTo(15);
        int switches = 0;
        for (int i = 1; i < es.size(); i++) {
            if (!es.get(i).equals(es.get(i - 1))) {
                switches++;
            }
        }
        assertThat(switches).as("the effective limit changes once").isEqualTo(1);
        assertThat(es.get(0)).isEqualTo(0.8);
        assertThat(es.get(es.size() - 1)).isEqualTo(0.8 * 1.25);
        assertThat(regimes.get(0)).isEqualTo("normal");
        JsonNode last = evals.get(evals.size() - 1).path("result").path("effectiveLimits");
        assertThat(last.path("factor").doubleValue()).isEqualTo(1.25);
        assertThat(last.path("why").asText())
                .startsWith("scaleWithRegime.high 1.25 × the policy's limits; high: " + x
                        + " in the high-vol regime (ewma)");
        // replay of the high-regime evaluation: the regime is an input, the numbers are the same
        long id = evals.get(evals.size() - 1).path("id").asLong();
        assertThat(Api.as(risk)
                        .post("/api/v1/vaults/" + vault + "/limit-evaluations/" + id + "/replay")
                        .jsonPath()
                        .getBoolean("identical"))
                .isTrue();
    }
}
