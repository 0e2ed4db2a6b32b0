package io.vaultrisk.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vaultrisk.protocol.Allocation;
import io.vaultrisk.protocol.AllocationTypedData;
import io.vaultrisk.service.db.Database;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.utils.Numeric;

@QuarkusTest
@TestProfile(SharedProfile.class)
class AllocationTest {
    @Inject
    Database db;

    private static final List<String> SLEEVES = List.of("stable", "btc-covered-call", "eth-put");

    private JsonPath publish(String risk, Map<String, Object> body) {
        Response accepted = Api.as(risk).body(body).post("/api/v1/allocations");
        accepted.then()
                .statusCode(202)
                .header("Location", containsString("/api/v1/allocations/"))
                .body("status", equalTo("queued"));
        Response done = Api.awaitJob(risk, Api.path(accepted));
        done.then().body("status", equalTo("succeeded")).body("progress", equalTo(1.0f));
        return done.jsonPath();
    }

    @Test
    void publish_givenWeights_signedLatestRecoversToServiceSigner() throws Exception {
        String admin = Api.adminKey();
        String vault = Api.registerVault(admin, SLEEVES);
        String risk = Api.newKey("risk");
        String executor = Api.newKey("executor");
        publish(risk, Map.of("vault", vault, "weights", List.of(0.5, 0.3333333, 0.1666667)));

        Response latest = Api.as(executor).get("/api/v1/vaults/" + vault + "/allocation/latest");
        latest.then()
                .statusCode(200)
                .contentType("application/json")
                .header("Cache-Control", containsString("no-cache"));
        JsonPath a = latest.jsonPath();
        assertThat(a.getString("vault")).isEqualTo(vault);
        assertThat(a.getLong("chainId")).isEqualTo(31337);
        assertThat(a.getLong("nonce")).isEqualTo(1);
        assertThat(a.getList("strategies", String.class)).isEqualTo(SLEEVES);
        // largest remainder: 5000 + 3333.333 + 1666.667 -> 5000, 3333, 1667
        assertThat(a.getList("weightsBps", Integer.class)).containsExactly(5000, 3333, 1667);
        assertThat(a.getLong("validUntil")).isGreaterThan(Instant.now().getEpochSecond());
        assertThat(a.getString("createdAt")).isNotBlank();

        List<Integer> bps = a.getList("weightsBps", Integer.class);
        // given weights have a receipt too (the request is its inputs): the signed hash is that receipt's
        String inputsHash = a.getString("inputsHash");
        assertThat(inputsHash).matches("0x[0-9a-f]{64}").isNotEqualTo(Allocation.NO_INPUTS);
        Allocation signed =
                Allocation.of(vault, 1, a.getLong("validUntil"), bps).withInputsHash(inputsHash);
        byte[] digest = AllocationTypedData.digest(31337, signed);
        assertThat(a.getString("digest")).isEqualTo(Numeric.toHexString(digest));
        // an independent encoder (web3j's, from the eth_signTypedData_v4 JSON) gives the same digest
        byte[] web3jDigest = new StructuredDataEncoder(AllocationTypedData.json(31337, signed)).hashStructuredData();
        assertThat(web3jDigest).isEqualTo(digest);

        byte[] sig = Numeric.hexStringToByteArray(a.getString("signature"));
        assertThat(sig).hasSize(65);
        assertThat((int) sig[64]).isIn(27, 28);
        BigInteger publicKey = Sign.signedMessageHashToKey(
                digest,
                new Sign.SignatureData(sig[64], Arrays.copyOfRange(sig, 0, 32), Arrays.copyOfRange(sig, 32, 64)));
        String recovered = Keys.toChecksumAddress(Keys.getAddress(publicKey));
        assertThat(recovered).isEqualTo(a.getString("signer"));
        given().get("/api/v1/signer").then().statusCode(200).body("address", equalTo(recovered));
    }

    @Test
    void receipt_publishedAllocation_inputsHashIsTheOneSignedAndHashesTheInputs() throws Exception {
        String admin = Api.adminKey();
        String vault = Api.registerVault(admin, SLEEVES);
        String risk = Api.newKey("risk");
        publish(risk, Map.of("vault", vault, "weightsBps", List.of(6000, 2000, 2000)));

        Response response = Api.as(risk).get("/api/v1/vaults/" + vault + "/allocations/1/receipt");
        response.then().statusCode(200);
        com.fasterxml.jackson.databind.JsonNode receipt =
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.asString());
        com.fasterxml.jackson.databind.JsonNode a = receipt.get("allocation");

