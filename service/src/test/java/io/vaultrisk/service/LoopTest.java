package io.vaultrisk.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vaultrisk.protocol.AllocationTypedData;
import io.vaultrisk.service.db.Database;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.web3j.utils.Numeric;

/**
 * The closed loop on the service side (issue 18): price ticks in, limits watched, a breach publishes an urgent
 * allocation inside the limits, a regime switch re-optimises once, evaluations replay bit for bit, the allocation
 * stream, executor events. Each test uses its own asset names, since the market feed is the service's one.
 */
@QuarkusTest
@TestProfile(SharedProfile.class)
class LoopTest {
    private static final AtomicInteger ASSETS = new AtomicInteger();

    @Inject
    Database db;

    @TestHTTPResource("/")
    URL base;

    private static String freshAsset() {
        return "T" + Long.toString(System.nanoTime() % 1_000_000, 36).toUpperCase() + ASSETS.incrementAndGet();
    }

    /** A vault [USDC, spot:asset] whose book's market holds the asset at 100 with vol 60%. */
    private static String vault(String admin, String asset, List<String> strategies) {
        Map<String, Object> book = Map.of(
                "name",
                "loop-" + asset,
                "quoteCurrency",
                "USD",
                "asOf",
                "2026-11-25T08:00:00Z",
                "market",
                Map.of("rate", 0.0, "underlyings", Map.of(asset, Map.of("spot", 100, "vol", 0.6, "drift", 0.0))),
                "positions",
                List.of(Map.of("id", "s", "type", "spot", "underlying", asset, "quantity", 1)));
        return Api.as(admin)
                .body(Map.of("address", Api.freshAddress(), "chainId", 31337, "strategies", strategies, "book", book))
                .post("/api/v1/vaults")
                .then()
                .statusCode(201)
                .extract()
                .path("address");
    }

    private static void publish(String risk, String vault, List<Integer> bps) {
        Response r =
                Api.as(risk).body(Map.of("vault", vault, "weightsBps", bps)).post("/api/v1/allocations");
        r.then().statusCode(202);
        Api.awaitJob(risk, Api.path(r)).then().body("status", equalTo("succeeded"));
    }

    /** {@code n} hourly ticks from {@code start}, alternating ±{@code move} (log), from price {@code p0}. */
    private static double ticks(String risk, String asset, Instant start, int n, double p0, double move) {
        List<Map<String, Object>> prices = new ArrayList<>();
        double p = p0;
        for (int i = 0; i < n; i++) {
            p *= Math.exp(i % 2 == 0 ? move : -move);
            prices.add(Map.of(
                    "asset",
                    asset,
                    "price",
                    p,
                    "time",
                    start.plusSeconds(3600L * i).toString()));
        }
        Api.as(risk)
                .body(Map.of("prices", prices))
                .post("/api/v1/market/prices")
                .then()
                .statusCode(200);
        return p;
    }

    private static void tick(String risk, String asset, Instant at, double price) {
        Api.as(risk)
                .body(Map.of("prices", List.of(Map.of("asset", asset, "price", price, "time", at.toString()))))
                .post("/api/v1/market/prices")
                .then()
                .statusCode(200);
    }

    private static List<Map<String, Object>> history(String key, String vault) {
        return Api.as(key)
                .get("/api/v1/vaults/" + vault + "/allocations")
                .jsonPath()
                .getList("$");
    }

    private static List<Map<String, Object>> evaluations(String key, String vault) {
        return Api.as(key)
                .get("/api/v1/vaults/" + vault + "/limit-evaluations?limit=100")
                .jsonPath()
                .getList("$");
    }

