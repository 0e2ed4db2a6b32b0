package io.vaultrisk.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(SharedProfile.class)
class OpsTest {

    @Test
    void health_ready_up() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metrics_prometheus_hasJobMetrics() {
        String admin = Api.adminKey();
        String vault = Api.registerVault(admin, List.of("a", "b"));
        Api.awaitJob(
                admin,
                Api.path(Api.as(admin)
                        .body(Map.of("vault", vault, "weightsBps", List.of(1, 9999)))
                        .post("/api/v1/allocations")));
        // behind a key: job volumes per kind are not for the public
        given().get("/q/metrics").then().statusCode(401).contentType("application/problem+json");
        Api.as(Api.newKey("executor")).get("/q/metrics").then().statusCode(403);
        Api.as(Api.newKey("risk"))
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("vaultrisk_jobs_duration_seconds_count{kind=\"allocation\",status=\"succeeded\"}"))
                .body(containsString("vaultrisk_jobs_queue_depth"))
                .body(containsString("vaultrisk_paths_simulated_total"))
                .body(containsString("http_server_requests_seconds"));
    }

    @Test
    void openapi_describesTheApi() {
        given().accept("application/json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("paths", hasKey("/api/v1/vaults/{address}/allocation/latest"))
                .body("paths", hasKey("/api/v1/risk-runs"))
                .body("paths", hasKey("/api/v1/risk-runs/{id}"))
                .body("paths", hasKey("/api/v1/surfaces"))
                .body("paths", hasKey("/api/v1/allocations"))
                .body("paths", hasKey("/api/v1/stress-reports/{id}"));
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }

    @Test
    void dashboard_servedWithLocalChartLibrary() {
        given().get("/")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("/webjars/chart.js/dist/chart.umd.js"))
                .body(containsString("/dashboard.js"));
        given().get("/webjars/chart.js/dist/chart.umd.js")
                .then()
                .statusCode(200)
                .body(containsString("Chart"));
        given().get("/dashboard.js").then().statusCode(200);
    }
}