        // SHA-256 of the inputs written with sorted keys and no whitespace, computed here from the served JSON
        com.fasterxml.jackson.databind.ObjectMapper sorted = new com.fasterxml.jackson.databind.ObjectMapper()
                .configure(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
        Object tree = sorted.treeToValue(receipt.get("inputs"), Object.class);
        String sha256 = "0x"
                + java.util.HexFormat.of()
                        .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                .digest(sorted.writeValueAsString(tree)
                                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(receipt.get("inputsHash").asText()).isEqualTo(sha256);
        assertThat(a.get("inputsHash").asText()).isEqualTo(sha256);
        assertThat(receipt.has("receiptSignature")).isFalse();
        // the allocation's own signature covers the hash: its digest with the hash recovers the service's signer
        Allocation signed = Allocation.of(vault, 1, a.get("validUntil").asLong(), List.of(6000, 2000, 2000))
                .withInputsHash(sha256);
        assertThat(a.get("digest").asText()).isEqualTo(Numeric.toHexString(AllocationTypedData.digest(31337, signed)));
        assertThat(a.get("digest").asText())
                .isNotEqualTo(Numeric.toHexString(
                        AllocationTypedData.digest(31337, signed.withInputsHash(Allocation.NO_INPUTS))));
        byte[] sig = Numeric.hexStringToByteArray(a.get("signature").asText());
        BigInteger publicKey = Sign.signedMessageHashToKey(
                AllocationTypedData.digest(31337, signed),
                new Sign.SignatureData(sig[64], Arrays.copyOfRange(sig, 0, 32), Arrays.copyOfRange(sig, 32, 64)));
        assertThat(Keys.toChecksumAddress(Keys.getAddress(publicKey)))
                .isEqualTo(given().get("/api/v1/signer").path("address"));
    }

    @Test
    void latest_ifNoneMatch_304ThenNewEtagAfterPublish() {
        String admin = Api.adminKey();
        String vault = Api.registerVault(admin, List.of("a", "b"));
        publish(admin, Map.of("vault", vault, "weightsBps", List.of(6000, 4000)));
        String etag = Api.as(admin)
                .get("/api/v1/vaults/" + vault + "/allocation/latest")
                .then()
                .statusCode(200)
                .extract()
                .header("ETag");
        assertThat(etag).startsWith("\"1-");
        given().header("X-API-Key", admin)
                .header("If-None-Match", etag)
                .get("/api/v1/vaults/" + vault + "/allocation/latest")
                .then()
                .statusCode(304)
                .header("ETag", etag);
        publish(admin, Map.of("vault", vault, "weightsBps", List.of(2500, 7500)));
        given().header("X-API-Key", admin)
                .header("If-None-Match", etag)
                .get("/api/v1/vaults/" + vault + "/allocation/latest")
                .then()
                .statusCode(200)
                .body("nonce", equalTo(2))
                .body("weightsBps", equalTo(List.of(2500, 7500)));
    }

    @Test
    void publish_manyTimes_noncesStrictlyIncreaseAndHistoryKeepsAll() {
        String admin = Api.adminKey();
        String vault = Api.registerVault(admin, List.of("a", "b"));
        for (int i = 0; i < 4; i++) {
            Api.as(admin)
                    .body(Map.of("vault", vault, "weightsBps", List.of(1000 * i, 10000 - 1000 * i)))
                    .post("/api/v1/allocations")
                    .then()
                    .statusCode(202);
        }
        List<Integer> nonces = Api.await(
                "four allocations of " + vault,
                () -> Api.as(admin)
                        .get("/api/v1/vaults/" + vault + "/allocations")
                        .jsonPath()
                        .<Integer>getList("nonce"),
                n -> n.size() >= 4);
        assertThat(nonces).containsExactly(4, 3, 2, 1);
    }

    @Test
    void database_rejectsDuplicateNonce() {
        String admin = Api.adminKey();
        String vault = Api.registerVault(admin, List.of("a", "b"));
        publish(admin, Map.of("vault", vault, "weightsBps", List.of(5000, 5000)));
        assertThat(org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, () -> {
                            try (Connection c = db.connection();
                                    PreparedStatement ps = c.prepareStatement(
                                            "INSERT INTO allocations("
                                                    + "vault, chain_id, nonce, valid_until, strategies, weights_bps, digest, signature, signer, "
                                                    + "created_at) VALUES (?, 31337, 1, 0, '[]', '[]', '0x', '0x', '0x', CURRENT_TIMESTAMP)")) {
                                ps.setString(1, vault.toLowerCase());
                                ps.executeUpdate();
                            }
                        })
                        .getMessage()
                        .toLowerCase())
                .contains("allocations_vault_nonce");
    }

