package io.vaultrisk.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vaultrisk.protocol.AllocationTypedData;
import io.vaultrisk.protocol.ProtectionOrder;
import io.vaultrisk.protocol.ProtectionTypedData;
import io.vaultrisk.protocol.PutQuote;
import io.vaultrisk.service.allocation.Allocations;
import io.vaultrisk.service.signing.ReferencePrices;
import io.vaultrisk.service.vault.Vaults;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.utils.Numeric;

/**
 * Issue 18 item 4, the service's side: a vault registered with a protection venue gets a protection request with each
 * urgent allocation (on the stream too); the executor's quote is checked against what was asked and against the
 * service's own Black–Scholes price (an independent one here, from commons-math's normal CDF), and the Protection order
 * is signed by the risk signer over exactly that quote.
 */
@QuarkusTest
@TestProfile(SharedProfile.class)
class ProtectionOrderTest {
    private static final ECKeyPair QUOTER = Credentials.create(
                    "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d")
            .getEcKeyPair();
    private static final String QUOTER_ADDRESS = Credentials.create(QUOTER).getAddress();
    private static final String VENUE = "0x00000000000000000000000000000000000000aa";
    private static final String TOKEN = "0x00000000000000000000000000000000000000bb";
    private static final NormalDistribution N = new NormalDistribution();

    @Inject
    Allocations allocations;

    @Inject
    Vaults vaults;

    @TestHTTPResource("/")
    URL base;

    private static Map<String, Object> venue(double tolerance) {
        Map<String, Object> m = new HashMap<>();
        m.put("venue", VENUE);
        m.put("quoter", QUOTER_ADDRESS);
        m.put("sleeve", "WETH");
        m.put("asset", "PX" + System.nanoTime() % 100_000);
        m.put("token", TOKEN);
        m.put("tokenDecimals", 18);
        m.put("stableDecimals", 6);
        m.put("tenorDays", 7.0);
        m.put("moneyness", 0.9);
        m.put("coverage", 0.5);
        m.put("tolerance", tolerance);
        return m;
    }

    /** A vault [USDC, WETH] whose book holds the venue's asset at 2000 with vol 80%. */
    private static String register(String admin, Map<String, Object> protection) {
        String asset = protection == null ? "NOVENUE" : (String) protection.get("asset");
        Map<String, Object> book = Map.of(
                "name",
                "protect-" + asset,
                "quoteCurrency",
                "USD",
                "asOf",
                "2026-11-25T08:00:00Z",
                "market",
                Map.of("rate", 0.0, "underlyings", Map.of(asset, Map.of("spot", 2000, "vol", 0.8, "drift", 0.0))),
                "positions",
                List.of(Map.of("id", "s", "type", "spot", "underlying", asset, "quantity", 1)));
        Map<String, Object> body = new HashMap<>(Map.of(
                "address", Api.freshAddress(), "chainId", 31337, "strategies", List.of("USDC", "WETH"), "book", book));
        if (protection != null) {
            body.put("protection", protection);
        }
        return Api.as(admin)
                .body(body)
                .post("/api/v1/vaults")
                .then()
                .statusCode(201)
                .extract()
                .path("address");
    }

    private long urgent(String vault) {
        return allocations
                .publish(
                        vaults.require(vault),
                        List.of(8000, 2000),
                        null,
                        true,
                        "breach: ES99 1d 14.2% > 12%",
                        ReferencePrices.NONE)
                .allocation()
                .nonce()
                .longValueExact();
    }

    /** Black–Scholes put, zero rate, independent of the service's code. */
    private static double put(double s, double k, double t, double vol) {
        double d1 = (Math.log(s / k) + 0.5 * vol * vol * t) / (vol * Math.sqrt(t));
        double d2 = d1 - vol * Math.sqrt(t);
        return k * N.cumulativeProbability(-d2) - s * N.cumulativeProbability(-d1);
    }

    private record Quoted(PutQuote quote, String signature) {}

