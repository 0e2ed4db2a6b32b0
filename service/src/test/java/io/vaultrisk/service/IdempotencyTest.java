package io.vaultrisk.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A retried submission with the same Idempotency-Key gets the job the first one queued: one job, one signature. */
@QuarkusTest
@TestProfile(SharedProfile.class)
class IdempotencyTest {

    private static Response publish(String key, String idempotencyKey, Map<String, Object> body) {
        return Api.as(key).header("Idempotency-Key", idempotencyKey).body(body).post("/api/v1/allocations");
    }

    @Test
    void postAllocation_sameKeyTwice_oneJobOneSignature() {
        String admin = Api.adminKey();
        String risk = Api.newKey("risk");
        String vault = Api.registerVault(admin, List.of("a", "b"));
        String idem = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("vault", vault, "weightsBps", List.of(2500, 7500));

        Response first = publish(risk, idem, body);
        first.then().statusCode(202);
        Api.awaitJob(risk, Api.path(first)).then().body("status", equalTo("succeeded"));
        Response retry = publish(risk, idem, body);
        retry.then().statusCode(202).body("id", equalTo(first.path("id")));
        assertThat(Api.path(retry)).isEqualTo(Api.path(first));

        List<Object> history = Api.as(risk)
                .get("/api/v1/vaults/" + vault + "/allocations")
                .jsonPath()
                .getList("$");
        assertThat(history).hasSize(1);
        // without the key, the same body is a new job and a new signature
        Response fresh = Api.as(risk).body(body).post("/api/v1/allocations");
        assertThat((String) fresh.path("id")).isNotEqualTo(first.path("id"));
    }

    @Test
    void postAllocation_sameKeyOtherBody_422NamingHeader() {
        String admin = Api.adminKey();
        String risk = Api.newKey("risk");
        String vault = Api.registerVault(admin, List.of("a", "b"));
        String idem = UUID.randomUUID().toString();
        publish(risk, idem, Map.of("vault", vault, "weightsBps", List.of(2500, 7500)))
                .then()
                .statusCode(202);
        publish(risk, idem, Map.of("vault", vault, "weightsBps", List.of(5000, 5000)))
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("field", equalTo("Idempotency-Key"));
        // the key belongs to the API key that used it: another client's same key is its own
        publish(Api.newKey("risk"), idem, Map.of("vault", vault, "weightsBps", List.of(5000, 5000)))
                .then()
                .statusCode(202);
        publish(risk, "bad key", Map.of("vault", vault, "weightsBps", List.of(5000, 5000)))
                .then()
                .statusCode(400)
                .body("field", equalTo("Idempotency-Key"));
    }
}
