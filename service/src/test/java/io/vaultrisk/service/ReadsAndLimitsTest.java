package io.vaultrisk.service;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reads return summaries, not the stored inputs; a surface fit is bounded in size before it starts. */
@QuarkusTest
@TestProfile(SharedProfile.class)
class ReadsAndLimitsTest {
    @Test
    void jobRead_default_leavesOutStoredRequestUnlessIncluded() {
        String risk = Api.newKey("risk");
        String vault = Api.registerVault(Api.adminKey(), List.of("a", "b"));
        Response accepted = Api.as(risk)
                .body(Map.of("vault", vault, "weightsBps", List.of(2500, 7500)))
                .post("/api/v1/allocations");
        accepted.then().statusCode(202).body("$", not(hasKey("request")));
        String path = Api.path(accepted);
        Api.awaitJob(risk, path).then().body("status", equalTo("succeeded")).body("$", not(hasKey("request")));
        Api.as(risk)
                .get(path + "?include=request")
                .then()
                .statusCode(200)
                .body("request.weightsBps", equalTo(List.of(2500, 7500)));
        Api.as(risk).get(path + "?include=everything").then().statusCode(400).body("field", equalTo("include"));
    }

    @Test
    void surface_chainOverRowLimit_400NamingChainBeforeFitting() {
        String risk = Api.newKey("risk");
        List<Map<String, Object>> rows =
                Collections.nCopies(2001, Map.of("instrument_name", "BTC-27NOV26-62500-C", "mark_iv", 50));
        Api.as(risk)
                .body(Map.of("chain", rows))
                .post("/api/v1/surfaces")
                .then()
                .statusCode(400)
                .body("field", equalTo("chain"))
                .body("detail", containsString("2001 rows, at most 2000"));
    }
}
