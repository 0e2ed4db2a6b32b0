package io.vaultrisk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vaultrisk serve} as a user runs it: the service starts on a fresh data directory, publishes a signed
 * allocation, is stopped, and a second start on the same directory serves the same signed allocation and signer.
 */
class ServeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String VAULT = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

    @TempDir
    Path data;

    @Test
    void serve_publishStopRestart_signedAllocationAndSignerSurvive() throws Exception {
        int port = freePort();
        Process first = start(port);
        String signer;
        JsonNode published;
        try {
            String admin = Files.readString(data.resolve("admin.key")).trim();
            signer = get(port, "/api/v1/signer", null).get("address").asText();
            HttpResponse<String> vault = post(port, "/api/v1/vaults", admin,
                    "{\"address\":\"" + VAULT + "\",\"strategies\":[\"stable\",\"btc\"]}");
            assertThat(vault.statusCode()).isEqualTo(201);
            HttpResponse<String> job = post(port, "/api/v1/allocations", admin,
                    "{\"vault\":\"" + VAULT + "\",\"weightsBps\":[4000,6000]}");
            assertThat(job.statusCode()).isEqualTo(202);
            String location = URI.create(job.headers().firstValue("Location").orElseThrow()).getPath();
            JsonNode status = get(port, location, admin);
            for (int i = 0; i < 200 && !status.get("status").asText().matches("succeeded|failed"); i++) {
                Thread.sleep(100);
                status = get(port, location, admin);
            }
            assertThat(status.get("status").asText()).isEqualTo("succeeded");
            published = get(port, "/api/v1/vaults/" + VAULT + "/allocation/latest", admin);
            assertThat(published.get("signer").asText()).isEqualTo(signer);
            assertThat(published.get("nonce").asLong()).isEqualTo(1);
        } finally {
            stop(first);
        }

        Process second = start(port);
        try {
            String admin = Files.readString(data.resolve("admin.key")).trim();
            assertThat(get(port, "/api/v1/signer", null).get("address").asText()).isEqualTo(signer);
            JsonNode again = get(port, "/api/v1/vaults/" + VAULT + "/allocation/latest", admin);
            assertThat(again).isEqualTo(published);
        } finally {
            stop(second);
        }
    }

    private Process start(int port) throws Exception {
        Process p = new ProcessBuilder(Vaultrisk.ROOT.resolve("vaultrisk").toString(), "serve", "--port",
                String.valueOf(port), "--data-dir", data.toString()).directory(Vaultrisk.ROOT.toFile())
                .redirectErrorStream(true).redirectOutput(data.resolveSibling(data.getFileName() + ".log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(8); // the first run may build the service
        while (System.nanoTime() < deadline) {
            assertThat(p.isAlive()).as("vaultrisk serve exited early").isTrue();
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/q/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return p;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        p.destroyForcibly();
        throw new AssertionError("vaultrisk serve not ready in time");
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
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("X-API-Key", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
