package io.vaultrisk.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Second life on the same data directory: keys, signer, allocations and jobs survived; interrupted jobs recovered. */
@QuarkusTest
@TestProfile(RestartProfiles.RestartSecondProfile.class)
class RestartSecondTest {

    private static Properties expected() throws Exception {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(RestartProfiles.EXPECT)) {
            p.load(in);
        }
        return p;
    }

    @Test
    void secondLife_everythingSurvivedAndInterruptedJobsRecovered() throws Exception {
        Properties p = expected();
        String admin = p.getProperty("admin");
        String vault = p.getProperty("vault");
        assertThat(Api.adminKey(RestartProfiles.DATA)).isEqualTo(admin);

        given().get("/api/v1/signer").then().body("address", equalTo(p.getProperty("signer")));
        Api.as(admin).get(p.getProperty("job")).then().statusCode(200).body("status", equalTo("succeeded"))
                .body("result.allocation.nonce", equalTo(1));

        // the job that was running is queued again and completes; the queued one runs; the third interruption fails
        Api.awaitJob(admin, "/api/v1/allocations/00000000-0000-0000-0000-00000000000a").then()
                .body("status", equalTo("succeeded")).body("attempts", equalTo(2))
                .body("result.allocation.weightsBps", equalTo(List.of(6000, 4000)));
        Api.awaitJob(admin, "/api/v1/allocations/00000000-0000-0000-0000-00000000000c").then()
                .body("status", equalTo("succeeded")).body("result.allocation.weightsBps", equalTo(List.of(5000, 5000)));
        Api.as(admin).get("/api/v1/allocations/00000000-0000-0000-0000-00000000000b").then()
                .body("status", equalTo("failed")).body("error", containsString("interrupted by a service shutdown"));

        List<Map<String, Object>> history = Api.as(admin).get("/api/v1/vaults/" + vault + "/allocations").jsonPath()
                .getList("$");
        assertThat(history).extracting(m -> m.get("nonce")).containsExactly(3, 2, 1);
        JsonPath first = Api.as(admin).get("/api/v1/vaults/" + vault + "/allocations?limit=1000").jsonPath();
        assertThat(first.getString("[2].signature")).isEqualTo(p.getProperty("signature"));
        assertThat(first.getString("[2].digest")).isEqualTo(p.getProperty("digest"));
        Api.as(admin).get("/api/v1/vaults/" + vault + "/allocation/latest").then().body("nonce", equalTo(3));
    }
}
