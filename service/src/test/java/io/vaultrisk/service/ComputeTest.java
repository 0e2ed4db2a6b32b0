package io.vaultrisk.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.math.BigInteger;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.utils.Numeric;

/** Risk runs, surfaces and stress: request validation always; the compute step where its module is in the build. */
@QuarkusTest
@TestProfile(SharedProfile.class)
class ComputeTest {

    @Test
    void riskRun_badParameters_400NamesField() {
        String risk = Api.newKey("risk");
        Map<String, Object> book = Map.of("name", "b", "positions", List.of());
        Api.as(risk)
                .body(Map.of())
                .post("/api/v1/risk-runs")
                .then()
                .statusCode(400)
                .body("field", equalTo("book"));
        Api.as(risk)
                .body(Map.of("book", book, "paths", 5))
                .post("/api/v1/risk-runs")
                .then()
                .statusCode(400)
                .body("field", equalTo("paths"));
        Api.as(risk)
                .body(Map.of("book", book, "confidence", List.of(0.95, 1.5)))
                .post("/api/v1/risk-runs")
                .then()
                .statusCode(400)
                .body("field", equalTo("confidence[1]"));
        Api.as(risk)
                .body(Map.of("book", book, "horizonDays", List.of(0)))
                .post("/api/v1/risk-runs")
                .then()
                .statusCode(400)
                .body("field", equalTo("horizonDays[0]"));
        Api.as(risk)
                .body("{\"book\":{},\"paths\":\"many\"}")
                .post("/api/v1/risk-runs")
                .then()
                .statusCode(400)
                .body("field", equalTo("paths"));
    }

    @Test
    void surface_badChain_400NamesField() {
        String risk = Api.newKey("risk");
        Api.as(risk)
                .body(Map.of("chain", Map.of("x", 1)))
                .post("/api/v1/surfaces")
                .then()
                .statusCode(400)
                .body("field", equalTo("chain"));
        Api.as(risk)
                .body(Map.of("chain", List.of()))
                .post("/api/v1/surfaces")
                .then()
                .statusCode(400)
                .body("field", equalTo("chain"))
                .body("detail", containsString("no rows"));
        Api.as(risk)
                .body(Map.of("chain", List.of(Map.of("instrument_name", "BTC-27NOV26-62500-C")), "model", "sabr"))
                .post("/api/v1/surfaces")
                .then()
                .statusCode(400)
                .body("field", equalTo("model"));
    }

