package io.vaultrisk.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every client mistake is a 4xx application/problem+json naming the field or resource, never a 5xx or a trace. */
@QuarkusTest
@TestProfile(SharedProfile.class)
class ErrorsTest {

    @Test
    void post_malformedJson_400NamesPosition() {
        Api.as(Api.adminKey())
                .body("{\"address\": \"0x12")
                .post("/api/v1/vaults")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("title", equalTo("Invalid request"))
                .body("detail", containsString("end-of-input"))
                .body("instance", equalTo("/api/v1/vaults"));
        Api.as(Api.adminKey())
                .body("{not json")
                .post("/api/v1/vaults")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("malformed JSON at line 1"));
    }

    @Test
    void post_wrongType_400NamesField() {
        Api.as(Api.adminKey())
                .body("{\"address\":\"0x5FbDB2315678afecb367f032d93F642f64180aa3\",\"chainId\":\"abc\","
                        + "\"strategies\":[\"a\"]}")
                .post("/api/v1/vaults")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("chainId"))
                .body("detail", containsString("\"abc\" is not a integer"));
        Api.as(Api.adminKey())
                .body("{\"vault\":\"0x5FbDB2315678afecb367f032d93F642f64180aa3\",\"weights\":[0.5,\"x\"]}")
                .post("/api/v1/allocations")
                .then()
                .statusCode(400)
                .body("field", equalTo("weights[1]"));
        Api.as(Api.adminKey())
                .body("{\"book\":[1,2]}")
                .post("/api/v1/risk-runs")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("book"));
        Api.as(Api.adminKey())
                .body("{\"strategies\":\"a\"}")
                .post("/api/v1/vaults")
                .then()
                .statusCode(400)
                .body("field", equalTo("strategies"))
                .body("detail", containsString("expected array"));
    }

    @Test
    void post_unknownField_400NamesIt() {
        Api.as(Api.adminKey())
                .body("{\"adress\":\"0x5FbDB2315678afecb367f032d93F642f64180aa3\"}")
                .post("/api/v1/vaults")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("adress"))
                .body("detail", equalTo("unknown field 'adress'"));
    }

    @Test
    void post_emptyBody_400() {
        given().header("X-API-Key", Api.adminKey())
                .contentType(ContentType.JSON)
                .post("/api/v1/vaults")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void request_unknownRouteWrongMethodWrongMediaType_problemJson() {
        given().get("/api/v1/nowhere")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("instance", equalTo("/api/v1/nowhere"));
        given().header("X-API-Key", Api.adminKey())
                .delete("/api/v1/vaults")
                .then()
                .statusCode(405)
                .contentType("application/problem+json");
        given().header("X-API-Key", Api.adminKey())
                .contentType("text/plain")
                .body("x")
                .post("/api/v1/vaults")
                .then()
                .statusCode(415)
                .contentType("application/problem+json");
    }

    @Test
    void get_unknownIds_404NamesThem() {
        String risk = Api.newKey("risk");
        Api.as(risk)
                .get("/api/v1/risk-runs/123e4567-e89b-12d3-a456-426614174000")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("field", equalTo("id"));
        Api.as(risk).get("/api/v1/allocations/nope").then().statusCode(404).body("field", equalTo("id"));
        Api.as(risk).get("/api/v1/stress-reports/nope").then().statusCode(404).body("field", equalTo("id"));
        Api.as(risk)
                .get("/api/v1/vaults/" + Api.freshAddress())
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("field", equalTo("vault"));
    }

    @Test
    void get_badAddress_400NamesIt() {
        Api.as(Api.adminKey())
                .get("/api/v1/vaults/0x1234/allocation/latest")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("address"));
        // mixed case with a wrong EIP-55 checksum
        Api.as(Api.adminKey())
                .get("/api/v1/vaults/0x5fbDB2315678afecb367f032d93F642f64180aa3")
                .then()
                .statusCode(400)
                .body("detail", containsString("checksum"));
    }

    @Test
    void get_badQueryParameter_400NamesIt() {
        Api.as(Api.adminKey())
                .get("/api/v1/risk-runs?limit=0")
                .then()
                .statusCode(400)
                .body("field", equalTo("limit"));
        Api.as(Api.adminKey())
                .get("/api/v1/risk-runs?limit=abc")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("limit"));
    }

    @Test
    void register_badFields_400NamesEach() {
        String admin = Api.adminKey();
        Api.as(admin)
                .body(Map.of("address", Api.freshAddress(), "strategies", List.of()))
                .post("/api/v1/vaults")
                .then()
                .statusCode(400)
                .body("field", equalTo("strategies"));
        Api.as(admin)
                .body(Map.of("address", Api.freshAddress(), "strategies", List.of("a", "a")))
                .post("/api/v1/vaults")
                .then()
                .statusCode(400)
                .body("field", equalTo("strategies[1]"));
        Api.as(admin)
                .body(Map.of("address", Api.freshAddress(), "chainId", -1, "strategies", List.of("a")))
                .post("/api/v1/vaults")
                .then()
                .statusCode(400)
                .body("field", equalTo("chainId"));
        Api.as(admin)
                .body(Map.of("address", "vault-1", "strategies", List.of("a")))
                .post("/api/v1/vaults")
                .then()
                .statusCode(400)
                .body("field", equalTo("address"))
                .body("detail", not(containsString("Exception")));
    }
}
