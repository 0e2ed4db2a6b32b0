package io.vaultrisk.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Job submissions per API key are rate limited (test profile: burst 40, 1,200 a minute): a flood from one key gets
 * 429 with Retry-After, another key is not affected. Submissions refused for their content count too.
 */
@QuarkusTest
@TestProfile(SharedProfile.class)
class RateLimitTest {

    @Test
    void submit_floodFromOneKey_429WithRetryAfter_otherKeyUnaffected() {
        String flooding = Api.newKey("risk");
        // an unknown vault: refused (404) without queueing anything, but it is a submission all the same
        Map<String, Object> body = Map.of("vault", Api.freshAddress(), "weightsBps", List.of(5000, 5000));
        int before429 = 0;
        Response refused = null;
        for (int i = 0; i < 200 && refused == null; i++) {
            Response r = Api.as(flooding).body(body).post("/api/v1/allocations");
            if (r.statusCode() == 429) {
                refused = r;
            } else {
                before429++;
            }
        }
        assertThat(refused).as("a 429 within 200 submissions").isNotNull();
        assertThat(before429).isGreaterThanOrEqualTo(40);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);
        assertThat((String) refused.path("detail")).contains("jobs a minute");

        Response other = Api.as(Api.newKey("risk")).body(body).post("/api/v1/allocations");
        assertThat(other.statusCode()).isNotEqualTo(429);
    }
}