    @Test
    void stress_badLimitOrUnknownVault_4xxNamesField() {
        String risk = Api.newKey("risk");
        Api.as(risk).get("/api/v1/stress-reports").then().statusCode(200).body("$", instanceOf(List.class));
        Api.as(risk)
                .get("/api/v1/stress-reports?limit=x")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("limit"));
        // a well-formed address that no vault was registered under: not found, naming the field and the address
        String unknown = Api.freshAddress();
        Api.as(risk)
                .body(Map.of("vault", unknown))
                .post("/api/v1/stress-reports")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("field", equalTo("vault"))
                .body("detail", containsStringIgnoringCase(unknown));
        // a malformed address in the body names the body's field, not the path parameter's
        Api.as(risk)
                .body(Map.of("vault", "0x1234"))
                .post("/api/v1/stress-reports")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("vault"));
    }

    @Test
    void optimisedAllocation_minVarianceOfUncorrelatedPair_inverseVarianceWeightsSigned() throws IOException {
        String risk = Api.newKey("risk");
        String vault = Api.registerVault(Api.adminKey(), List.of("a", "b"));
        // a = +-1 %, b = +-2 %, all four combinations: uncorrelated, variances 1e-4 and 4e-4, so the minimum-variance
        // weights are 4/5 and 1/5
        List<List<Double>> rows =
                List.of(List.of(0.01, 0.02), List.of(0.01, -0.02), List.of(-0.01, 0.02), List.of(-0.01, -0.02));
        io.restassured.response.Response accepted = Api.as(risk)
                .body(Map.of("vault", vault, "objective", "min-variance", "scenarios", rows))
                .post("/api/v1/allocations");
        accepted.then().statusCode(202);
        Api.awaitJob(risk, Api.path(accepted))
                .then()
                .body("status", equalTo("succeeded"))
                .body("result.allocation.weightsBps", equalTo(List.of(8000, 2000)))
                .body("result.allocation.nonce", equalTo(1))
                .body("result.optimizer.objective", equalTo("min-variance"))
                .body("result.optimizer.status", equalTo("optimal"));
        JsonPath latest = Api.as(Api.adminKey())
                .get("/api/v1/vaults/" + vault + "/allocation/latest")
                .then()
                .statusCode(200)
                .body("weightsBps", equalTo(List.of(8000, 2000)))
                .extract()
                .jsonPath();
        assertThat(recoverSigner(latest))
                .isEqualTo(given().get("/api/v1/signer")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("address"));
    }

    @Test
    void optimisedAllocation_infeasibleTarget_jobFailsWithReasonAndNothingPublished() {
        String risk = Api.newKey("risk");
        String vault = Api.registerVault(Api.adminKey(), List.of("a", "b"));
        List<List<Double>> rows = List.of(List.of(0.01, 0.02), List.of(-0.01, -0.02), List.of(0.0, 0.01));
        Api.awaitJob(
                        risk,
                        Api.path(Api.as(risk)
                                .body(Map.of(
                                        "vault",
                                        vault,
                                        "objective",
                                        "min-cvar",
                                        "scenarios",
                                        rows,
                                        "parameters",
                                        Map.of("targetReturn", 0.5)))
                                .post("/api/v1/allocations")))
                .then()
                .body("status", equalTo("failed"))
                .body("error", containsString("infeasible"));
        Api.as(risk)
                .get("/api/v1/vaults/" + vault + "/allocations")
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void optimisedAllocation_badObjectiveOrBook_400NamesField() {
        String risk = Api.newKey("risk");
        String vault = Api.registerVault(Api.adminKey(), List.of("a", "b"));
        List<List<Double>> rows = List.of(List.of(0.01, -0.02), List.of(0.03, 0.01));
        Api.as(risk)
                .body(Map.of("vault", vault, "objective", "max-fun", "scenarios", rows))
                .post("/api/v1/allocations")
                .then()
                .statusCode(400)
                .body("field", equalTo("objective"));
        Api.as(risk)
                .body(Map.of(
                        "vault", vault, "objective", "min-cvar", "scenarios", rows, "parameters", Map.of("beta", 1.5)))
                .post("/api/v1/allocations")
                .then()
                .statusCode(400)
                .body("field", equalTo("parameters.beta"));
        Api.as(risk)
                .body(Map.of("vault", vault, "objective", "max-return", "scenarios", rows))
                .post("/api/v1/allocations")
                .then()
                .statusCode(400)
                .body("field", equalTo("parameters.cvarLimit"));
        Api.as(risk)
                .body(Map.of("vault", vault, "objective", "min-cvar", "book", Map.of("name", "b")))
                .post("/api/v1/allocations")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("book"));
        // a valid book, but the vault's strategies "a" and "b" are not strategies the simulator knows
        Api.as(risk)
                .body("{\"vault\":\"" + vault + "\",\"objective\":\"min-cvar\",\"book\":" + BOOK + "}")
                .post("/api/v1/allocations")
                .then()
                .statusCode(400)
                .body("field", equalTo("vault.strategies"));
    }

    static final String BOOK =
            "{\"name\":\"v\",\"asOf\":\"2026-11-25T08:00:00Z\",\"market\":{\"rate\":0.0,\"underlyings\":{"
                    + "\"BTC\":{\"spot\":90000,\"vol\":0.6,\"drift\":0.1},\"ETH\":{\"spot\":3000,\"vol\":0.8,\"drift\":0.12}},"
                    + "\"correlations\":{\"BTC/ETH\":0.8}},\"positions\":[]}";

    /** Sleeves named as strategies are simulated from the book's market by the service itself, then optimised. */
    @Test
    void optimisedAllocation_fromBook_simulatesTheVaultsStrategiesAndSigns() throws IOException {
        String risk = Api.newKey("risk");
        String vault = Api.registerVault(Api.adminKey(), List.of("USDC", "WBTC", "covered-call:ETH:d0.20:14d"));
        io.restassured.response.Response accepted = Api.as(risk)
                .body("{\"vault\":\"" + vault
                        + "\",\"objective\":\"min-cvar\",\"book\":" + BOOK + ",\"parameters\":{\"paths\":2000,"
                        + "\"targetReturn\":0.006},\"constraints\":{\"maxWeight\":0.6}}")
                .post("/api/v1/allocations");
        accepted.then().statusCode(202);
        Api.awaitJob(risk, Api.path(accepted))
                .then()
                .body("status", equalTo("succeeded"))
                .body("result.optimizer.scenarios", equalTo(2000));
        JsonPath latest = Api.as(Api.adminKey())
                .get("/api/v1/vaults/" + vault + "/allocation/latest")
                .then()
                .statusCode(200)
                .body("weightsBps.size()", equalTo(3))
                .extract()
                .jsonPath();
        // signed with the book's spots: USDC at par, WBTC at BTC's 90,000, the ETH covered call at ETH's 3,000
        assertThat(latest.getList("referencePricesX18").stream().map(String::valueOf))
                .containsExactly("1" + "0".repeat(18), "90000" + "0".repeat(18), "3000" + "0".repeat(18));
        assertThat(latest.getString("referencePriceSource")).isEqualTo("book-spot");
        assertThat(latest.getList("weightsBps", Integer.class))
                .allSatisfy(w -> assertThat(w).isBetween(0, 6000))
                .satisfies(w ->
                        assertThat(w.stream().mapToInt(Integer::intValue).sum()).isEqualTo(10_000));
        assertThat(recoverSigner(latest))
                .isEqualTo(given().get("/api/v1/signer")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("address"));
    }

    /**
     * The address that signed this served allocation: its EIP-712 digest rebuilt from the served fields by web3j's
     * encoder (from the eth_signTypedData_v4 JSON written out here, not by the service's own hashing), then ecrecover.
     */
    static String recoverSigner(JsonPath a) throws IOException {
        String vault = a.getString("vault");
        String typedData = "{\"types\":{\"EIP712Domain\":[{\"name\":\"name\",\"type\":\"string\"},"
                + "{\"name\":\"version\",\"type\":\"string\"},{\"name\":\"chainId\",\"type\":\"uint256\"},"
                + "{\"name\":\"verifyingContract\",\"type\":\"address\"}],\"Allocation\":["
                + "{\"name\":\"vault\",\"type\":\"address\"},{\"name\":\"nonce\",\"type\":\"uint256\"},"
                + "{\"name\":\"validUntil\",\"type\":\"uint256\"},{\"name\":\"weightsBps\",\"type\":\"uint256[]\"},"
                + "{\"name\":\"referencePricesX18\",\"type\":\"uint256[]\"},"
                + "{\"name\":\"inputsHash\",\"type\":\"bytes32\"}]},"
                + "\"primaryType\":\"Allocation\",\"domain\":{\"name\":\"Vaultrisk\",\"version\":\"3\","
                + "\"chainId\":" + a.getLong("chainId") + ",\"verifyingContract\":\"" + vault + "\"},"
                + "\"message\":{\"vault\":\"" + vault + "\",\"nonce\":" + a.getLong("nonce") + ",\"validUntil\":"
                + a.getLong("validUntil") + ",\"weightsBps\":" + a.getList("weightsBps") + ",\"referencePricesX18\":"
                + a.getList("referencePricesX18").stream()
                        .map(String::valueOf)
                        .toList()
                        .toString()
                        .replace(" ", "")
                + ",\"inputsHash\":\"" + a.getString("inputsHash") + "\"}}";
        byte[] digest = new StructuredDataEncoder(typedData).hashStructuredData();
        assertThat(a.getString("digest")).isEqualTo(Numeric.toHexString(digest));
        byte[] sig = Numeric.hexStringToByteArray(a.getString("signature"));
        assertThat(sig).hasSize(65);
        try {
            BigInteger key = Sign.signedMessageHashToKey(
                    digest,
                    new Sign.SignatureData(sig[64], Arrays.copyOfRange(sig, 0, 32), Arrays.copyOfRange(sig, 32, 64)));
            return Keys.toChecksumAddress(Keys.getAddress(key));
        } catch (SignatureException e) {
            throw new AssertionError("signature does not recover: " + e.getMessage(), e);
        }
    }

    /** The example chain: synthetic quotes from a known SSVI surface (rho -0.22, eta 0.85, gamma 0.45) with noise. */
    static String sampleChain() throws java.io.IOException {
        return java.nio.file.Files.readString(java.nio.file.Path.of("../examples/chains/btc-sample.json"));
    }

    @Test
    void surface_sampleChain_recoversKnownSsviAndReportsSkippedRows() throws Exception {
        String risk = Api.newKey("risk");
        String chain = sampleChain();
        // one unusable row appended: it is skipped with its reason, the fit goes on
        String withBadRow =
                chain.replaceFirst("\\[\\s*\\{", "[{\"instrument_name\":\"BTC-XX-1-C\",\"creation_timestamp\":1},{");
        io.restassured.path.json.JsonPath fit = Api.as(risk)
                .body("{\"model\":\"ssvi\",\"chain\":" + withBadRow + "}")
                .post("/api/v1/surfaces")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .extract()
                .jsonPath();
        assertThat(fit.getString("model")).isEqualTo("ssvi");
        assertThat(fit.getList("expiries")).isNotEmpty();
        assertThat(fit.getDouble("expiries[0].params.rho")).isCloseTo(-0.22, org.assertj.core.data.Offset.offset(0.05));
        assertThat(fit.getDouble("expiries[0].params.eta")).isCloseTo(0.85, org.assertj.core.data.Offset.offset(0.2));
        assertThat(fit.getDouble("expiries[0].rmseVolPoints")).isLessThan(2.0);
        assertThat(fit.getList("points")).hasSizeGreaterThan(100);
        assertThat(fit.getList("skipped.instrument", String.class)).contains("BTC-XX-1-C");
        assertThat(fit.getMap("arbitrage")).containsKeys("butterfly", "calendar");
        Api.as(risk).get("/api/v1/surfaces/latest").then().statusCode(200).body("model", equalTo("ssvi"));
    }

    @Test
    void surface_notAChain_400NamesChain() {
        String risk = Api.newKey("risk");
        Api.as(risk)
                .body(Map.of("chain", List.of(Map.of("instrument_name", "BTC-27NOV26-62500-C"))))
                .post("/api/v1/surfaces")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("chain"));
    }
}