    @Test
    void latest_noneOrUnknownVault_404() {
        String admin = Api.adminKey();
        String executor = Api.newKey("executor");
        String vault = Api.registerVault(admin, List.of("a"));
        Api.as(executor)
                .get("/api/v1/vaults/" + vault + "/allocation/latest")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("field", equalTo("allocation"));
        Api.as(executor)
                .get("/api/v1/vaults/" + Api.freshAddress() + "/allocation/latest")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("field", equalTo("vault"));
    }

    @Test
    void submit_badWeights_400NamesField() {
        String admin = Api.adminKey();
        String vault = Api.registerVault(admin, List.of("a", "b"));
        Api.as(admin)
                .body(Map.of("vault", vault, "weightsBps", List.of(6000, 3000)))
                .post("/api/v1/allocations")
                .then()
                .statusCode(400)
                .body("field", equalTo("weightsBps"))
                .body("detail", containsString("10000"));
        Api.as(admin)
                .body(Map.of("vault", vault, "weightsBps", List.of(10000)))
                .post("/api/v1/allocations")
                .then()
                .statusCode(400)
                .body("field", equalTo("weightsBps"));
        Api.as(admin)
                .body(Map.of("vault", vault, "weightsBps", List.of(-1, 10001)))
                .post("/api/v1/allocations")
                .then()
                .statusCode(400)
                .body("field", equalTo("weightsBps[0]"));
        Api.as(admin)
                .body(Map.of("vault", vault, "weights", List.of(0.7, 0.7)))
                .post("/api/v1/allocations")
                .then()
                .statusCode(400)
                .body("field", equalTo("weights"));
        // two alternatives: the second one is named, the one too many
        Api.as(admin)
                .body(Map.of("vault", vault, "weightsBps", List.of(5000, 5000), "book", Map.of()))
                .post("/api/v1/allocations")
                .then()
                .statusCode(400)
                .body("field", equalTo("book"));
        Api.as(admin)
                .body(Map.of("vault", vault))
                .post("/api/v1/allocations")
                .then()
                .statusCode(400)
                .body("detail", containsString("exactly one"));
        Api.as(admin)
                .body(Map.of("weights", List.of(1.0)))
                .post("/api/v1/allocations")
                .then()
                .statusCode(400)
                .body("field", equalTo("vault"));
        Api.as(admin)
                .body(Map.of("vault", Api.freshAddress(), "weights", List.of(1.0)))
                .post("/api/v1/allocations")
                .then()
                .statusCode(404)
                .body("field", equalTo("vault"));
        Api.as(admin)
                .body(Map.of("vault", vault, "objective", "min-cvar", "scenarios", List.of(List.of(0.1))))
                .post("/api/v1/allocations")
                .then()
                .statusCode(400)
                .body("field", equalTo("scenarios[0]"));
    }

    @Test
    void registerVault_twice_409() {
        String admin = Api.adminKey();
        String vault = Api.registerVault(admin, List.of("a"));
        Api.as(admin)
                .body(Map.of("address", vault.toLowerCase(), "strategies", List.of("a")))
                .post("/api/v1/vaults")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("field", equalTo("address"));
        Api.as(admin)
                .get("/api/v1/vaults/" + vault.toLowerCase())
                .then()
                .statusCode(200)
                .body("address", equalTo(vault))
                .body("strategies", equalTo(List.of("a")));
    }

    @Test
    void signerKey_ownerOnlyAndNeverServed() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Api.SHARED_DATA.resolve("signer.key"))))
                .isEqualTo("rw-------");
        String key = Files.readString(Api.SHARED_DATA.resolve("signer.key")).trim();
        assertThat(given().get("/api/v1/signer").asString()).doesNotContain(key);
        assertThat(given().get("/q/openapi").asString()).doesNotContain(key);
    }
}