    @Test
    void priceShock_breachesEs_oneUrgentSignedAllocationBackInsideAndReplayIsIdentical() throws Exception {
        String admin = Api.adminKey(), risk = Api.newKey("risk"), executor = Api.newKey("executor");
        String x = freshAsset();
        String vault = vault(admin, x, List.of("USDC", "spot:" + x));
        publish(risk, vault, List.of(5000, 5000));
        Instant t0 = Instant.parse("2020-03-01T00:00:00Z");
        // 30 calm hourly ticks (±0.5%: EWMA vol about 47%) seed the EWMA
        double p = ticks(risk, x, t0, 30, 100, 0.005);
        Api.as(risk)
                .body(Map.of("confidence", 0.99, "horizonDays", 1, "es", 0.05, "paths", 1000, "seed", 11))
                .put("/api/v1/vaults/" + vault + "/limits")
                .then()
                .statusCode(200)
                .body("es", equalTo(0.05f))
                .body("paths", equalTo(1000));
        Api.await("first evaluation", () -> evaluations(risk, vault), l -> l.size() == 1);
        JsonPath calm = Api.as(risk)
                .get("/api/v1/vaults/" + vault + "/limit-evaluations")
                .jsonPath();
        assertThat(calm.getBoolean("[0].breached")).isFalse();
        assertThat(calm.getDouble("[0].result.current.es")).isBetween(0.02, 0.05);
        assertThat(history(risk, vault)).hasSize(1);

        // a 15% fall in an hour: the EWMA vol jumps and ES99 1d of the 50% sleeve passes 5%
        tick(risk, x, t0.plusSeconds(3600L * 30), p * 0.85);
        List<Map<String, Object>> urgent = Api.await(
                "urgent allocation",
                () -> history(risk, vault).stream()
                        .filter(a -> Boolean.TRUE.equals(a.get("urgent")))
                        .toList(),
                l -> !l.isEmpty());
        assertThat(urgent).hasSize(1);
        String trigger = (String) urgent.get(0).get("trigger");
        assertThat(trigger).matches("breach: ES99 1d \\d+\\.\\d% > 5%.*");

        // the monitor publishes the urgent allocation first and stores its evaluation (which names the nonce) after
        Map<String, Object> breach = Api.await(
                        "breached evaluation stored",
                        () -> Api.as(risk)
                                .get("/api/v1/vaults/" + vault + "/limit-evaluations")
                                .jsonPath()
                                .getList("$", Map.class)
                                .stream()
                                .filter(ev -> Boolean.TRUE.equals(ev.get("breached")))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
        long id = ((Number) breach.get("id")).longValue();
        JsonPath e = Api.as(risk)
                .get("/api/v1/vaults/" + vault + "/limit-evaluations/" + id)
                .jsonPath();
        assertThat(e.getString("reason")).startsWith("price: " + x + " -15.0%");
        assertThat(e.getDouble("result.current.es")).isGreaterThan(0.05);
        assertThat(e.getDouble("result.derisk.after.es")).isLessThanOrEqualTo(0.05);
        assertThat(e.getList("result.derisk.after.breaches")).isEmpty();
        assertThat(e.getLong("nonce")).isEqualTo(((Number) urgent.get(0).get("nonce")).longValue());
        assertThat(e.getList("result.derisk.weightsBps", Integer.class))
                .isEqualTo(urgent.get(0).get("weightsBps"));
        // inputs carry what a replay needs: prices, vols, seed, paths, weights
        assertThat(e.getDouble("inputs.underlyings[0].spot"))
                .isEqualTo(p * 0.85, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(e.getString("inputs.underlyings[0].volSource")).isEqualTo("ewma");
        assertThat(e.getLong("inputs.limits.seed")).isEqualTo(11);
        assertThat(e.getString("inputs.weightsSource")).isEqualTo("published nonce 1");

        // the urgent allocation is signed by the service's key like any other
        JsonPath latestUrgent =
                Api.as(executor).get("/api/v1/vaults/" + vault + "/allocations").jsonPath();
        Map<String, Object> u = urgent.get(0);
        String signer = Api.as(executor).get("/api/v1/signer").path("address");
        io.vaultrisk.protocol.SignedAllocation signed = new io.vaultrisk.protocol.SignedAllocation(
                (String) u.get("vault"),
                ((Number) u.get("chainId")).longValue(),
                new java.math.BigInteger(u.get("nonce").toString()),
                new java.math.BigInteger(u.get("validUntil").toString()),
                null,
                latestUrgent.getList("find { it.urgent }.weightsBps", Integer.class),
                null,
                (String) u.get("signature"),
                null,
                null,
                ((List<?>) u.get("referencePricesX18"))
                        .stream()
                                .map(v -> new java.math.BigInteger(v.toString()))
                                .toList(),
                null);
        assertThat(signed.recoverSigner(31337)).isEqualToIgnoringCase(signer);
        // a de-risking allocation has no receipt: it signs bytes32(0) as its inputs hash
        assertThat(u.get("inputsHash")).isEqualTo(io.vaultrisk.protocol.Allocation.NO_INPUTS);
        // signed with the prices the evaluation saw: the stablecoin at par, x at its last tick (the 15% fall)
        assertThat(u.get("referencePriceSource")).isEqualTo("market-feed");
        assertThat(signed.referencePricesX18())
                .containsExactly(
                        java.math.BigInteger.TEN.pow(18),
                        java.math.BigDecimal.valueOf(p * 0.85)
                                .movePointRight(18)
                                .setScale(0, java.math.RoundingMode.HALF_EVEN)
                                .toBigIntegerExact());
        assertThat(AllocationTypedData.digest(31337, signed.allocation()))
                .isEqualTo(Numeric.hexStringToByteArray((String) u.get("digest")));

        // replay: the same numbers, bit for bit
        Response replayResponse = Api.as(risk).post("/api/v1/vaults/" + vault + "/limit-evaluations/" + id + "/replay");
        JsonPath replay = replayResponse.jsonPath();
        assertThat(replay.getBoolean("identical")).isTrue();
        com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode stored = m.readTree(Api.as(risk)
                        .get("/api/v1/vaults/" + vault + "/limit-evaluations/" + id)
                        .asString())
                .path("result");
        com.fasterxml.jackson.databind.JsonNode replayed =
                m.readTree(replayResponse.asString()).path("replayed");
        assertThat(replayed.path("current").path("es").doubleValue())
                .isEqualTo(stored.path("current").path("es").doubleValue());
        assertThat(replayed.path("derisk").path("fraction").doubleValue())
                .isEqualTo(stored.path("derisk").path("fraction").doubleValue());
        assertThat(replayed.path("current").path("es").doubleValue()).isGreaterThan(0.05);
        assertThat(replay.getList("replayed.derisk.weightsBps", Integer.class))
                .isEqualTo(e.getList("result.derisk.weightsBps", Integer.class));
    }

    @Test
    void vegaLimit_bookWithALongCall_vegaIsBlackScholesAndItsBreachPublishesAnUrgentAllocation() {
        String admin = Api.adminKey(), risk = Api.newKey("risk");
        String x = freshAsset();
        // 1 unit of x and 1 long 110 call expiring 30 days after the book's asOf
        Map<String, Object> book = Map.of(
                "name",
                "vega-" + x,
                "quoteCurrency",
                "USD",
                "asOf",
                "2026-11-25T08:00:00Z",
                "market",
                Map.of("rate", 0.0, "underlyings", Map.of(x, Map.of("spot", 100, "vol", 0.6, "drift", 0.0))),
                "positions",
                List.of(
                        Map.of("id", "s", "type", "spot", "underlying", x, "quantity", 1),
                        Map.of(
                                "id",
                                "c",
                                "type",
                                "option",
                                "underlying",
                                x,
                                "optionType",
                                "call",
                                "strike",
                                110,
                                "expiry",
                                "2026-12-25",
                                "settlement",
                                "linear",
                                "quantity",
                                1)));
        String vault = Api.as(admin)
                .body(Map.of(
                        "address",
                        Api.freshAddress(),
                        "chainId",
                        31337,
                        "strategies",
                        List.of("USDC", "spot:" + x),
                        "book",
                        book))
                .post("/api/v1/vaults")
                .then()
                .statusCode(201)
                .extract()
                .path("address");
        publish(risk, vault, List.of(5000, 5000));
        ticks(risk, x, Instant.parse("2024-03-01T00:00:00Z"), 30, 100, 0.005);
        Api.as(risk)
                .body(Map.of("vega", Map.of(x, 0.0002), "paths", 1000, "seed", 3))
                .put("/api/v1/vaults/" + vault + "/limits")
                .then()
                .statusCode(200)
                .body("vega." + x, equalTo(0.0002f));
        Api.await("first evaluation", () -> evaluations(risk, vault), l -> l.size() == 1);
        JsonPath e = Api.as(risk)
                .get("/api/v1/vaults/" + vault + "/limit-evaluations")
                .jsonPath();
        double spot = e.getDouble("[0].inputs.underlyings[0].spot");
        double vol = e.getDouble("[0].inputs.underlyings[0].vol");
        double t = 30 / 365.0;
        double d1 = (Math.log(spot / 110) + 0.5 * vol * vol * t) / (vol * Math.sqrt(t));
        double d2 = d1 - vol * Math.sqrt(t);
        double call = spot * phi(d1) - 110 * phi(d2);
        double vega = spot * Math.exp(-0.5 * d1 * d1) / Math.sqrt(2 * Math.PI) * Math.sqrt(t) / 100 / (spot + call);
        double reported = ((Number) ((Map<?, ?>) e.getMap("[0].result.current.vega")).get(x)).doubleValue();
        assertThat(reported)
                .isCloseTo(vega, org.assertj.core.data.Offset.offset(1e-6 * vega)); // floats via RestAssured
        assertThat(reported).isGreaterThan(0.0002); // so the limit is breached
        assertThat(e.getBoolean("[0].breached")).isTrue();
        List<Map<String, Object>> urgent = history(risk, vault).stream()
                .filter(a -> Boolean.TRUE.equals(a.get("urgent")))
                .toList();
        assertThat(urgent).hasSize(1);
        assertThat(urgent.get(0).get("trigger").toString()).startsWith("breach: vega " + x + " ");
        double after = ((Number) ((Map<?, ?>) e.getMap("[0].result.derisk.after.vega")).get(x)).doubleValue();
        assertThat(after).isLessThanOrEqualTo(0.0002);
        long id = e.getLong("[0].id");
        assertThat(Api.as(risk)
                        .post("/api/v1/vaults/" + vault + "/limit-evaluations/" + id + "/replay")
                        .jsonPath()
                        .getBoolean("identical"))
                .isTrue();
    }

    /** Φ by Abramowitz–Stegun 7.1.26 (error below 1.5e-7): independent of the engine's normal. */
    private static double phi(double x) {
        double z = Math.abs(x) / Math.sqrt(2), t = 1 / (1 + 0.3275911 * z);
        double erf = 1
                - t
                        * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
                        * Math.exp(-z * z);
        return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }

    private static com.fasterxml.jackson.databind.JsonNode exact(String body) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, Object> round(String asset, long roundId, String answer, long updatedAt) {
        return Map.of(
                "asset",
                asset,
                "roundId",
                Long.toString(roundId),
                "answer",
                answer,
                "decimals",
                8,
                "updatedAt",
                updatedAt);
    }

    @Test
    void feedRounds_fromAnExecutor_keyedByAssetAndARepeatedRoundIsIgnored() {
        String executor = Api.newKey("executor"), risk = Api.newKey("risk");
        String x = freshAsset();
        long t0 = Instant.parse("2025-05-01T00:00:00Z").getEpochSecond();
        com.fasterxml.jackson.databind.JsonNode first = exact(Api.as(executor)
                .body(Map.of("rounds", List.of(round(x, 7, "300012345678", t0))))
                .post("/api/v1/market/feed-rounds")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(first.path("accepted").asInt()).isEqualTo(1);
        assertThat(first.path("assets").path(x).path("price").doubleValue()).isEqualTo(3000.12345678);
        // the same round again (an executor retrying), and an older one: ignored, the price stays
        JsonPath again = Api.as(executor)
                .body(Map.of("rounds", List.of(round(x, 7, "290000000000", t0 + 60), round(x, 6, "1", t0 + 60))))
                .post("/api/v1/market/feed-rounds")
                .jsonPath();
        assertThat(again.getInt("accepted")).isZero();
        assertThat(again.getInt("ignored")).isEqualTo(2);
        com.fasterxml.jackson.databind.JsonNode market =
                exact(Api.as(risk).get("/api/v1/market").asString()).path(x);
        assertThat(market.path("price").doubleValue()).isEqualTo(3000.12345678);
        assertThat(market.path("roundId").asText()).isEqualTo("7");
        // the next round moves the market and counts as a return for the EWMA
        Api.as(executor)
                .body(Map.of("rounds", List.of(round(x, 8, "310000000000", t0 + 3600))))
                .post("/api/v1/market/feed-rounds")
                .then()
                .statusCode(200)
                .body("accepted", equalTo(1));
        market = exact(Api.as(risk).get("/api/v1/market").asString()).path(x);
        assertThat(market.path("price").doubleValue()).isEqualTo(3100.0);
        assertThat(market.path("returns").asInt()).isEqualTo(1);
        assertThat(Instant.parse(market.path("time").asText())).isEqualTo(Instant.ofEpochSecond(t0 + 3600));

        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("rounds[0].answer", round(x, 9, "-5", t0));
        bad.put("rounds[0].roundId", Map.of("asset", x, "roundId", "x", "answer", "1", "decimals", 8, "updatedAt", t0));
        bad.put("rounds[0].decimals", Map.of("asset", x, "roundId", "9", "answer", "1", "updatedAt", t0));
        bad.put("rounds[0].asset", round("bad asset", 9, "1", t0));
        bad.forEach((field, r) -> Api.as(executor)
                .body(Map.of("rounds", List.of(r)))
                .post("/api/v1/market/feed-rounds")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo(field)));
        Api.as(Api.newKey("viewer"))
                .body(Map.of("rounds", List.of(round(x, 10, "1", t0))))
                .post("/api/v1/market/feed-rounds")
                .then()
                .statusCode(403);
    }

    @Test
    void noBreach_shockInsideLooseLimits_evaluatedButNoUrgentAllocation() {
        String admin = Api.adminKey(), risk = Api.newKey("risk");
        String x = freshAsset();
        String vault = vault(admin, x, List.of("USDC", "spot:" + x));
        publish(risk, vault, List.of(5000, 5000));
        Instant t0 = Instant.parse("2021-01-01T00:00:00Z");
        double p = ticks(risk, x, t0, 30, 100, 0.005);
        Api.as(risk)
                .body(Map.of("es", 0.9, "maxDrawdown", 0.95))
                .put("/api/v1/vaults/" + vault + "/limits")
                .then()
                .statusCode(200);
        Api.await("first evaluation", () -> evaluations(risk, vault), l -> l.size() == 1);
        tick(risk, x, t0.plusSeconds(3600L * 30), p * 0.9);
        List<Map<String, Object>> evals =
                Api.await("price-triggered evaluation", () -> evaluations(risk, vault), l -> l.size() == 2);
        assertThat(evals.get(0).get("reason")).isEqualTo("price: " + x + " -10.0% since the last evaluation");
        assertThat(evals.get(0).get("breached")).isEqualTo(false);
        assertThat(evals.get(0).get("nonce")).isNull();
        assertThat(history(risk, vault)).noneMatch(a -> Boolean.TRUE.equals(a.get("urgent")));
        // the drawdown of the value index: half the vault fell 10%
        Map<String, Object> inputs = (Map<String, Object>) evals.get(0).get("inputs");
        assertThat(((Number) inputs.get("drawdown")).doubleValue())
                .isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-6)); // RestAssured reads floats
    }

