package io.vaultrisk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./vaultrisk demo --keep}: the chain, the service and the dashboard stay up, populated, behind a key that can
 * read the dashboard and nothing else; stopping the command (SIGTERM, as Ctrl-C's SIGINT) stops Anvil and the service.
 */
@Tag("slow") // Anvil, the service, a risk run and a stress report
class DemoKeepTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void demoKeep_plain_dashboardPopulatedKeyReadOnlyAndCtrlCStopsEverything() throws Exception {
        Vaultrisk.ensureBuilt();
        Path out = dir.resolve("out.txt");
        Process p = new ProcessBuilder(
                        Vaultrisk.ROOT.resolve("vaultrisk").toString(),
                        "demo",
                        "--keep",
                        "--paths",
                        "5000",
                        "--data-dir",
                        dir.resolve("data").toString())
                .directory(Vaultrisk.ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        try {
            String printed = awaitLine(p, out, "running until Ctrl-C");
            Matcher url = Pattern.compile("dashboard (http://127\\.0\\.0\\.1:(\\d+))/#key=(\\S+)")
                    .matcher(printed);
            assertThat(url.find()).as(printed).isTrue();
            String base = url.group(1), key = url.group(3);
            int servicePort = Integer.parseInt(url.group(2));
            Matcher chain = Pattern.compile("chain http://127\\.0\\.0\\.1:(\\d+) \\(Anvil\\)")
                    .matcher(printed);
            assertThat(chain.find()).as(printed).isTrue();
            int anvilPort = Integer.parseInt(chain.group(1));
            assertThat(printed).contains("read-only key (viewer role");

            HttpResponse<String> page = send(base + "/", null, null);
            assertThat(page.statusCode()).isEqualTo(200);
            HttpResponse<String> dash = send(base + "/api/v1/dashboard", key, null);
            assertThat(dash.statusCode()).as(dash.body()).isEqualTo(200);
            JsonNode d = JSON.readTree(dash.body());
            assertThat(d.path("riskRuns").size()).as("risk run").isPositive();
            assertThat(d.path("stressReports").size()).as("stress report").isPositive();
            assertThat(d.path("surface").isObject()).as("surface").isTrue();
            assertThat(d.path("vaults").size()).isPositive();
            assertThat(d.path("vaults").get(0).path("allocations").size())
                    .as("allocations")
                    .isPositive();
            assertThat(d.path("vaults").get(0).path("limits").isObject())
                    .as("limits: " + d.path("vaults").get(0))
                    .isTrue();

            // read-only: the same key can neither submit work nor read the API beyond the dashboard
            assertThat(send(base + "/api/v1/risk-runs", key, "{\"book\":{}}").statusCode())
                    .isEqualTo(403);
            assertThat(send(base + "/api/v1/vaults", key, null).statusCode()).isEqualTo(403);
            assertThat(send(base + "/api/v1/keys", key, "{\"name\":\"x\",\"roles\":[\"admin\"]}")
                            .statusCode())
                    .isEqualTo(403);

            assertThat(listening(servicePort)).isTrue();
            assertThat(listening(anvilPort)).isTrue();
            p.destroy(); // SIGTERM: the JVM's shutdown hooks run as on Ctrl-C
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the demo exits").isTrue();
            assertThat(Files.readString(out)).endsWith("==> stopping the service and Anvil\n");
            awaitClosed(servicePort);
            awaitClosed(anvilPort);
        } finally {
            p.destroyForcibly();
        }
    }

    private static String awaitLine(Process p, Path out, String line) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            String s = Files.exists(out) ? Files.readString(out) : "";
            if (s.contains(line)) {
                return s;
            }
            if (!p.isAlive()) {
                throw new AssertionError("demo --keep exited " + p.exitValue() + ":\n" + s);
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no '" + line + "' in 5 minutes:\n" + Files.readString(out));
    }

    private HttpResponse<String> send(String url, String key, String postBody) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (key != null) {
            b.header("X-API-Key", key);
        }
        if (postBody != null) {
            b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(postBody));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void awaitClosed(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (listening(port) && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        assertThat(listening(port)).as("port " + port + " closed").isFalse();
    }
}
