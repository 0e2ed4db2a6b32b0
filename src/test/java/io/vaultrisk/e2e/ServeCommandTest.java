package io.vaultrisk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vaultrisk serve} as a user runs it: the service starts on a fresh data directory, publishes a signed
 * allocation, is stopped, and is left with jobs as a killed service leaves them (one running on its first attempt,
 * one running for the third time, one still queued). A second start on the same directory serves the same keys,
 * signer and signed allocation, queues the interrupted job again, runs the queued one and fails the third.
 */
class ServeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String VAULT = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    private static final String RUNNING = "00000000-0000-0000-0000-00000000000a";
    private static final String THIRD_TRY = "00000000-0000-0000-0000-00000000000b";
    private static final String QUEUED = "00000000-0000-0000-0000-00000000000c";

    @TempDir
    Path data;

    @Test
    void serve_publishStopRestart_signedAllocationSignerAndInterruptedJobsRecovered() throws Exception {
        int port = freePort();
        Process first = start(port);
        String admin;
        String signer;
        String location;
        JsonNode published;
        try {
            admin = Files.readString(data.resolve("admin.key")).trim();
            signer = get(port, "/api/v1/signer", null).get("address").asText();
            HttpResponse<String> vault = post(
                    port,
                    "/api/v1/vaults",
                    admin,
                    "{\"address\":\"" + VAULT + "\",\"strategies\":[\"stable\",\"btc\"]}");
            assertThat(vault.statusCode()).isEqualTo(201);
            HttpResponse<String> job = post(
                    port, "/api/v1/allocations", admin, "{\"vault\":\"" + VAULT + "\",\"weightsBps\":[4000,6000]}");
            assertThat(job.statusCode()).isEqualTo(202);
            location = URI.create(job.headers().firstValue("Location").orElseThrow())
                    .getPath();
            assertThat(awaitDone(port, location, admin).get("status").asText()).isEqualTo("succeeded");
            published = get(port, "/api/v1/vaults/" + VAULT + "/allocation/latest", admin);
            assertThat(published.get("signer").asText()).isEqualTo(signer);
            assertThat(published.get("nonce").asLong()).isEqualTo(1);
        } finally {
            stop(first);
        }
        leaveInterruptedJobs();

        Process second = start(port);
        try {
            assertThat(Files.readString(data.resolve("admin.key")).trim()).isEqualTo(admin);
            assertThat(get(port, "/api/v1/signer", null).get("address").asText())
                    .isEqualTo(signer);
            assertThat(get(port, location, admin).at("/result/allocation/nonce").asLong())
                    .isEqualTo(1);

            // the job that was running is queued again and completes; the queued one runs; the third interruption fails
            JsonNode rerun = awaitDone(port, "/api/v1/allocations/" + RUNNING, admin);
            assertThat(rerun.get("status").asText()).isEqualTo("succeeded");
            assertThat(rerun.get("attempts").asInt()).isEqualTo(2);
            assertThat(rerun.at("/result/allocation/weightsBps").toString()).isEqualTo("[6000,4000]");
            JsonNode queued = awaitDone(port, "/api/v1/allocations/" + QUEUED, admin);
            assertThat(queued.get("status").asText()).isEqualTo("succeeded");
            assertThat(queued.at("/result/allocation/weightsBps").toString()).isEqualTo("[5000,5000]");
            JsonNode failed = get(port, "/api/v1/allocations/" + THIRD_TRY, admin);
            assertThat(failed.get("status").asText()).isEqualTo("failed");
            assertThat(failed.get("error").asText()).contains("interrupted by a service shutdown");

            JsonNode history = get(port, "/api/v1/vaults/" + VAULT + "/allocations?limit=1000", admin);
            assertThat(history.findValuesAsText("nonce")).containsExactly("3", "2", "1");
            // the first life's signed allocation is served unchanged (the recovered jobs publish on top of it at once)
            for (String field : new String[] {"nonce", "validUntil", "weightsBps", "digest", "signature", "signer"}) {
                assertThat(history.get(2).get(field)).as(field).isEqualTo(published.get(field));
            }
            assertThat(get(port, "/api/v1/vaults/" + VAULT + "/allocation/latest", admin)
                            .get("nonce")
                            .asLong())
                    .isEqualTo(3);
        } finally {
            stop(second);
        }
    }

    /** Writes jobs into the stopped service's database as a killed service leaves them. */
    private void leaveInterruptedJobs() throws Exception {
        String url = "jdbc:h2:file:" + data.resolve("db/vaultrisk")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        String request = "{\"vault\":\"" + VAULT + "\",\"weightsBps\":[%d,%d]}";
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            insertJob(c, RUNNING, "running", 1, String.format(request, 6000, 4000), 1);
            insertJob(c, THIRD_TRY, "running", 3, String.format(request, 1, 9999), 2);
            insertJob(c, QUEUED, "queued", 0, String.format(request, 5000, 5000), 3);
        }
    }

    private static void insertJob(Connection c, String id, String status, int attempts, String request, int order)
            throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO jobs(id, kind, status, progress, request, "
                + "attempts, created_at, started_at) VALUES (?, 'allocation', ?, 0.5, ?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, status);
            ps.setString(3, request);
            ps.setInt(4, attempts);
            ps.setTimestamp(5, Timestamp.from(Instant.now().plusMillis(order)));
            ps.setTimestamp(6, status.equals("running") ? Timestamp.from(Instant.now()) : null);
            ps.executeUpdate();
        }
    }

    private static JsonNode awaitDone(int port, String location, String key) {
        return await("job " + location)
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> get(port, location, key),
                        s -> !s.get("status").asText().matches("queued|running"));
    }

    private Process start(int port) throws Exception {
        Process p = new ProcessBuilder(
                        Vaultrisk.ROOT.resolve("vaultrisk").toString(),
                        "serve",
                        "--port",
                        String.valueOf(port),
                        "--data-dir",
                        data.toString())
                .directory(Vaultrisk.ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(data.resolveSibling(data.getFileName() + ".log").toFile())
                .start();
        try {
            // the first run may build the service
            await("vaultrisk serve ready on " + port)
                    .atMost(Duration.ofMinutes(8))
                    .pollInterval(Duration.ofMillis(250))
                    .ignoreExceptionsInstanceOf(IOException.class)
                    .until(() -> {
                        if (!p.isAlive()) {
                            throw new AssertionError("vaultrisk serve exited early (exit " + p.exitValue() + ")");
                        }
                        return HTTP.send(
                                                HttpRequest.newBuilder(URI.create(
                                                                "http://127.0.0.1:" + port + "/q/health/ready"))
                                                        .build(),
                                                HttpResponse.BodyHandlers.ofString())
                                        .statusCode()
                                == 200;
                    });
            return p;
        } catch (RuntimeException | AssertionError e) {
            stop(p);
            throw e;
        }
    }

    private static void stop(Process p) throws InterruptedException {
        p.toHandle().descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        p.toHandle().descendants().forEach(h -> h.onExit().join());
    }

    private static JsonNode get(int port, String path, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (key != null) {
            b.header("X-API-Key", key);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static HttpResponse<String> post(int port, String path, String key, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("X-API-Key", key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
