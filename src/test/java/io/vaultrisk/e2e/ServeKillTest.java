package io.vaultrisk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vaultrisk.service.launch.ServiceLauncher;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service killed with SIGKILL while clients publish allocations, create keys and poll the latest allocation, then
 * started again on the same data directory, 20 times. Whatever the service acknowledged (202 for a job, 201 for a key)
 * or served (a signed allocation) before the kill is there after the restart with the same content; a nonce is never
 * signed twice with other weights; every acknowledged job ends (none stuck).
 *
 * <p>A round costs what a start costs, so the service JVM is started directly, by the command line {@code vaultrisk
 * serve} uses ({@link ServiceLauncher#command}), without the CLI JVM in front of it, C1 only ({@code
 * -XX:TieredStopAtLevel=1}: C2's compiler threads took most of the two cores during start-up, 16 s against 5.6 s on a
 * loaded machine) and from a class-data archive written by a first, cleanly stopped start. None of that changes what
 * is tested: the database, its commits and the service's code are the same.
 */
@Tag("slow")
class ServeKillTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String VAULT = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    private static final int ROUNDS = Integer.getInteger("vaultrisk.kill.rounds", 20);

    @TempDir
    Path data;

    /** The class-data archive of the service JVM, written when the first start stops cleanly. */
    @TempDir
    Path cds;

    /** What the clients were told: job id → weights it will sign, served nonce → signed content, key → its id. */
    private final Map<String, List<Integer>> ackedJobs = new ConcurrentHashMap<>();

    private final Map<Long, JsonNode> served = new ConcurrentHashMap<>();
    private final Map<String, String> ackedKeys = new ConcurrentHashMap<>();
    private final Set<Long> reSigned = ConcurrentHashMap.newKeySet();

    /** Jobs already found succeeded, with the nonce they signed: later rounds check them in the vault's history. */
    private final Map<String, Long> verifiedJobs = new HashMap<>();

    @Test
    void serve_killedDuringPublishes_everyAcknowledgedWriteSurvivesAndNoNonceIsReSigned() throws Exception {
        Vaultrisk.ensureBuilt();
        int port = freePort();
        Random random = new Random(17);
        Process service = start(port, "-XX:ArchiveClassesAtExit=" + cds.resolve("service.jsa"));
        String admin = Files.readString(data.resolve("admin.key")).trim();
        assertThat(post(
                                port,
                                "/api/v1/vaults",
                                admin,
                                "{\"address\":\"" + VAULT + "\",\"strategies\":[\"stable\",\"btc\",\"eth\"]}")
                        .statusCode())
                .isEqualTo(201);
        stop(service); // writes the archive the killed starts below map
        String archive = "-XX:SharedArchiveFile=" + cds.resolve("service.jsa");
        service = start(port, archive);
        long started = System.nanoTime();
        for (int round = 0; round < ROUNDS; round++) {
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> clients = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                long seed = random.nextLong();
                clients.add(new Thread(() -> publish(port, admin, new Random(seed), stop)));
            }
            clients.add(new Thread(() -> createKeys(port, admin, stop)));
            clients.add(new Thread(() -> pollLatest(port, admin, stop)));
            clients.forEach(Thread::start);
            // killed at a random moment once this round's clients have been answered at least once
            int before = ackedJobs.size();
            await("round " + round + " acknowledged a publication")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> ackedJobs.size() > before);
            Thread.sleep(random.nextInt(1500));
            kill(service);
            stop.set(true);
            for (Thread t : clients) {
                t.join();
            }
            assertThat(reSigned).as("a nonce served with two digests").isEmpty();

            service = start(port, archive);
            verify(port, admin, round);
        }
        stop(service);
        System.out.printf(
                "ServeKillTest: %d kills in %.1f s, %d acknowledged jobs, %d keys, %d served nonces%n",
                ROUNDS, (System.nanoTime() - started) / 1e9, ackedJobs.size(), ackedKeys.size(), served.size());
    }

    private void verify(int port, String admin, int round) throws Exception {
        for (Map.Entry<String, List<Integer>> e : ackedJobs.entrySet()) {
            if (verifiedJobs.containsKey(e.getKey())) {
                continue; // succeeded after an earlier kill: checked below in the history, by its nonce
            }
            JsonNode job = awaitDone(port, "/api/v1/allocations/" + e.getKey(), admin);
            assertThat(job.get("status").asText())
                    .as("job %s: %s", e.getKey(), job)
                    .isEqualTo("succeeded");
            JsonNode signed = job.at("/result/allocation");
            assertThat(JSON.convertValue(signed.get("weightsBps"), List.class))
                    .as("job %s", e.getKey())
                    .isEqualTo(e.getValue());
            long nonce = signed.get("nonce").asLong();
            assertThat(verifiedJobs.containsValue(nonce))
                    .as("nonce %d signed for two jobs", nonce)
                    .isFalse();
            verifiedJobs.put(e.getKey(), nonce);
        }
        JsonNode history = get(port, "/api/v1/vaults/" + VAULT + "/allocations?limit=1000", admin);
        List<Long> nonces = new ArrayList<>();
        Map<Long, JsonNode> byNonce = new HashMap<>();
        history.forEach(a -> {
            nonces.add(a.get("nonce").asLong());
            byNonce.put(a.get("nonce").asLong(), a);
        });
        assertThat(nonces).as("nonces strictly increase").isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(new HashSet<>(nonces)).hasSameSizeAs(nonces);
        for (Map.Entry<String, Long> e : verifiedJobs.entrySet()) {
            JsonNode stored = byNonce.get(e.getValue());
            assertThat(stored)
                    .as("round %d: nonce %d of job %s", round, e.getValue(), e.getKey())
                    .isNotNull();
            assertThat(JSON.convertValue(stored.get("weightsBps"), List.class))
                    .as("round %d: nonce %d of job %s", round, e.getValue(), e.getKey())
                    .isEqualTo(ackedJobs.get(e.getKey()));
        }
        for (Map.Entry<Long, JsonNode> e : served.entrySet()) {
            JsonNode stored = byNonce.get(e.getKey());
            assertThat(stored).as("served nonce %d is stored", e.getKey()).isNotNull();
            for (String f : new String[] {"weightsBps", "digest", "signature", "validUntil"}) {
                assertThat(stored.get(f))
                        .as("nonce %d %s", e.getKey(), f)
                        .isEqualTo(e.getValue().get(f));
            }
        }
        Set<String> listed = new HashSet<>(get(port, "/api/v1/keys", admin).findValuesAsText("id"));
        for (Map.Entry<String, String> k : ackedKeys.entrySet()) {
            assertThat(listed).as("key %s", k.getValue()).contains(k.getValue());
        }
        String someKey = ackedKeys.keySet().stream().findFirst().orElseThrow();
        assertThat(send(port, "GET", "/api/v1/vaults/" + VAULT + "/allocation/latest", someKey, null)
                        .statusCode())
                .isEqualTo(200);
    }

    private void publish(int port, String admin, Random random, AtomicBoolean stop) {
        while (!stop.get()) {
            int a = random.nextInt(10_001);
            int b = random.nextInt(10_001 - a);
            List<Integer> bps = List.of(a, b, 10_000 - a - b);
            try {
                HttpResponse<String> r = post(
                        port, "/api/v1/allocations", admin, "{\"vault\":\"" + VAULT + "\",\"weightsBps\":" + bps + "}");
                if (r.statusCode() == 202) {
                    ackedJobs.put(JSON.readTree(r.body()).get("id").asText(), bps);
                }
                Thread.sleep(15);
            } catch (IOException | InterruptedException e) {
                // the service was killed under the request: it was never acknowledged
            }
        }
    }

    private void createKeys(int port, String admin, AtomicBoolean stop) {
        while (!stop.get()) {
            try {
                HttpResponse<String> r =
                        post(port, "/api/v1/keys", admin, "{\"name\":\"poller\",\"roles\":[\"executor\"]}");
                if (r.statusCode() == 201) {
                    JsonNode k = JSON.readTree(r.body());
                    ackedKeys.put(k.get("key").asText(), k.get("id").asText());
                }
                Thread.sleep(40);
            } catch (IOException | InterruptedException e) {
                // killed under the request
            }
        }
    }

    private void pollLatest(int port, String admin, AtomicBoolean stop) {
        while (!stop.get()) {
            try {
                HttpResponse<String> r =
                        send(port, "GET", "/api/v1/vaults/" + VAULT + "/allocation/latest", admin, null);
                if (r.statusCode() == 200) {
                    JsonNode a = JSON.readTree(r.body());
                    JsonNode before = served.putIfAbsent(a.get("nonce").asLong(), a);
                    if (before != null && !before.get("digest").equals(a.get("digest"))) {
                        reSigned.add(a.get("nonce").asLong());
                    }
                }
                Thread.sleep(5);
            } catch (IOException | InterruptedException e) {
                // killed under the request
            }
        }
    }

    private static JsonNode awaitDone(int port, String location, String key) {
        return await("job " + location)
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> get(port, location, key),
                        s -> !s.get("status").asText().matches("queued|running"));
    }

    private Process start(int port, String archiveFlag) throws Exception {
        List<String> command = ServiceLauncher.command(ServiceLauncher.runnerJar(Vaultrisk.ROOT), port, data, Map.of());
        command.addAll(1, List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", archiveFlag));
        Process p = new ProcessBuilder(command)
                .directory(Vaultrisk.ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        data.resolveSibling(data.getFileName() + ".log").toFile()))
                .start();
        try {
            await("vaultrisk serve ready on " + port)
                    .atMost(Duration.ofMinutes(8))
                    .pollInterval(Duration.ofMillis(100))
                    .ignoreExceptionsInstanceOf(IOException.class)
                    .until(() -> {
                        if (!p.isAlive()) {
                            throw new AssertionError("vaultrisk serve exited early (exit " + p.exitValue() + ")");
                        }
                        return send(port, "GET", "/q/health/ready", null, null).statusCode() == 200;
                    });
            return p;
        } catch (RuntimeException | AssertionError e) {
            kill(p);
            throw e;
        }
    }

    /** SIGKILL to the service JVM (the deepest process) first, then to the launcher above it. */
    private static void kill(Process p) {
        List<ProcessHandle> tree = new ArrayList<>(p.toHandle().descendants().toList());
        tree.sort(Comparator.comparingLong(ProcessHandle::pid).reversed());
        tree.forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        tree.forEach(h -> h.onExit().join());
        p.onExit().join();
    }

    private static void stop(Process p) throws InterruptedException {
        p.toHandle().descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            kill(p);
        }
    }

    private static JsonNode get(int port, String path, String key) throws Exception {
        HttpResponse<String> r = send(port, "GET", path, key, null);
        assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static HttpResponse<String> post(int port, String path, String key, String body)
            throws IOException, InterruptedException {
        return send(port, "POST", path, key, body);
    }

    private static HttpResponse<String> send(int port, String method, String path, String key, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("X-API-Key", key);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