    private static Quoted quote(String vault, JsonPath req, BigInteger amount, double markup, ECKeyPair key) {
        long expiry = req.getLong("expiry");
        double years = (expiry - Instant.now().getEpochSecond()) / (365 * 86_400.0);
        double perUnit = put(2000, 1800, years, 0.8) * markup;
        BigInteger premium = new BigDecimal(perUnit)
                .multiply(new BigDecimal(amount))
                .movePointLeft(18)
                .movePointRight(6)
                .setScale(0, RoundingMode.CEILING)
                .toBigIntegerExact();
        PutQuote q = new PutQuote(
                vault,
                TOKEN,
                new BigInteger(req.getString("strike")),
                expiry,
                amount,
                premium,
                Instant.now().getEpochSecond() + 60,
                BigInteger.valueOf(System.nanoTime()));
        return new Quoted(q, Numeric.toHexString(ProtectionTypedData.signQuote(31337, VENUE, q, key)));
    }

    private static Map<String, Object> body(long allocationNonce, Quoted q, String balance) {
        PutQuote p = q.quote();
        Map<String, Object> quote = new HashMap<>();
        quote.put("buyer", p.buyer());
        quote.put("asset", p.asset());
        quote.put("strike", p.strike().toString());
        quote.put("expiry", p.expiry());
        quote.put("amount", p.amount().toString());
        quote.put("premium", p.premium().toString());
        quote.put("quoteExpiry", p.quoteExpiry());
        quote.put("nonce", p.nonce().toString());
        return Map.of(
                "allocationNonce",
                allocationNonce,
                "quote",
                quote,
                "quoteSignature",
                q.signature(),
                "sleeveBalance",
                balance);
    }

    private static final BigInteger TEN_TOKENS = BigInteger.TEN.pow(19);
    private static final BigInteger FIVE_TOKENS = TEN_TOKENS.shiftRight(1);

