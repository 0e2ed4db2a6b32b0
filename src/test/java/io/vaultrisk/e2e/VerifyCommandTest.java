package io.vaultrisk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replayable receipts (issue 16) end to end: {@code vaultrisk serve} publishes an optimised allocation, its receipt is
 * fetched from {@code GET /api/v1/vaults/{address}/allocations/{nonce}/receipt}, and {@code vaultrisk verify
 * --receipt} recomputes it offline (exit 0), refuses it when one weight or one input is changed (exit 1, naming the
 * check) and names the field of a malformed receipt (exit 2).
 */
class VerifyCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String VAULT = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    /** Five scenarios of three sleeves: min-CVaR at 80% with a 70% cap has its optimum on the constraints. */
    private static final String OPTIMISED = "{\"vault\":\"" + VAULT + "\",\"objective\":\"min-cvar\","
            + "\"scenarios\":[[0.001,0.05,-0.02],[0.001,-0.04,0.03],[0.001,0.02,0.01],[0.001,-0.01,-0.03],"
            + "[0.001,0.03,0.02]],\"constraints\":{\"maxWeight\":0.7},\"parameters\":{\"beta\":0.8}}";

    @TempDir
    Path data;

    @TempDir
    Path files;

    @Test
    void verify_receiptOfPublishedAllocation_passesAndEveryTamperingFailsNamingItsCheck() throws Exception {
        Vaultrisk.ensureBuilt();
        int port = freePort();
        Process service = start(port);
        try {
            String admin = Files.readString(data.resolve("admin.key")).trim();
            String signer = send(port, "GET", "/api/v1/signer", null, null)
                    .get("address")
                    .asText();
            send(
                    port,
                    "POST",
                    "/api/v1/vaults",
                    admin,
                    "{\"address\":\"" + VAULT + "\",\"strategies\":[\"stable\",\"btc\",\"eth\"]}");
            publish(port, admin, "{\"vault\":\"" + VAULT + "\",\"weightsBps\":[6000,2000,2000]}");
            JsonNode optimised = publish(port, admin, OPTIMISED);
            String path = "/api/v1/vaults/" + VAULT + "/allocations/2/receipt";
            JsonNode receipt = send(port, "GET", path, admin, null);

            assertThat(receipt.at("/allocation/nonce").asLong()).isEqualTo(2);
            assertThat(receipt.get("allocation")).isEqualTo(optimised.at("/result/allocation"));
            assertThat(receipt.at("/inputs/request/scenarios"))
                    .isEqualTo(JSON.readTree(OPTIMISED).get("scenarios"));
            // turnover was measured from nonce 1's weights: they are inputs too
            assertThat(receipt.at("/inputs/currentWeights").toString()).isEqualTo("[0.6,0.2,0.2]");

            assertThat(receipt.get("inputsHash").asText()).isEqualTo(sha256OfCanonical(receipt.get("inputs")));
            // signed inside the allocation (EIP-712 type version 3): the hash the vault emits in Rebalanced
            assertThat(receipt.at("/allocation/inputsHash").asText())
                    .isEqualTo(receipt.get("inputsHash").asText());

            Vaultrisk.Run ok = verify(receipt, r -> {}, signer);
            assertThat(ok.exitCode()).as(ok.stdout() + ok.stderr()).isZero();
            assertThat(ok.stdout())
                    .contains("ok   inputsHash", "ok   weights:", "ok   weightsBps", "ok   signature")
                    .contains("ok   signedInputsHash", "verified: nonce 2")
                    .doesNotContain("FAIL");
            Vaultrisk.Run given = verify(send(port, "GET", path.replace("/2/", "/1/"), admin, null), r -> {}, signer);
            assertThat(given.exitCode()).as(given.stdout() + given.stderr()).isZero();

            // one signed weight moved by a basis point: the replay disagrees, and so do the digest and signatures
            Vaultrisk.Run weight = verify(receipt, r -> bump((ArrayNode) r.at("/allocation/weightsBps")), signer);
            assertThat(weight.exitCode()).isEqualTo(1);
            assertThat(weight.stdout())
                    .contains("FAIL weightsBps", "FAIL signature")
                    .contains("ok   inputsHash");
            // the optimiser's weights in the receipt changed in the last bit
            Vaultrisk.Run fraction = verify(
                    receipt,
                    r -> ((ArrayNode) r.get("weights"))
                            .set(0, Math.nextUp(r.get("weights").get(0).asDouble())),
                    signer);
            assertThat(fraction.exitCode()).isEqualTo(1);
            assertThat(fraction.stdout()).contains("FAIL weights:").contains("ok   weightsBps");
            // one input changed: its hash no longer matches
            Vaultrisk.Run input =
                    verify(receipt, r -> ((ObjectNode) r.at("/inputs/request/parameters")).put("beta", 0.9), signer);
            assertThat(input.exitCode()).isEqualTo(1);
            assertThat(input.stdout()).contains("FAIL inputsHash");
            // the same input changed and the hash recomputed by whoever changed it: not the hash the allocation signs
            Vaultrisk.Run rehashed = verify(
                    receipt,
                    r -> {
                        ((ArrayNode) r.at("/inputs/currentWeights")).set(0, 0.5);
                        ((ObjectNode) r).put("inputsHash", sha256OfCanonical(r.get("inputs")));
                    },
                    signer);
            assertThat(rehashed.exitCode()).isEqualTo(1);
            assertThat(rehashed.stdout())
                    .contains("ok   inputsHash", "FAIL signedInputsHash: the receipt's inputsHash")
                    .contains("ok   signature");
            // ... and the allocation's hash replaced to match: then the signature no longer recovers the signer
            Vaultrisk.Run resigned = verify(
                    receipt,
                    r -> {
                        ((ArrayNode) r.at("/inputs/currentWeights")).set(0, 0.5);
                        ((ObjectNode) r).put("inputsHash", sha256OfCanonical(r.get("inputs")));
                        ((ObjectNode) r.get("allocation")).put("inputsHash", sha256OfCanonical(r.get("inputs")));
                    },
                    signer);
            assertThat(resigned.exitCode()).isEqualTo(1);
            assertThat(resigned.stdout()).contains("ok   inputsHash", "ok   signedInputsHash", "FAIL signature");
            // a receipt signed by some other key than the service's
            Vaultrisk.Run stranger = verify(receipt, r -> {}, "0x" + "11".repeat(20));
            assertThat(stranger.exitCode()).isEqualTo(1);
            assertThat(stranger.stdout()).contains("FAIL signature", "FAIL signer");

            Vaultrisk.Run malformed = verify(receipt, r -> ((ObjectNode) r.get("allocation")).remove("digest"), signer);
            assertThat(malformed.exitCode()).isEqualTo(2);
            assertThat(malformed.stderrLines()).hasSize(1);
            assertThat(malformed.stderr()).contains("--receipt", "allocation.digest", "missing");

            HttpResponse<String> none = raw(port, path.replace("/2/", "/99/"), admin);
            assertThat(none.statusCode()).isEqualTo(404);
            assertThat(JSON.readTree(none.body()).get("field").asText()).isEqualTo("nonce");
            HttpResponse<String> bad = raw(port, path.replace("/2/", "/two/"), admin);
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(bad.body()).get("field").asText()).isEqualTo("nonce");
        } finally {
            stop(service);
        }
    }

    /**
     * The receipt's hash computed independently of the service's code: the inputs as plain maps and lists, written
     * with map keys sorted and no whitespace, SHA-256 of the UTF-8 bytes.
     */
    private static String sha256OfCanonical(JsonNode inputs) {
        try {
            ObjectMapper sorted = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
            String text = sorted.writeValueAsString(sorted.convertValue(inputs, Object.class));
            return "0x"
                    + HexFormat.of()
                            .formatHex(
                                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void bump(ArrayNode bps) {
        bps.set(0, bps.get(0).asInt() - 1);
        bps.set(1, bps.get(1).asInt() + 1);
    }

    private Vaultrisk.Run verify(JsonNode receipt, Consumer<JsonNode> tamper, String signer) throws IOException {
        JsonNode copy = receipt.deepCopy();
        tamper.accept(copy);
        Path file = Files.createTempFile(files, "receipt", ".json");
        Files.writeString(file, JSON.writeValueAsString(copy));
        return Vaultrisk.run("verify", "--receipt", file.toString(), "--signer", signer);
    }

    private JsonNode publish(int port, String admin, String body) throws Exception {
        String id =
                send(port, "POST", "/api/v1/allocations", admin, body).get("id").asText();
        JsonNode job = await("allocation job " + id)
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> send(port, "GET", "/api/v1/allocations/" + id, admin, null),
                        s -> !s.get("status").asText().matches("queued|running"));
        assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("succeeded");
        return job;
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
            await("vaultrisk serve ready on " + port)
                    .atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(250))
                    .ignoreExceptionsInstanceOf(IOException.class)
                    .until(() -> {
                        if (!p.isAlive()) {
                            throw new AssertionError("vaultrisk serve exited early (exit " + p.exitValue() + ")");
                        }
                        return raw(port, "/q/health/ready", null).statusCode() == 200;
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

    private static JsonNode send(int port, String method, String path, String key, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("X-API-Key", key);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("%s %s: %s", method, path, r.body()).isBetween(200, 202);
        return JSON.readTree(r.body());
    }

    private static HttpResponse<String> raw(int port, String path, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (key != null) {
            b.header("X-API-Key", key);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
