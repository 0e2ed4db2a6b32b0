package io.vaultrisk.service;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Risk runs, surfaces and stress: request validation always; the compute step where its module is in the build. */
@QuarkusTest
@TestProfile(SharedProfile.class)
class ComputeTest {

    @Test
    void riskRun_badParameters_400NamesField() {
        String risk = Api.newKey("risk");
        Map<String, Object> book = Map.of("name", "b", "positions", List.of());
        Api.as(risk).body(Map.of()).post("/api/v1/risk-runs").then().statusCode(400).body("field", equalTo("book"));
        Api.as(risk).body(Map.of("book", book, "paths", 5)).post("/api/v1/risk-runs").then().statusCode(400)
                .body("field", equalTo("paths"));
        Api.as(risk).body(Map.of("book", book, "confidence", List.of(0.95, 1.5))).post("/api/v1/risk-runs").then()
                .statusCode(400).body("field", equalTo("confidence[1]"));
        Api.as(risk).body(Map.of("book", book, "horizonDays", List.of(0))).post("/api/v1/risk-runs").then()
                .statusCode(400).body("field", equalTo("horizonDays[0]"));
        Api.as(risk).body("{\"book\":{},\"paths\":\"many\"}").post("/api/v1/risk-runs").then().statusCode(400)
                .body("field", equalTo("paths"));
    }

    @Test
    void surface_badChain_400NamesField() {
        String risk = Api.newKey("risk");
        Api.as(risk).body(Map.of("chain", Map.of("x", 1))).post("/api/v1/surfaces").then().statusCode(400)
                .body("field", equalTo("chain"));
        Api.as(risk).body(Map.of("chain", List.of())).post("/api/v1/surfaces").then().statusCode(400)
                .body("field", equalTo("chain")).body("detail", containsString("no rows"));
        Api.as(risk).body(Map.of("chain", List.of(Map.of("instrument_name", "BTC-27NOV26-62500-C")), "model", "sabr"))
                .post("/api/v1/surfaces").then().statusCode(400).body("field", equalTo("model"));
    }

    @Test
    void stress_listEmptyAndUnknownVault() {
        String risk = Api.newKey("risk");
        Api.as(risk).get("/api/v1/stress-reports").then().statusCode(200);
        Api.as(risk).get("/api/v1/stress-reports?limit=x").then().statusCode(400).body("field", equalTo("limit"));
    }

    // Until the montecarlo risk engine, the surface fit and the allocator are in this build, their endpoints validate
    // the request and then answer 501 problem+json; these tests move to real runs as the modules land.
    @Test
    void computeWithoutModule_501ProblemJson() {
        String risk = Api.newKey("risk");
        Api.as(risk).body(Map.of("book", Map.of("name", "b", "positions", List.of()))).post("/api/v1/risk-runs").then()
                .statusCode(501).contentType("application/problem+json")
                .body("title", equalTo("Not available in this build"));
        Api.as(risk).body(Map.of("chain", List.of(Map.of("instrument_name", "BTC-27NOV26-62500-C")))).post("/api/v1/surfaces")
                .then().statusCode(501).contentType("application/problem+json");
        Api.as(risk).body(Map.of()).post("/api/v1/stress-reports").then().statusCode(501)
                .contentType("application/problem+json");
        String vault = Api.registerVault(Api.adminKey(), List.of("a", "b"));
        Api.as(risk).body(Map.of("vault", vault, "objective", "min-cvar", "scenarios",
                List.of(List.of(0.01, -0.02), List.of(0.03, 0.01)))).post("/api/v1/allocations").then().statusCode(501)
                .contentType("application/problem+json").body("detail", containsString("allocator"));
    }
}
