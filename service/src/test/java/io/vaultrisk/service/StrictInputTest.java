package io.vaultrisk.service;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Signed numbers are taken as written: no float → int, string → number or number → boolean coercion. */
@QuarkusTest
@TestProfile(SharedProfile.class)
class StrictInputTest {
    @Test
    void allocation_fractionalOrStringWeightsBps_400NamingTheElement() {
        String risk = Api.newKey("risk");
        String vault = Api.registerVault(Api.adminKey(), List.of("a", "b", "c"));
        for (String weights : new String[] {"[2000.9, 3000, 5000.1]", "[\"2000\", 3000, 5000]", "[true, 3000, 7000]"}) {
            Api.as(risk)
                    .body("{\"vault\":\"" + vault + "\",\"weightsBps\":" + weights + "}")
                    .post("/api/v1/allocations")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("field", equalTo("weightsBps[0]"))
                    .body("detail", containsString("has the wrong type"))
                    .body("detail", not(containsString("java")))
                    .body("detail", not(containsString("Jackson")));
        }
        // 2000.0 is not an integer literal either: what is signed is what was sent
        Api.as(risk)
                .body("{\"vault\":\"" + vault + "\",\"weightsBps\":[2000, 3000.0, 5000]}")
                .post("/api/v1/allocations")
                .then()
                .statusCode(400)
                .body("field", equalTo("weightsBps[1]"));
        Api.as(risk)
                .body("{\"vault\":\"" + vault + "\",\"weightsBps\":[2000, 3000, 5000]}")
                .post("/api/v1/allocations")
                .then()
                .statusCode(202);
    }

    @Test
    void allocation_nanOrInfinityStringWeights_400NamingTheElement() {
        // Jackson reads these strings as doubles before any coercion rule: StrictJson refuses them itself
        String risk = Api.newKey("risk");
        String vault = Api.registerVault(Api.adminKey(), List.of("a", "b"));
        for (String s : new String[] {"\"NaN\"", "\"Infinity\"", "\"-Infinity\""}) {
            Api.as(risk)
                    .body("{\"vault\":\"" + vault + "\",\"weights\":[0.5, " + s + "]}")
                    .post("/api/v1/allocations")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("field", equalTo("weights[1]"))
                    .body("detail", containsString("has the wrong type"));
        }
    }

    @Test
    void vault_fractionalOrStringChainId_400NamingChainId() {
        for (String chainId : new String[] {"1.9", "\"31337\""}) {
            Api.as(Api.adminKey())
                    .body("{\"address\":\"" + Api.freshAddress() + "\",\"chainId\":" + chainId
                            + ",\"strategies\":[\"a\"]}")
                    .post("/api/v1/vaults")
                    .then()
                    .statusCode(400)
                    .body("field", equalTo("chainId"));
        }
    }
}
