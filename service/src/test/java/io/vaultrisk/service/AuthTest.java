package io.vaultrisk.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vaultrisk.service.db.Database;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(SharedProfile.class)
class AuthTest {
    @Inject
    Database db;

    @Test
    void request_withoutKey_401ProblemJson() {
        given().get("/api/v1/risk-runs")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("X-API-Key"))
                .body("field", equalTo("X-API-Key"));
    }

    @Test
    void request_unknownKey_401() {
        given().header("X-API-Key", "vr_0123456789abcdef_notakey")
                .get("/api/v1/risk-runs")
                .then()
                .statusCode(401)
                .body("detail", containsString("unknown or revoked"));
        given().header("X-API-Key", "garbage").get("/api/v1/risk-runs").then().statusCode(401);
    }

    @Test
    void request_wrongSecretOfRealKeyId_401() {
        String key = Api.newKey("risk");
        String forged =
                key.substring(0, key.indexOf('_', "vr_".length()) + 1) + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        given().header("X-API-Key", forged).get("/api/v1/risk-runs").then().statusCode(401);
    }

    @Test
    void request_roleMissing_403() {
        String executor = Api.newKey("executor");
        Api.as(executor)
                .get("/api/v1/risk-runs")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("detail", containsString("risk"));
        Api.as(executor)
                .body(Map.of("name", "x", "roles", List.of("risk")))
                .post("/api/v1/keys")
                .then()
                .statusCode(403);
        String risk = Api.newKey("risk");
        Api.as(risk)
                .body(Map.of("address", Api.freshAddress(), "strategies", List.of("a")))
                .post("/api/v1/vaults")
                .then()
                .statusCode(403)
                .body("detail", containsString("admin"));
    }

    @Test
    void viewerKey_readsTheDashboardOnly() {
        String viewer = Api.newKey("viewer");
        Api.as(viewer).get("/api/v1/dashboard").then().statusCode(200).body("vaults", notNullValue());
        Api.as(viewer).get("/api/v1/risk-runs").then().statusCode(403);
        Api.as(viewer).get("/api/v1/vaults").then().statusCode(403);
        Api.as(viewer)
                .body(Map.of("prices", List.of(Map.of("asset", "BTC", "price", 1))))
                .post("/api/v1/market/prices")
                .then()
                .statusCode(403);
        Api.as(viewer)
                .body(Map.of("name", "x", "roles", List.of("admin")))
                .post("/api/v1/keys")
                .then()
                .statusCode(403);
    }

    @Test
    void adminKey_holdsEveryRole() {
        Api.as(Api.adminKey()).get("/api/v1/risk-runs").then().statusCode(200);
    }

    @Test
    void createKey_badRole_400NamesIt() {
        Api.as(Api.adminKey())
                .body(Map.of("name", "x", "roles", List.of("risk", "root")))
                .post("/api/v1/keys")
                .then()
                .statusCode(400)
                .body("field", equalTo("roles[1]"));
        Api.as(Api.adminKey())
                .body(Map.of("name", "x", "roles", List.of()))
                .post("/api/v1/keys")
                .then()
                .statusCode(400)
                .body("field", equalTo("roles"));
    }

    @Test
    void listKeys_neverShowsSecrets() {
        Api.newKey("risk");
        Api.as(Api.adminKey())
                .get("/api/v1/keys")
                .then()
                .statusCode(200)
                .body("key", hasItem(nullValue()))
                .body("name", hasItem("bootstrap-admin"));
        String body = Api.as(Api.adminKey()).get("/api/v1/keys").asString();
        assertThat(body).doesNotContain(Api.adminKey().substring(Api.adminKey().indexOf('_', "vr_".length()) + 1));
    }

    @Test
    void revokedKey_401() {
        String key = Api.newKey("risk");
        Api.as(key).get("/api/v1/risk-runs").then().statusCode(200);
        String id = key.split("_")[1];
        Api.as(Api.adminKey())
                .delete("/api/v1/keys/" + id)
                .then()
                .statusCode(200)
                .body("revoked", equalTo(true));
        Api.as(key).get("/api/v1/risk-runs").then().statusCode(401);
        Api.as(Api.adminKey()).delete("/api/v1/keys/ffffffffffffffff").then().statusCode(404);
    }

    @Test
    void storedKeys_areSaltedHashesNotTheKeys() throws Exception {
        String key = Api.newKey("executor");
        // vr_<hex id>_<secret>: the secret is base64url and may itself hold '_'
        String secret = key.substring(key.indexOf('_', "vr_".length()) + 1);
        assertThat(secret).hasSize(43);
        List<String> hashes = new ArrayList<>();
        try (Connection c = db.connection();
                ResultSet rs = c.createStatement().executeQuery("SELECT id, salt, hash FROM api_keys")) {
            while (rs.next()) {
                assertThat(rs.getString(2)).hasSize(32);
                assertThat(rs.getString(3)).hasSize(64).doesNotContain(secret);
                hashes.add(rs.getString(3));
            }
        }
        assertThat(hashes).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void bootstrapAdminKey_writtenOwnerOnly() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Api.SHARED_DATA.resolve("admin.key"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Api.SHARED_DATA.resolve("pepper.key"))))
                .isEqualTo("rw-------");
    }
}
