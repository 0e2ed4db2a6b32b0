package io.vaultrisk.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What is signed from an optimised allocation: Kelly's fraction kept (the rest in the cash sleeve), bounds and caps
 * after rounding, nothing signed from a solve that did not converge unless accepted, turnover from on-chain holdings.
 */
@QuarkusTest
@TestProfile(SharedProfile.class)
class OptimisedAllocationTest {

    /** Submits an optimised allocation and waits for its job. */
    private static JsonPath run(String key, Map<String, Object> body) {
        return Api.awaitJob(
                        key,
                        Api.path(Api.as(key)
                                .body(body)
                                .post("/api/v1/allocations")
                                .then()
                                .statusCode(202)
                                .extract()
                                .response()))
                .jsonPath();
    }

    private static List<Integer> signedBps(JsonPath job) {
        assertThat(job.getString("status")).as(job.prettify()).isEqualTo("succeeded");
        return job.getList("result.allocation.weightsBps", Integer.class);
    }

    /** A bet winning 50 % three times in five and losing 50 % otherwise, beside a stablecoin earning 0.1 %. */
    private static final List<List<Double>> BET = List.of(
            List.of(0.5, 0.001), List.of(-0.5, 0.001), List.of(0.5, 0.001), List.of(-0.5, 0.001), List.of(0.5, 0.001));

    @Test
    void kelly_halfFraction_signsHalfOfFullKellyAtRiskRestInStablecoin() {
        String risk = Api.newKey("risk");
        String admin = Api.adminKey();
        Map<Double, List<Integer>> byFraction = new HashMap<>();
        JsonPath half = null;
        for (double fraction : new double[] {1.0, 0.5}) {
            String vault = Api.registerVault(admin, List.of("bet", "stablecoin"));
            JsonPath job = run(
                    risk,
                    Map.of(
                            "vault",
                            vault,
                            "objective",
                            "kelly",
                            "scenarios",
                            BET,
                            "parameters",
                            Map.of("kellyFraction", fraction)));
            byFraction.put(fraction, signedBps(job));
            half = job;
        }
        int full = byFraction.get(1.0).get(0);
        // full Kelly of the bet against cash earning 0.001: (p·b − q·a)/(a·b) = (0.6·0.499 − 0.4·0.501)/(0.499·0.501)
        assertThat(full / 1e4).isCloseTo(0.396, within(0.01));
        assertThat(byFraction.get(0.5).get(0)).isCloseTo(full / 2, within(1));
        assertThat(byFraction.get(0.5).get(1))
                .isEqualTo(10_000 - byFraction.get(0.5).get(0));
        // full Kelly holds the rest of its capital in the stablecoin sleeve; half of it is invested, half added as cash
        assertThat(half.getDouble("result.optimizer.invested")).isCloseTo(0.5, within(1e-6));
        assertThat(half.getDouble("result.optimizer.cashAdded")).isCloseTo(0.5, within(1e-6));
        assertThat(half.getString("result.optimizer.cashSleeve")).isEqualTo("stablecoin");
    }

    @Test
    void kelly_noCashSleeve_jobFailsNamingCashSleeveNothingSigned() {
        String risk = Api.newKey("risk");
        String vault = Api.registerVault(Api.adminKey(), List.of("bet", "other"));
        List<List<Double>> rows =
                List.of(List.of(0.10, 0.02), List.of(-0.08, -0.03), List.of(0.10, 0.01), List.of(-0.08, 0.04));
        JsonPath job = run(risk, Map.of("vault", vault, "objective", "kelly", "scenarios", rows));
        assertThat(job.getString("status")).isEqualTo("failed");
        assertThat(job.getString("error")).contains("parameters.cashSleeve");
        Api.as(risk).get("/api/v1/vaults/" + vault + "/allocations").then().body("size()", equalTo(0));
    }