    @Test
    void urgentAllocation_quoteWithinTolerance_signedOrderOverExactlyThatQuote() {
        String admin = Api.adminKey(), executor = Api.newKey("executor"), risk = Api.newKey("risk");
        String vault = register(admin, venue(0.25));
        Api.as(risk)
                .get("/api/v1/vaults/" + vault + "/protection-venue")
                .then()
                .statusCode(200)
                .body("coverage", equalTo(0.5f));
        long nonce = urgent(vault);
        JsonPath req = Api.as(executor)
                .get("/api/v1/vaults/" + vault + "/protection-orders/request")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(req.getLong("allocationNonce")).isEqualTo(nonce);
        assertThat(req.getString("strike")).isEqualTo("1800000000"); // 0.9 × 2000 in 6-decimal units
        assertThat(req.getLong("expiry") - Instant.now().getEpochSecond()).isBetween(7 * 86_400L - 60, 7 * 86_400L);
        assertThat(req.getDouble("vol")).isEqualTo(0.8);
        assertThat(req.getString("volSource")).contains("book");
        assertThat(req.getString("trigger")).startsWith("breach:");

        Quoted q = quote(vault, req, FIVE_TOKENS, 1.05, QUOTER);
        JsonPath order = Api.as(executor)
                .body(body(nonce, q, TEN_TOKENS.toString()))
                .post("/api/v1/vaults/" + vault + "/protection-orders")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String signer = Api.as(risk).get("/api/v1/signer").jsonPath().getString("address");
        assertThat(order.getString("signer")).isEqualTo(signer);
        assertThat(order.getString("maxPremium")).isEqualTo(q.quote().premium().toString());
        byte[] quoteHash = ProtectionTypedData.quoteDigest(31337, VENUE, q.quote());
        assertThat(order.getString("quoteHash")).isEqualTo(Numeric.toHexString(quoteHash));
        ProtectionOrder signed = new ProtectionOrder(
                vault,
                order.getString("venue"),
                quoteHash,
                q.quote().premium(),
                order.getLong("nonce"),
                order.getLong("validUntil"));
        assertThat(AllocationTypedData.recoverSigner(
                        ProtectionTypedData.orderDigest(31337, signed),
                        Numeric.hexStringToByteArray(order.getString("signature"))))
                .isEqualToIgnoringCase(signer);
        assertThat(order.getLong("validUntil") - Instant.now().getEpochSecond()).isBetween(60L, 120L);
        // the service's price is the quoter's before its 5% markup (same vol, same model), to a stablecoin unit
        double service = new BigDecimal(order.getString("servicePremium")).doubleValue();
        assertThat(q.quote().premium().doubleValue() / service)
                .isCloseTo(1.05, org.assertj.core.api.Assertions.within(1e-3));

        // a second quote for the same urgent allocation (an executor restarted, say) gets no second order
        Api.as(executor)
                .body(body(nonce, quote(vault, req, FIVE_TOKENS, 1.05, QUOTER), TEN_TOKENS.toString()))
                .post("/api/v1/vaults/" + vault + "/protection-orders")
                .then()
                .statusCode(409)
                .body("field", equalTo("allocationNonce"));

        List<Map<String, Object>> listed = Api.as(risk)
                .get("/api/v1/vaults/" + vault + "/protection-orders")
                .jsonPath()
                .getList("$");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("allocationNonce")).isEqualTo((int) nonce);
        assertThat(listed.get(0).get("quoteHash")).isEqualTo(Numeric.toHexString(quoteHash));
        // the dashboard's loop timeline shows the signed order under the urgent allocation that asked for it
        List<Map<String, Object>> timeline = Api.as(risk)
                .get("/api/v1/dashboard")
                .jsonPath()
                .getList("vaults.find { it.address == '" + vault + "' }.timeline");
        assertThat(timeline).anySatisfy(t -> {
            assertThat(t.get("kind")).isEqualTo("put order");
            assertThat(t.get("nonce")).isEqualTo((int) nonce);
            assertThat((String) t.get("reason"))
                    .contains("premium ≤ " + q.quote().premium())
                    .contains("book vol");
        });
    }

    @Test
    void quoteAboveTolerance_is422NamingPremiumWithBothPrices_andNothingSigned() {
        String admin = Api.adminKey(), executor = Api.newKey("executor");
        String vault = register(admin, venue(0.25));
        long nonce = urgent(vault);
        JsonPath req = Api.as(executor)
                .get("/api/v1/vaults/" + vault + "/protection-orders/request")
                .jsonPath();
        Quoted dear = quote(vault, req, FIVE_TOKENS, 1.5, QUOTER);
        Api.as(executor)
                .body(body(nonce, dear, TEN_TOKENS.toString()))
                .post("/api/v1/vaults/" + vault + "/protection-orders")
                .then()
                .statusCode(422)
                .contentType(containsString("application/problem+json"))
                .body("field", equalTo("premium"))
                .body("detail", containsString("premium " + dear.quote().premium()))
                .body("detail", containsString("Black–Scholes price"))
                .body("detail", containsString("book vol"));
        assertThat(Api.as(executor)
                        .get("/api/v1/vaults/" + vault + "/protection-orders")
                        .jsonPath()
                        .getList("$"))
                .isEmpty();
    }

    @Test
    void quoteNotWhatWasAsked_is400NamingTheField() {
        String admin = Api.adminKey(), executor = Api.newKey("executor");
        String vault = register(admin, venue(0.25));
        long nonce = urgent(vault);
        JsonPath req = Api.as(executor)
                .get("/api/v1/vaults/" + vault + "/protection-orders/request")
                .jsonPath();
        String path = "/api/v1/vaults/" + vault + "/protection-orders";
        // signed by someone else than the venue's quoter
        ECKeyPair stranger = Credentials.create("0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a")
                .getEcKeyPair();
        Api.as(executor)
                .body(body(nonce, quote(vault, req, FIVE_TOKENS, 1.0, stranger), TEN_TOKENS.toString()))
                .post(path)
                .then()
                .statusCode(400)
                .body("field", equalTo("quoteSignature"));
        // more puts than the coverage of the sleeve
        Api.as(executor)
                .body(body(nonce, quote(vault, req, TEN_TOKENS, 1.0, QUOTER), TEN_TOKENS.toString()))
                .post(path)
                .then()
                .statusCode(400)
                .body("field", equalTo("quote.amount"));
        // another strike than asked
        Map<String, Object> other = new HashMap<>(req.getMap("$"));
        other.put("strike", "1700000000");
        Api.as(executor)
                .body(body(
                        nonce,
                        quote(vault, JsonPath.from(toJson(other)), FIVE_TOKENS, 1.0, QUOTER),
                        "10" + "000000000000000000"))
                .post(path)
                .then()
                .statusCode(400)
                .body("field", equalTo("quote.strike"));
        // an allocation that asked for nothing
        Api.as(executor)
                .body(body(nonce + 5, quote(vault, req, FIVE_TOKENS, 1.0, QUOTER), TEN_TOKENS.toString()))
                .post(path)
                .then()
                .statusCode(409)
                .body("field", equalTo("allocationNonce"));
        Api.as(Api.adminKey())
                .body(Map.of(
                        "address",
                        Api.freshAddress(),
                        "chainId",
                        31337,
                        "strategies",
                        List.of("USDC", "WETH"),
                        "protection",
                        Map.of("venue", VENUE)))
                .post("/api/v1/vaults")
                .then()
                .statusCode(400)
                .body("field", equalTo("protection.quoter"));
        Map<String, Object> bad = venue(0.25);
        bad.put("moneyness", 3.0);
        Response r = Api.as(Api.adminKey())
                .body(Map.of(
                        "address",
                        Api.freshAddress(),
                        "chainId",
                        31337,
                        "strategies",
                        List.of("USDC", "WETH"),
                        "protection",
                        bad))
                .post("/api/v1/vaults");
        r.then().statusCode(400).body("field", equalTo("protection.moneyness"));
    }

    private static String toJson(Map<String, Object> m) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(m);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void stream_urgentAllocationCarriesProtection_onlyWhereTheVaultHasAVenue() throws Exception {
        String admin = Api.adminKey(), executor = Api.newKey("executor");
        String with = register(admin, venue(0.25));
        String without = register(admin, null);
        List<String> withLines = follow(with, executor);
        List<String> withoutLines = follow(without, executor);
        urgent(with);
        urgent(without);
        Api.await(
                "urgent events",
                () -> data(withLines).size() + data(withoutLines).size(),
                n -> n == 2);
        JsonPath w = JsonPath.from(data(withLines).get(0));
        assertThat(w.getBoolean("urgent")).isTrue();
        assertThat(w.getString("protection.strike")).isEqualTo("1800000000");
        assertThat(w.getString("protection.venue")).isEqualToIgnoringCase(VENUE);
        assertThat(w.getDouble("protection.coverage")).isEqualTo(0.5);
        JsonPath wo = JsonPath.from(data(withoutLines).get(0));
        assertThat(wo.getBoolean("urgent")).isTrue();
        assertThat(wo.getMap("$")).doesNotContainKey("protection");
        Api.as(executor)
                .get("/api/v1/vaults/" + without + "/protection-orders/request")
                .then()
                .statusCode(404);
    }

    private List<String> follow(String vault, String key) throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpRequest req = HttpRequest.newBuilder(
                        URI.create(base.toString() + "api/v1/vaults/" + vault + "/allocations/stream"))
                .header("X-API-Key", key)
                .header("Accept", "text/event-stream")
                .GET()
                .build();
        CompletableFuture<HttpResponse<Stream<String>>> open =
                HttpClient.newHttpClient().sendAsync(req, HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> response = open.get(10, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        Thread reader = new Thread(() -> response.body().forEach(lines::add));
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static List<String> data(List<String> lines) {
        return lines.stream()
                .filter(l -> l.startsWith("data:"))
                .map(l -> l.substring(5).trim())
                .toList();
    }
}
