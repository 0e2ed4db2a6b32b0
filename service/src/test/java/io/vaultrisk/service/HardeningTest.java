package io.vaultrisk.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keys, headers and the metrics endpoint. */
@QuarkusTest
@TestProfile(SharedProfile.class)
class HardeningTest {
    @Test
    void createKey_controlCharactersInName_400NamingName() {
        for (String name : new String[] {"ops\nadmin", "a\u0000b", "x\u202Ey", "tab\there"}) {
            Api.as(Api.adminKey())
                    .body(Map.of("name", name, "roles", List.of("risk")))
                    .post("/api/v1/keys")
                    .then()
                    .statusCode(400)
                    .body("field", equalTo("name"));
        }
    }

    @Test
    void revoke_lastAdminKey_409AndKeyStillWorks() {
        String admin = Api.adminKey();
        String bootstrapId = admin.substring(3, admin.indexOf('_', 3));
        // the admin keys other tests made are done with: revoke them, so that the bootstrap key is the last one
        JsonPath keys = Api.as(admin).get("/api/v1/keys").jsonPath();
        List<Map<String, Object>> all = keys.getList("$");
        for (Map<String, Object> k : all) {
            if (((List<?>) k.get("roles")).contains("admin")
                    && !Boolean.TRUE.equals(k.get("revoked"))
                    && !k.get("id").equals(bootstrapId)) {
                Api.as(admin).delete("/api/v1/keys/" + k.get("id")).then().statusCode(200);
            }
        }
        Api.as(admin)
                .delete("/api/v1/keys/" + bootstrapId)
                .then()
                .statusCode(409)
                .body("field", equalTo("id"))
                .body("detail", containsString("last admin key"));
        Api.as(admin).get("/api/v1/keys").then().statusCode(200);
        // with a second admin key, the first can go (and the second is then the last)
        String second = Api.newKey("admin");
        String secondId = second.substring(3, second.indexOf('_', 3));
        Api.as(admin).delete("/api/v1/keys/" + secondId).then().statusCode(200);
    }

    @Test
    void dashboard_anyPage_securityHeaders() {
        given().get("/")
                .then()
                .statusCode(200)
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("X-Frame-Options", equalTo("DENY"))
                .header("X-Content-Type-Options", equalTo("nosniff"));
        given().get("/api/v1/signer")
                .then()
                .statusCode(200)
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Content-Security-Policy", nullValue());
    }
}
