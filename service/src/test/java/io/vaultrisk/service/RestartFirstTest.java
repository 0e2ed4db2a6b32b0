package io.vaultrisk.service;

import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vaultrisk.service.db.Database;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * First life of the service on {@link RestartProfiles#DATA}: publishes an allocation and leaves behind jobs as a
 * killed service would: one running (its first attempt), one running for the third time, one still queued.
 */
@QuarkusTest
@TestProfile(RestartProfiles.RestartFirstProfile.class)
class RestartFirstTest {
    @Inject
    Database db;

    @Test
    void firstLife_publishAndLeaveInterruptedJobs() throws Exception {
        String admin = Api.adminKey(RestartProfiles.DATA);
        String vault = Api.registerVault(admin, List.of("stable", "btc"));
        String location = Api.path(Api.as(admin).body(Map.of("vault", vault, "weightsBps", List.of(7000, 3000)))
                .post("/api/v1/allocations"));
        Api.awaitJob(admin, location).then().body("status", equalTo("succeeded"));
        JsonPath latest = Api.as(admin).get("/api/v1/vaults/" + vault + "/allocation/latest").jsonPath();

        String request = "{\"vault\":\"" + vault + "\",\"weightsBps\":[%d,%d]}";
        insertJob("00000000-0000-0000-0000-00000000000a", "running", 1, String.format(request, 6000, 4000), 1);
        insertJob("00000000-0000-0000-0000-00000000000b", "running", 3, String.format(request, 1, 9999), 2);
        insertJob("00000000-0000-0000-0000-00000000000c", "queued", 0, String.format(request, 5000, 5000), 3);

        Properties p = new Properties();
        p.setProperty("admin", admin);
        p.setProperty("vault", vault);
        p.setProperty("job", location);
        p.setProperty("signer", latest.getString("signer"));
        p.setProperty("signature", latest.getString("signature"));
        p.setProperty("digest", latest.getString("digest"));
        try (OutputStream out = Files.newOutputStream(RestartProfiles.EXPECT)) {
            p.store(out, "written by RestartFirstTest, read by RestartSecondTest");
        }
    }

    private void insertJob(String id, String status, int attempts, String request, int order) throws Exception {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("INSERT INTO jobs(id, kind, "
                + "status, progress, request, attempts, created_at, started_at) VALUES (?, 'allocation', ?, 0.5, ?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, status);
            ps.setString(3, request);
            ps.setInt(4, attempts);
            ps.setTimestamp(5, Timestamp.from(Instant.now().plusMillis(order)));
            ps.setTimestamp(6, status.equals("running") ? Timestamp.from(Instant.now()) : null);
            ps.executeUpdate();
        }
    }
}