    /** Four strategies, 400 fat-ish scenarios: enough that one master problem of the bundle method is not optimal. */
    private static List<List<Double>> noisy() {
        Random rnd = new Random(15);
        List<List<Double>> rows = new ArrayList<>();
        for (int s = 0; s < 400; s++) {
            double f = rnd.nextGaussian();
            List<Double> row = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                double t = rnd.nextGaussian() / Math.sqrt(0.3 + rnd.nextDouble());
                row.add(Math.max(-0.9, 0.002 * i + 0.02 * (i + 1) * (0.5 * f + t)));
            }
            rows.add(row);
        }
        return rows;
    }

    @Test
    void notConverged_withoutAccept_jobFailsWithStatusAndGapNothingSigned() {
        String risk = Api.newKey("risk");
        String vault = Api.registerVault(Api.adminKey(), List.of("a", "b", "c", "d"));
        JsonPath job = run(
                risk,
                Map.of(
                        "vault",
                        vault,
                        "objective",
                        "min-cvar",
                        "scenarios",
                        noisy(),
                        "parameters",
                        Map.of("maxIterations", 1)));
        assertThat(job.getString("status")).isEqualTo("failed");
        assertThat(job.getString("error"))
                .contains("not-converged")
                .contains("gap")
                .contains("acceptSuboptimal");
        Api.as(risk).get("/api/v1/vaults/" + vault + "/allocations").then().body("size()", equalTo(0));
    }

    @Test
    void notConverged_acceptSuboptimal_signedAndReportCarriesGap() {
        String risk = Api.newKey("risk");
        String vault = Api.registerVault(Api.adminKey(), List.of("a", "b", "c", "d"));
        JsonPath job = run(
                risk,
                Map.of(
                        "vault",
                        vault,
                        "objective",
                        "min-cvar",
                        "scenarios",
                        noisy(),
                        "parameters",
                        Map.of("maxIterations", 1),
                        "acceptSuboptimal",
                        true));
        assertThat(signedBps(job).stream().mapToInt(Integer::intValue).sum()).isEqualTo(10_000);
        assertThat(job.getString("result.optimizer.status")).isEqualTo("not-converged");
        assertThat(job.getBoolean("result.optimizer.acceptedSuboptimal")).isTrue();
        assertThat(job.getDouble("result.optimizer.gap")).isPositive();
    }

    @Test
    void acceptSuboptimal_withGivenWeights_400NamesField() {
        String risk = Api.newKey("risk");
        String vault = Api.registerVault(Api.adminKey(), List.of("a", "b"));
        Api.as(risk)
                .body(Map.of("vault", vault, "weightsBps", List.of(5000, 5000), "acceptSuboptimal", true))
                .post("/api/v1/allocations")
                .then()
                .statusCode(400)
                .body("field", equalTo("acceptSuboptimal"));
    }

    /** a ±1 %, b and c ±3 %, every sign combination: uncorrelated, minimum variance wants 9/11 in a. */
    private static List<List<Double>> uncorrelated() {
        List<List<Double>> rows = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            rows.add(List.of((k & 1) == 0 ? 0.01 : -0.01, (k & 2) == 0 ? 0.03 : -0.03, (k & 4) == 0 ? 0.03 : -0.03));
        }
        return rows;
    }

    @Test
    void maxWeight_betweenBasisPoints_holdsAfterRounding() {
        String risk = Api.newKey("risk");
        String vault = Api.registerVault(Api.adminKey(), List.of("a", "b", "c"));
        // a at its bound 0.40007 is 4000.7 bps, b and c 2999.65: plain largest remainder gave a 4001, over the bound
        List<Integer> bps = signedBps(run(
                risk,
                Map.of(
                        "vault",
                        vault,
                        "objective",
                        "min-variance",
                        "scenarios",
                        uncorrelated(),
                        "constraints",
                        Map.of("maxWeight", 0.40007))));
        assertThat(bps).containsExactly(4000, 3000, 3000);
    }

    @Test
    void vaultCaps_boundTheOptimiserAndGivenWeights() {
        String risk = Api.newKey("risk");
        String vault = Api.as(Api.adminKey())
                .body(Map.of(
                        "address",
                        Api.freshAddress(),
                        "chainId",
                        31337,
                        "strategies",
                        List.of("a", "b", "c"),
                        "capsBps",
                        List.of(2500, 10_000, 10_000)))
                .post("/api/v1/vaults")
                .then()
                .statusCode(201)
                .body("capsBps", equalTo(List.of(2500, 10_000, 10_000)))
                .extract()
                .path("address");
        List<Integer> bps =
                signedBps(run(risk, Map.of("vault", vault, "objective", "min-variance", "scenarios", uncorrelated())));
        assertThat(bps.get(0)).isEqualTo(2500);
        Api.as(risk)
                .body(Map.of("vault", vault, "weightsBps", List.of(2501, 3749, 3750)))
                .post("/api/v1/allocations")
                .then()
                .statusCode(400)
                .body("field", equalTo("weightsBps[0]"))
                .body("detail", containsString("cap"));
        Api.as(Api.adminKey())
                .body(Map.of(
                        "address", Api.freshAddress(), "strategies", List.of("a", "b"), "capsBps", List.of(5000, 4000)))
                .post("/api/v1/vaults")
                .then()
                .statusCode(400)
                .body("field", equalTo("capsBps"));
    }

    @Test
    void holdings_reportedByExecutor_areTheTurnoverReference() {
        String risk = Api.newKey("risk");
        String executor = Api.newKey("executor");
        String vault = Api.registerVault(Api.adminKey(), List.of("a", "b", "c"));
        Map<String, Object> request = Map.of(
                "vault",
                vault,
                "objective",
                "min-variance",
                "scenarios",
                uncorrelated(),
                "constraints",
                Map.of("turnoverCost", 0.001));
        JsonPath first = run(risk, request);
        assertThat(first.getString("result.optimizer.turnoverReference.source")).startsWith("none");
        List<Integer> published = signedBps(first);
        JsonPath second = run(risk, request);
        assertThat(second.getString("result.optimizer.turnoverReference.source"))
                .startsWith("last published allocation");
        assertThat(second.getDouble("result.optimizer.turnover")).isLessThan(1e-3);

        // the vault did not rebalance: it still holds everything in c
        List<Integer> held = List.of(0, 0, 10_000);
        Api.as(risk)
                .body(Map.of("weightsBps", held, "blockNumber", 100))
                .put("/api/v1/vaults/" + vault + "/holdings")
                .then()
                .statusCode(403);
        Api.as(executor)
                .body(Map.of("weightsBps", held, "blockNumber", 100))
                .put("/api/v1/vaults/" + vault + "/holdings")
                .then()
                .statusCode(200)
                .body("blockNumber", equalTo(100));
        Api.as(executor)
                .body(Map.of("weightsBps", List.of(5000, 5000, 0), "blockNumber", 99))
                .put("/api/v1/vaults/" + vault + "/holdings")
                .then()
                .statusCode(409)
                .body("field", equalTo("blockNumber"));
        Api.as(executor)
                .body(Map.of("weightsBps", List.of(5000, 5000), "blockNumber", 101))
                .put("/api/v1/vaults/" + vault + "/holdings")
                .then()
                .statusCode(400)
                .body("field", equalTo("weightsBps"));
        Api.as(risk)
                .get("/api/v1/vaults/" + vault + "/holdings")
                .then()
                .statusCode(200)
                .body("weightsBps", equalTo(held));

        JsonPath third = run(risk, request);
        assertThat(third.getString("result.optimizer.turnoverReference.source")).isEqualTo("on-chain holdings");
        assertThat(third.getLong("result.optimizer.turnoverReference.blockNumber"))
                .isEqualTo(100L);
        List<Integer> w = signedBps(third);
        double turnover = Math.abs(w.get(0) / 1e4) + Math.abs(w.get(1) / 1e4) + Math.abs(w.get(2) / 1e4 - 1);
        assertThat(third.getDouble("result.optimizer.turnover")).isCloseTo(turnover, within(3e-4));
        assertThat(third.getDouble("result.optimizer.tradingCost")).isCloseTo(0.001 * turnover, within(3e-7));
        assertThat(published).isNotEqualTo(held);
    }
}
