package io.vaultrisk.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vaultrisk.service.stress.NightlyStress;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/** Risk runs and stress reports computed by the montecarlo module behind the job API. */
@QuarkusTest
@TestProfile(SharedProfile.class)
class RiskAndStressTest {
    @Inject
    NightlyStress nightly;

    static String book(String name) throws Exception {
        return Files.readString(Path.of("../examples/books/" + name));
    }

    @Test
    void riskRun_spotBook_varAndEsMatchLognormalClosedForms() throws Exception {
        String risk = Api.newKey("risk");
        Response accepted = Api.as(risk).body("{\"book\":" + book("btc-spot.json") + ",\"horizonDays\":[1],"
                + "\"confidence\":[0.99],\"paths\":20000,\"seed\":7}").post("/api/v1/risk-runs");
        accepted.then().statusCode(202).header("Location", containsString("/api/v1/risk-runs/"))
                .body("status", equalTo("queued"));
        JsonPath done = Api.awaitJob(risk, Api.path(accepted)).then().body("status", equalTo("succeeded"))
                .body("progress", equalTo(1.0f)).extract().jsonPath();
        // 2 BTC at 91,250, vol 0.6, zero drift: loss = qS(1 - exp(-s^2 t/2 + s sqrt(t) Z)), t = 1/365
        double qs = 2 * 91250, s = 0.6, t = 1.0 / 365, a = 0.99;
        double z = new NormalDistribution().inverseCumulativeProbability(1 - a);
        double var = qs * (1 - Math.exp(-s * s * t / 2 + s * Math.sqrt(t) * z));
        // ES: E[loss | loss >= VaR] = qS(1 - Phi(z - s sqrt t) / (1 - a))
        double es = qs * (1 - new NormalDistribution().cumulativeProbability(z - s * Math.sqrt(t)) / (1 - a));
        double mcVar = done.getDouble("result.levels.'0.99'.var");
        double mcEs = done.getDouble("result.levels.'0.99'.es");
        List<Float> varCi = done.getList("result.levels.'0.99'.varCi");
        List<Float> esCi = done.getList("result.levels.'0.99'.esCi");
        // within 3 standard errors (the 95 % interval is about 4 of them wide)
        assertThat(mcVar).isCloseTo(var, within(1.5 * (varCi.get(1) - varCi.get(0))));
        assertThat(mcEs).isCloseTo(es, within(1.5 * (esCi.get(1) - esCi.get(0))));
        assertThat(var).isBetween(12_900.0, 13_000.0); // the closed form itself: 12,941.66 (2.33 * 0.6/sqrt(365) * qS, lognormal)
        Api.as(risk).get("/api/v1/risk-runs?limit=5").then().statusCode(200)
                .body("id", org.hamcrest.Matchers.hasItem(done.getString("id")));
        io.restassured.RestAssured.given().get("/q/metrics").then()
                .body(containsString("vaultrisk_jobs_duration_seconds_count{kind=\"risk-run\",status=\"succeeded\"}"));
    }

    @Test
    void riskRun_badBook_400NamesPositionField() throws Exception {
        String risk = Api.newKey("risk");
        String bad = book("btc-spot.json").replace("\"type\": \"spot\"", "\"type\": \"future\"");
        Api.as(risk).body("{\"book\":" + bad + "}").post("/api/v1/risk-runs").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("book"))
                .body("detail", containsString("future"));
    }

    @Test
    void stress_vaultBook_reportJsonHtmlAndNightlyQueue() throws Exception {
        String admin = Api.adminKey();
        String address = Api.freshAddress();
        String body = "{\"address\":\"" + address + "\",\"strategies\":[\"a\",\"b\"],\"book\":" + book("eth-vault.json")
                + "}";
        String vault = Api.as(admin).body(body).post("/api/v1/vaults").then().statusCode(201).extract().path("address");
        String risk = Api.newKey("risk");
        Response accepted = Api.as(risk).body(Map.of("vault", vault)).post("/api/v1/stress-reports");
        accepted.then().statusCode(202).body("status", equalTo("queued"));
        String location = Api.path(accepted);
        JsonPath report = null;
        for (int i = 0; i < 600; i++) {
            report = Api.as(risk).get(location).jsonPath();
            if (report.getString("summary.status").matches("succeeded|failed")) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(report.getString("summary.status")).isEqualTo("succeeded");
        assertThat(report.getList("result.riskMatrix.spotShocks")).hasSize(11);
        assertThat(report.getList("result.riskMatrix.pnl")).hasSize(11);
        assertThat(report.getList("result.scenarios")).isNotEmpty();
        String html = report.getString("summary.html");
        assertThat(html).endsWith("/report.html");
        Api.as(risk).get(html).then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<html"));
        Api.as(risk).get("/api/v1/stress-reports").then().statusCode(200).body("html", org.hamcrest.Matchers.hasItem(html));

        Api.as(risk).body(Map.of("vault", Api.registerVault(admin, List.of("x")))).post("/api/v1/stress-reports")
                .then().statusCode(400).body("field", equalTo("vault"));
        assertThat(nightly.queueAll("nightly")).isGreaterThanOrEqualTo(1);
    }
}
