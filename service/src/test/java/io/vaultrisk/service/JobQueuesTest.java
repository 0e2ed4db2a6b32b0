package io.vaultrisk.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.vaultrisk.service.job.JobQueue;
import io.vaultrisk.service.job.JobRunner;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Separate queues, cancel, the bounded queue and the work budget of risk runs. */
@QuarkusTest
@TestProfile(SharedProfile.class)
class JobQueuesTest {
    @Inject
    JobRunner jobs;

    private static String run(String book, long paths, int stepsPerDay, String horizons) {
        return "{\"book\":" + book + ",\"horizonDays\":" + horizons + ",\"confidence\":[0.99],\"paths\":" + paths
                + ",\"stepsPerDay\":" + stepsPerDay + "}";
    }

    @Test
    void submit_longRiskRunRunning_allocationPublishedAtOnceQueueBoundedAndEveryJobCancellable() throws Exception {
        String risk = Api.newKey("risk");
        String book = RiskAndStressTest.book("btc-spot.json");
        // ~1.4e9 path-steps: tens of seconds here, far longer than an allocation may wait
        Response heavy = Api.as(risk).body(run(book, 2_000_000, 24, "[30]")).post("/api/v1/risk-runs");
        heavy.then().statusCode(202);
        String heavyPath = Api.path(heavy);
        Api.await("heavy run started", () -> Api.as(risk).get(heavyPath), r -> "running".equals(r.path("status")));

        String vault = Api.registerVault(Api.adminKey(), List.of("stable", "btc"));
        long t0 = System.nanoTime();
        Response allocation = Api.as(risk)
                .body(Map.of("vault", vault, "weightsBps", List.of(4000, 6000)))
                .post("/api/v1/allocations");
        allocation.then().statusCode(202);
        Api.awaitJob(risk, Api.path(allocation)).then().body("status", equalTo("succeeded"));
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(seconds).as("allocation waited behind the risk run").isLessThan(5);
        Api.as(risk).get(heavyPath).then().body("status", equalTo("running"));

        // the compute queue holds 20 waiting jobs in the test profile; the 21st is refused with Retry-After.
        // The app is shared with other test classes: jobs they left (or a limit monitor queued) must be gone first.
        Api.await("compute queue drained", () -> jobs.waiting(JobQueue.COMPUTE), n -> n == 0);
        List<String> waiting = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Response r = Api.as(risk).body(run(book, 1000, 1, "[1]")).post("/api/v1/risk-runs");
            r.then().statusCode(202);
            waiting.add(Api.path(r));
        }
        Api.as(risk)
                .body(run(book, 1000, 1, "[1]"))
                .post("/api/v1/risk-runs")
                .then()
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("detail", containsString("queue is full"));

        for (String path : waiting) {
            Api.as(risk)
                    .delete(path)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("failed"))
                    .body("error", equalTo("cancelled"));
        }
        Api.as(risk).delete(heavyPath).then().statusCode(200).body("error", equalTo("cancelled"));
        // the running job stops at its next progress report and stays cancelled (not overwritten by a result)
        Api.await(
                "heavy run stopped",
                () -> Api.as(risk).get("/api/v1/risk-runs").then().extract().response(),
                r -> !r.asString().contains("\"running\""));
        Api.as(risk).get(heavyPath).then().body("status", equalTo("failed")).body("error", equalTo("cancelled"));
        Api.as(risk).delete(heavyPath).then().statusCode(409).body("field", equalTo("id"));
        Api.as(risk)
                .delete("/api/v1/risk-runs/00000000-0000-0000-0000-000000000000")
                .then()
                .statusCode(404);
        // the queue has room again
        Response after = Api.as(risk).body(run(book, 1000, 1, "[1]")).post("/api/v1/risk-runs");
        after.then().statusCode(202);
        Api.awaitJob(risk, Api.path(after)).then().body("status", equalTo("succeeded"));
    }

    @Test
    void submit_overWorkOrMemoryBudget_400NamingPathsBeforeQueuing() throws Exception {
        String risk = Api.newKey("risk");
        String book = RiskAndStressTest.book("btc-spot.json");
        // the 10M paths × 365 days × 1,440 steps a day: ~35 hours of work
        Api.as(risk)
                .body(run(book, 10_000_000, 1440, "[365]"))
                .post("/api/v1/risk-runs")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("paths"))
                .body("detail", containsString("work budget"));
        // 10M paths × 10 horizons: little work per path, but gigabytes of state (an OutOfMemoryError before)
        Api.as(risk)
                .body(run(book, 10_000_000, 1, "[1,2,3,4,5,6,7,8,9,10]"))
                .post("/api/v1/risk-runs")
                .then()
                .statusCode(400)
                .body("field", equalTo("paths"))
                .body("detail", containsString("MiB"));
        // API limits are the engine's: a horizon over 365 days names the API field
        Api.as(risk)
                .body(run(book, 1000, 1, "[3650]"))
                .post("/api/v1/risk-runs")
                .then()
                .statusCode(400)
                .body("field", equalTo("horizonDays[0]"));
    }
}