    @Test
    void regimeChange_volatileTicks_reoptimisesOnceNotPerTick() {
        String admin = Api.adminKey(), risk = Api.newKey("risk");
        String x = freshAsset();
        String vault = vault(admin, x, List.of("USDC", "spot:" + x));
        publish(risk, vault, List.of(5000, 5000));
        Api.as(risk)
                .body(Map.of("es", 0.9))
                .put("/api/v1/vaults/" + vault + "/limits")
                .then()
                .statusCode(200);
        Instant t0 = Instant.parse("2022-06-01T00:00:00Z");
        double p = ticks(risk, x, t0, 30, 100, 0.005);
        // volatile ticks one request at a time: ±6% an hour, the EWMA vol passes 1.5× its long-run level
        for (int i = 0; i < 12; i++) {
            p *= Math.exp(i % 2 == 0 ? -0.06 : 0.06);
            tick(risk, x, t0.plusSeconds(3600L * (30 + i)), p);
        }
        JsonPath market = Api.as(risk).get("/api/v1/market").jsonPath();
        assertThat(market.getBoolean(x + ".highVol")).isTrue();
        Api.await(
                "regime allocation",
                () -> history(risk, vault).stream()
                        .filter(a -> a.get("trigger").toString().startsWith("regime: "))
                        .toList(),
                l -> l.size() == 1);
        Awaitility.await()
                .during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(5))
                .until(
                        () -> history(risk, vault).stream()
                                .filter(a -> a.get("trigger").toString().startsWith("regime: "))
                                .count(),
                        n -> n == 1);
        Map<String, Object> regime = history(risk, vault).stream()
                .filter(a -> a.get("trigger").toString().startsWith("regime: "))
                .findFirst()
                .orElseThrow();
        assertThat(regime.get("urgent")).isEqualTo(false);
        assertThat(regime.get("trigger").toString())
                .startsWith("regime: " + x + " vol ")
                .contains("high-vol regime");
    }

    @Test
    void stream_onConnectAndOnPublish_sendsTheLatestBodyWithUrgentAndTrigger() throws Exception {
        String admin = Api.adminKey(), risk = Api.newKey("risk"), executor = Api.newKey("executor");
        String vault = Api.registerVault(admin, List.of("USDC", "WETH"));
        publish(risk, vault, List.of(6000, 4000));
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpRequest req = HttpRequest.newBuilder(
                        URI.create(base.toString() + "api/v1/vaults/" + vault + "/allocations/stream"))
                .header("X-API-Key", executor)
                .header("Accept", "text/event-stream")
                .GET()
                .build();
        HttpClient client = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<Stream<String>>> open =
                client.sendAsync(req, HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> response = open.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        Thread reader = new Thread(() -> response.body().forEach(lines::add));
        reader.setDaemon(true);
        reader.start();
        Api.await("first event", () -> dataLines(lines), l -> l.size() == 1);
        JsonPath first = JsonPath.from(dataLines(lines).get(0));
        assertThat(first.getInt("nonce")).isEqualTo(1);
        assertThat(first.getBoolean("urgent")).isFalse();
        assertThat(first.getString("trigger")).isEqualTo("scheduled");
        assertThat(lines).anyMatch(l -> l.matches("event: ?allocation"));
        String latest = Api.as(executor)
                .get("/api/v1/vaults/" + vault + "/allocation/latest")
                .asString();
        assertThat(JsonPath.from(latest).getMap("$")).isEqualTo(first.getMap("$"));

        publish(risk, vault, List.of(7000, 3000));
        Api.await("second event", () -> dataLines(lines), l -> l.size() == 2);
        JsonPath second = JsonPath.from(dataLines(lines).get(1));
        assertThat(second.getInt("nonce")).isEqualTo(2);
        assertThat(second.getList("weightsBps", Integer.class)).containsExactly(7000, 3000);
        response.body().close();
    }

    private static List<String> dataLines(List<String> lines) {
        return lines.stream()
                .filter(l -> l.startsWith("data:"))
                .map(l -> l.substring(5).trim())
                .toList();
    }

    @Test
    void executorEvents_storedListedUsedAsHoldingsAndRefusalsOnTheDashboard() {
        String admin = Api.adminKey(), risk = Api.newKey("risk"), executor = Api.newKey("executor");
        String x = freshAsset();
        String vault = vault(admin, x, List.of("USDC", "spot:" + x));
        publish(risk, vault, List.of(5000, 5000));
        String path = "/api/v1/vaults/" + vault + "/executor-events";
        String tx = "0x" + "ab".repeat(32);
        // the hash the vault emitted in Rebalanced, as the executor read it from the log (any letter case)
        String emitted = "0x" + "C4".repeat(32);
        Api.as(executor)
                .body(Map.of(
                        "nonce",
                        "1",
                        "kind",
                        "executed",
                        "tx",
                        tx,
                        "block",
                        42,
                        "weightsBps",
                        List.of(5200, 4800),
                        "inputsHash",
                        emitted))
                .post(path)
                .then()
                .statusCode(201)
                .body("kind", equalTo("executed"))
                .body("block", equalTo(42))
                .body("inputsHash", equalTo(emitted.toLowerCase(java.util.Locale.ROOT)));
        Api.as(executor)
                .body(Map.of("nonce", "1", "kind", "refused", "reason", "feed stale: 930 s > 300 s"))
                .post(path)
                .then()
                .statusCode(201);
        Api.as(executor)
                .body(Map.of("nonce", "x1", "kind", "refused", "reason", "r"))
                .post(path)
                .then()
                .statusCode(400)
                .body("field", equalTo("nonce"));
        Api.as(executor)
                .body(Map.of("nonce", "1", "kind", "refused"))
                .post(path)
                .then()
                .statusCode(400)
                .body("field", equalTo("reason"));
        Api.as(executor)
                .body(Map.of("nonce", "1", "kind", "done"))
                .post(path)
                .then()
                .statusCode(400)
                .body("field", equalTo("kind"));
        Api.as(executor)
                .body(Map.of("nonce", "1", "kind", "executed", "tx", "0x12"))
                .post(path)
                .then()
                .statusCode(400)
                .body("field", equalTo("tx"));
        Api.as(executor)
                .body(Map.of("nonce", "1", "kind", "executed", "inputsHash", "0x" + "c4".repeat(31)))
                .post(path)
                .then()
                .statusCode(400)
                .body("field", equalTo("inputsHash"));
        Api.as(risk)
                .body(Map.of("nonce", "1", "kind", "executed"))
                .post(path)
                .then()
                .statusCode(403);

        List<Map<String, Object>> listed = Api.as(risk).get(path).jsonPath().getList("$");
        assertThat(listed).extracting(m -> m.get("kind")).containsExactly("refused", "executed");
        assertThat(listed).extracting(m -> m.get("inputsHash")).containsExactly(null, "0x" + "c4".repeat(32));
        assertThat(Api.as(risk).get(path + "?kind=refused").jsonPath().getList("$"))
                .hasSize(1);

        // the limit evaluation starts from what the executor says the vault holds
        tick(risk, x, Instant.parse("2023-01-01T00:00:00Z"), 100);
        Api.as(risk)
                .body(Map.of("es", 0.9))
                .put("/api/v1/vaults/" + vault + "/limits")
                .then()
                .statusCode(200);
        JsonPath e = Api.as(risk)
                .post("/api/v1/vaults/" + vault + "/limit-evaluations")
                .jsonPath();
        assertThat(e.getString("inputs.weightsSource")).isEqualTo("executor nonce 1");
        assertThat(e.getList("inputs.weights", Double.class)).containsExactly(0.52, 0.48);

        JsonPath dash = Api.as(risk).get("/api/v1/dashboard").jsonPath();
        List<Map<String, Object>> timeline = dash.getList("vaults.find { it.address == '" + vault + "' }.timeline");
        assertThat(timeline)
                .anySatisfy(t -> assertThat(t)
                        .containsEntry("kind", "refused")
                        .containsEntry("reason", "feed stale: 930 s > 300 s"));
        // the vault's limits as stored (defaults filled in), for the dashboard's line under its allocations
        assertThat(dash.getDouble("vaults.find { it.address == '" + vault + "' }.limits.es"))
                .isEqualTo(0.9);
        assertThat(dash.getInt("vaults.find { it.address == '" + vault + "' }.limits.paths"))
                .isEqualTo(1000);
    }

    @Test
    void putLimits_badValues_problemJsonNamingTheField() {
        String admin = Api.adminKey(), risk = Api.newKey("risk");
        String vault = vault(admin, freshAsset(), List.of("USDC", "WETH"));
        String path = "/api/v1/vaults/" + vault + "/limits";
        Map<String, Object> cases = new LinkedHashMap<>();
        cases.put("es", Map.of("es", -0.1));
        cases.put("confidence", Map.of("es", 0.1, "confidence", 1.0));
        cases.put("delta.ETH", Map.of("delta", Map.of("ETH", 0)));
        cases.put("paths", Map.of("es", 0.1, "paths", 10));
        cases.put("maxDrawdown", Map.of("maxDrawdown", 1.0));
        cases.put("var", Map.of());
        cases.forEach((field, body) -> Api.as(risk)
                .body(body)
                .put(path)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo(field)));
        cases.clear();
        cases.put("vega.ETH", Map.of("vega", Map.of("ETH", 0)));
        cases.put("liquidationProbability", Map.of("liquidationProbability", 1.0));
        cases.put("marginUse", Map.of("marginUse", -0.5));
        // the book limits need an underlying of the vault's book, and a book
        cases.put("vega.NOPE", Map.of("vega", Map.of("NOPE", 0.01)));
        cases.forEach((field, body) -> Api.as(risk)
                .body(body)
                .put(path)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo(field)));
        String bookless = Api.registerVault(admin, List.of("USDC", "WETH"));
        Api.as(risk)
                .body(Map.of("es", 0.1, "marginUse", 0.5))
                .put("/api/v1/vaults/" + bookless + "/limits")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("marginUse"));
        Api.as(risk).get(path).then().statusCode(404).body("field", equalTo("limits"));
        Api.as(risk)
                .body(Map.of("prices", List.of(Map.of("asset", "ETH", "price", -1))))
                .post("/api/v1/market/prices")
                .then()
                .statusCode(400)
                .body("field", equalTo("prices[0].price"));
    }

    @Test
    void storedAllocationsBeforeTheMigration_readBackScheduledAndNotUrgent() throws Exception {
        String admin = Api.adminKey(), risk = Api.newKey("risk");
        String vault = Api.registerVault(admin, List.of("USDC", "WETH"));
        // a row written as before V4: without the urgent and trigger columns
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO allocations(vault, chain_id, nonce, "
                        + "valid_until, strategies, weights_bps, digest, signature, signer, created_at) "
                        + "VALUES (?,?,?,?,?,?,?,?,?,?)")) {
            ps.setString(1, vault.toLowerCase());
            ps.setLong(2, 31337);
            ps.setLong(3, 1);
            ps.setLong(4, 4_000_000_000L);
            ps.setString(5, "[\"USDC\",\"WETH\"]");
            ps.setString(6, "[10000,0]");
            ps.setString(7, "0x" + "00".repeat(32));
            ps.setString(8, "0x" + "00".repeat(65));
            ps.setString(9, "0x0000000000000000000000000000000000000001");
            ps.setTimestamp(10, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        }
        Map<String, Object> a = history(risk, vault).get(0);
        assertThat(a)
                .containsEntry("urgent", false)
                .containsEntry("trigger", "scheduled")
                .containsEntry("nonce", 1);
    }

    @Test
    void evaluate_exampleVault1000Paths_underOneSecond() {
        String admin = Api.adminKey(), risk = Api.newKey("risk");
        Map<String, Object> book;
        try {
            book = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readValue(
                            java.nio.file.Path.of("../examples/books/eth-vault.json")
                                    .toFile(),
                            HashMap.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        List<String> sleeves = List.of("USDC", "WETH", "WBTC", "covered-call:ETH:d0.20:14d");
        String vault = Api.as(admin)
                .body(Map.of("address", Api.freshAddress(), "chainId", 31337, "strategies", sleeves, "book", book))
                .post("/api/v1/vaults")
                .then()
                .statusCode(201)
                .extract()
                .path("address");
        publish(risk, vault, List.of(4000, 2000, 2000, 2000));
        Api.as(risk)
                .body(Map.of("es", 0.9, "paths", 1000))
                .put("/api/v1/vaults/" + vault + "/limits")
                .then()
                .statusCode(200);
        Api.await("first evaluation", () -> evaluations(risk, vault), l -> l.size() == 1);
        double[] ms = new double[5];
        for (int i = 0; i < ms.length; i++) {
            ms[i] = Api.as(risk)
                    .post("/api/v1/vaults/" + vault + "/limit-evaluations")
                    .jsonPath()
                    .getDouble("result.elapsedMillis");
        }
        System.out.println("limit evaluation of the example vault (1,000 paths, 4 sleeves): "
                + java.util.Arrays.toString(ms) + " ms");
        assertThat(java.util.Arrays.stream(ms).min().orElseThrow()).isLessThan(1000);
    }
}
