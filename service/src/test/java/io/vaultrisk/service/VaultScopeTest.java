package io.vaultrisk.service;

import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A key scoped to vaults acts on those vaults only; the others are 403 naming {@code vault}. */
@QuarkusTest
@TestProfile(SharedProfile.class)
class VaultScopeTest {

    private static String scopedKey(String role, String vault) {
        return Api.as(Api.adminKey())
                .body(Map.of("name", "scoped", "roles", List.of(role), "vaults", List.of(vault)))
                .post("/api/v1/keys")
                .then()
                .statusCode(201)
                .body("vaults", equalTo(List.of(vault.toLowerCase(java.util.Locale.ROOT))))
                .extract()
                .path("key");
    }

    @Test
    void scopedKey_ownVault_allowed_otherVault_403NamingVault() {
        String admin = Api.adminKey();
        String mine = Api.registerVault(admin, List.of("a", "b"));
        String other = Api.registerVault(admin, List.of("a", "b"));
        String risk = scopedKey("risk", mine);
        String executor = scopedKey("executor", mine);

        String location = Api.path(Api.as(risk)
                .body(Map.of("vault", mine, "weightsBps", List.of(4000, 6000)))
                .post("/api/v1/allocations")
                .then()
                .statusCode(202)
                .extract()
                .response());
        Api.awaitJob(risk, location).then().body("status", equalTo("succeeded"));
        Api.as(executor)
                .get("/api/v1/vaults/" + mine + "/allocation/latest")
                .then()
                .statusCode(200);

        Api.as(risk)
                .body(Map.of("vault", other, "weightsBps", List.of(4000, 6000)))
                .post("/api/v1/allocations")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("field", equalTo("vault"));
        for (String read : List.of("/allocation/latest", "/allocations", "")) {
            Api.as(executor)
                    .get("/api/v1/vaults/" + other + read)
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json")
                    .body("field", equalTo("vault"));
        }
        Api.as(risk)
                .body(Map.of("vault", other))
                .post("/api/v1/stress-reports")
                .then()
                .statusCode(403)
                .body("field", equalTo("vault"));
        Api.as(risk)
                .body(Map.of())
                .post("/api/v1/stress-reports")
                .then()
                .statusCode(403)
                .body("field", equalTo("vault"));
        // an unscoped key still reaches every vault
        Api.as(admin).get("/api/v1/vaults/" + other + "/allocations").then().statusCode(200);
    }

    @Test
    void createKey_badVaultOrScopedAdmin_400NamingField() {
        Api.as(Api.adminKey())
                .body(Map.of("name", "x", "roles", List.of("risk"), "vaults", List.of("0x12")))
                .post("/api/v1/keys")
                .then()
                .statusCode(400)
                .body("field", equalTo("vaults[0]"));
        Api.as(Api.adminKey())
                .body(Map.of("name", "x", "roles", List.of("admin"), "vaults", List.of(Api.freshAddress())))
                .post("/api/v1/keys")
                .then()
                .statusCode(400)
                .body("field", equalTo("vaults"));
    }
}
