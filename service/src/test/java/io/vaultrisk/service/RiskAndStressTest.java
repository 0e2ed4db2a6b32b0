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
        Response accepted = Api.as(risk)
                .body("{\"book\":" + book("btc-spot.json") + ",\"horizonDays\":[1],"
                        + "\"confidence\":[0.99],\"paths\":20000,\"seed\":7}")
                .post("/api/v1/risk-runs");
        accepted.then()
                .statusCode(202)
                .header("Location", containsString("/api/v1/risk-runs/"))
                .body("status", equalTo("queued"));
        JsonPath done = Api.awaitJob(risk, Api.path(accepted))
                .then()
                .body("status", equalTo("succeeded"))
                .body("progress", equalTo(1.0f))
                .extract()
                .jsonPath();
        // 2 BTC at 91,250, vol 0.6, zero drift: loss L = qS(1 - exp(m + sZ)), m = -s^2/2, s = vol sqrt(t), t = 1/365;
        // L is decreasing in Z, so VaR_a = qS(1 - exp(m + s z)) with z = Phi^-1(1 - a) (12,941.66 for these inputs)
        NormalDistribution normal = new NormalDistribution();
        double qs = 2 * 91250, vol = 0.6, t = 1.0 / 365, a = 0.99, n = 20000;
        double s = vol * Math.sqrt(t), m = -s * s / 2;
        double z = normal.inverseCumulativeProbability(1 - a);
        double var = qs * (1 - Math.exp(m + s * z));
        // ES = E[L | Z <= z] = qS(1 - E[e^(m+sZ) | Z <= z]) = qS(1 - Phi(z - s) / (1 - a)), as E[e^(kZ); Z <= z] =
        // e^(k^2/2) Phi(z - k)
        double tailMean = Math.exp(m + s * s / 2) * normal.cumulativeProbability(z - s) / (1 - a);
        double es = qs * (1 - tailMean);
        // standard errors from the closed form, not from the run: the a-quantile of n draws has asymptotic standard
        // error sqrt(a(1-a)/n) / f(VaR), the loss density at VaR being phi(z) / (qS s e^(m+sz)); the tail mean has
        // variance (Var[L | tail] + a (ES - VaR)^2) / (n(1-a)), Var[L | tail] = qS^2 (E[e^2X | tail] - E[e^X | tail]^2)
        double varSe = Math.sqrt(a * (1 - a) / n) * qs * s * Math.exp(m + s * z) / normal.density(z);
        double tailSecond = Math.exp(2 * m + 2 * s * s) * normal.cumulativeProbability(z - 2 * s) / (1 - a);
        double tailVar = qs * qs * (tailSecond - tailMean * tailMean);
        double esSe = Math.sqrt((tailVar + a * (es - var) * (es - var)) / (n * (1 - a)));
        double mcVar = done.getDouble("result.levels.'0.99'.var");
        double mcEs = done.getDouble("result.levels.'0.99'.es");
        List<Float> varCi = done.getList("result.levels.'0.99'.varCi");
        List<Float> esCi = done.getList("result.levels.'0.99'.esCi");
        assertThat(mcVar).isCloseTo(var, within(4 * varSe));
        // vaultrisk.compute.backend defaults to the CPU, named as vaultrisk risk --json names it
        assertThat(done.getString("result.backend")).isEqualTo("cpu");
        assertThat(done.getString("result.backendId")).isEqualTo("cpu");
        assertThat(done.getString("result.device")).startsWith("cpu: ");
        assertThat(mcEs).isCloseTo(es, within(4 * esSe));
        // the reported 95 % intervals are about 2 x 1.96 of those standard errors wide (not wider, not narrower)
        assertThat((double) (varCi.get(1) - varCi.get(0))).isCloseTo(2 * 1.96 * varSe, within(0.3 * 2 * 1.96 * varSe));
        assertThat((double) (esCi.get(1) - esCi.get(0))).isCloseTo(2 * 1.96 * esSe, within(0.3 * 2 * 1.96 * esSe));
        Api.as(risk)
                .get("/api/v1/risk-runs?limit=5")
                .then()
                .statusCode(200)
                .body("id", org.hamcrest.Matchers.hasItem(done.getString("id")));
        Api.as(risk)
                .get("/q/metrics")
                .then()
                .body(containsString("vaultrisk_jobs_duration_seconds_count{kind=\"risk-run\",status=\"succeeded\"}"));
    }

    @Test
    void riskRun_badBook_400NamesPositionField() throws Exception {
        String risk = Api.newKey("risk");
        String bad = book("btc-spot.json").replace("\"type\": \"spot\"", "\"type\": \"future\"");
        Api.as(risk)
                .body("{\"book\":" + bad + "}")
                .post("/api/v1/risk-runs")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("book"))
                .body("detail", containsString("future"));
    }

    @Test
    void stress_vaultBook_reportJsonHtmlAndNightlyQueue() throws Exception {
        String admin = Api.adminKey();
        String address = Api.freshAddress();
        String body = "{\"address\":\"" + address + "\",\"strategies\":[\"a\",\"b\"],\"book\":" + book("eth-vault.json")
                + "}";
        String vault = Api.as(admin)
                .body(body)
                .post("/api/v1/vaults")
                .then()
                .statusCode(201)
                .extract()
                .path("address");
        String risk = Api.newKey("risk");
        Response accepted = Api.as(risk).body(Map.of("vault", vault)).post("/api/v1/stress-reports");
        accepted.then().statusCode(202).body("status", equalTo("queued"));
        String location = Api.path(accepted);
        JsonPath report = Api.awaitReport(risk, location);
        assertThat(report.getString("summary.status")).isEqualTo("succeeded");
        assertThat(report.getList("result.riskMatrix.spotShocks")).hasSize(11);
        assertThat(report.getList("result.riskMatrix.pnl")).hasSize(11);
        assertThat(report.getList("result.scenarios")).isNotEmpty();
        assertThat(report.getString("result.backendId")).isEqualTo("cpu");
        assertThat(report.getString("result.device")).startsWith("cpu: ");
        String html = report.getString("summary.html");
        assertThat(html).endsWith("/report.html");
        Api.as(risk)
                .get(html)
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("<html"));
        Api.as(risk)
                .get("/api/v1/stress-reports")
                .then()
                .statusCode(200)
                .body("html", org.hamcrest.Matchers.hasItem(html));

        Api.as(risk)
                .body(Map.of("vault", Api.registerVault(admin, List.of("x"))))
                .post("/api/v1/stress-reports")
                .then()
                .statusCode(400)
                .body("field", equalTo("vault"));

        // the nightly run queues one report per vault with a book (the vault list says which), this one among them
        long withBook = Api.as(admin)
                .get("/api/v1/vaults")
                .jsonPath()
                .getList("findAll { it.book != null }")
                .size();
        String trigger = "nightly-" + System.nanoTime();
        int queued = nightly.queueAll(trigger);
        assertThat(queued).isEqualTo(withBook);
        assertThat(Api.as(risk)
                        .get("/api/v1/stress-reports?limit=500")
                        .jsonPath()
                        .getList("findAll { it.trigger == '" + trigger + "' }.vault", String.class))
                .hasSize(queued)
                .contains(vault);
    }
}
