package io.vaultrisk.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vaultrisk.service.db.Database;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/** The postgres configuration against a real PostgreSQL server: migrations, keys, jobs, signed allocations. */
@QuarkusTest
@TestProfile(PostgresServer.Profile.class)
@EnabledIf("io.vaultrisk.service.PostgresServer#available")
class PostgresTest {
    @Inject
    Database db;

    @Test
    void postgres_migratedAndServesTheFullAllocationFlow() throws Exception {
        assertThat(db.isPostgres()).isTrue();
        try (Connection c = db.connection();
                ResultSet rs = c.createStatement()
                        .executeQuery(
                                "SELECT version(), (SELECT COUNT(*) FROM flyway_schema_history WHERE success AND type = 'SQL')")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).startsWith("PostgreSQL");
            // every migration the service ships was applied
            try (java.util.stream.Stream<java.nio.file.Path> files =
                    java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources/db/migration"))) {
                assertThat(rs.getLong(2))
                        .isEqualTo(files.filter(f -> f.getFileName().toString().matches("V.*__.*\\.sql"))
                                .count());
            }
        }
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));

        String admin = Api.adminKey(PostgresServer.Profile.DATA);
        String executor = Api.as(admin)
                .body(Map.of("name", "exec", "roles", List.of("executor")))
                .post("/api/v1/keys")
                .then()
                .statusCode(201)
                .extract()
                .path("key");
        String vault = Api.registerVault(admin, List.of("stable", "btc"));
        Api.awaitJob(
                        admin,
                        Api.path(Api.as(admin)
                                .body(Map.of("vault", vault, "weights", List.of(0.25, 0.75)))
                                .post("/api/v1/allocations")))
                .then()
                .body("status", equalTo("succeeded"));
        Api.awaitJob(
                        admin,
                        Api.path(Api.as(admin)
                                .body(Map.of("vault", vault, "weightsBps", List.of(1000, 9000)))
                                .post("/api/v1/allocations")))
                .then()
                .body("status", equalTo("succeeded"));
        Api.as(executor)
                .get("/api/v1/vaults/" + vault + "/allocation/latest")
                .then()
                .statusCode(200)
                .body("nonce", equalTo(2))
                .body("weightsBps", equalTo(List.of(1000, 9000)));
        Api.as(executor)
                .get("/api/v1/vaults/" + vault + "/allocations")
                .then()
                .statusCode(200)
                .body("nonce", equalTo(List.of(2, 1)));
        Api.as(admin)
                .body(Map.of("address", vault, "strategies", List.of("x")))
                .post("/api/v1/vaults")
                .then()
                .statusCode(409);
    }
}
