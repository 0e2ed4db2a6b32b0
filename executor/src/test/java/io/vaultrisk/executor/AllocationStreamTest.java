package io.vaultrisk.executor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;

/**
 * The allocation stream client, the notice parser and the event reporter against real HTTP servers on loopback (the
 * test's {@link AllocationEndpoint}, and a bare JDK server for hand-written event framing): no chain needed.
 */
class AllocationStreamTest {

    private static final ECKeyPair KEY = Credentials.create(
                    "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318")
            .getEcKeyPair();
    private static final String VAULT = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private AllocationEndpoint service;
    private final List<String> notices = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        service = new AllocationEndpoint();
    }

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void parse_withoutLoopFields_normalAndScheduled() throws Exception {
        String json = service.publish(VAULT, 31337, 3, 2_000_000_000L, List.of(4000, 3000, 3000), KEY);
        ObjectMapper m = new ObjectMapper();
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) m.readTree(json);
        tree.remove("urgent");
        tree.remove("trigger");

        AllocationNotice n = AllocationNotice.parse(m.writeValueAsString(tree));

        assertThat(n.urgent()).isFalse();
        assertThat(n.trigger()).isEqualTo("scheduled");
        assertThat(n.nonce()).isEqualTo(BigInteger.valueOf(3));
        assertThat(n.allocation().weightsBps()).containsExactly(4000, 3000, 3000);
    }

    @Test
    void next_publishedWhileConnected_deliversUrgentNoticeWithTrigger() throws Exception {
        service.publish(VAULT, 31337, 1, 2_000_000_000L, List.of(6000, 2000, 2000), KEY);
        try (AllocationStream stream = start(service.url())) {
            AllocationNotice onConnect = stream.next(WAIT);
            service.publishUrgent(
                    VAULT, 31337, 2, 2_000_000_000L, List.of(9000, 500, 500), KEY, "breach: ES99 1d 14.2% > 12%");
            AllocationNotice pushed = stream.next(WAIT);

            assertThat(onConnect.nonce()).isEqualTo(BigInteger.ONE);
            assertThat(onConnect.urgent()).isFalse();
            assertThat(pushed.nonce()).isEqualTo(BigInteger.TWO);
            assertThat(pushed.urgent()).isTrue();
            assertThat(pushed.trigger()).isEqualTo("breach: ES99 1d 14.2% > 12%");
            assertThat(stream.next(Duration.ofMillis(200))).as("nothing new").isNull();
        }
    }

    @Test
    void next_streamDropped_reconnectsAndDeliversLaterAllocation() throws Exception {
        try (AllocationStream stream = start(service.url())) {
            awaitConnections(1);
            service.dropStreams();
            awaitConnections(2);
            service.publish(VAULT, 31337, 7, 2_000_000_000L, List.of(5000, 2500, 2500), KEY);

            AllocationNotice n = stream.next(WAIT);

            assertThat(n).isNotNull();
            assertThat(n.nonce()).isEqualTo(BigInteger.valueOf(7));
            assertThat(stream.connections()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void start_serviceWithoutStream_saysSoOnceAndDeliversNothing() throws Exception {
        service.offer(false, true);
        service.publish(VAULT, 31337, 1, 2_000_000_000L, List.of(6000, 2000, 2000), KEY);
        try (AllocationStream stream = start(service.url())) {
            assertThat(stream.next(Duration.ofMillis(800))).isNull();
        }
        assertThat(notices).singleElement().asString().contains("no allocation stream (404");
    }

    @Test
    void next_handWrittenFraming_multiLineDataCommentsAndOtherEventsHandled() throws Exception {
        String json = service.publish(VAULT, 31337, 4, 2_000_000_000L, List.of(6000, 2000, 2000), KEY);
        // the JSON split over two data lines, which a client joins with a newline (still valid JSON)
        int cut = json.indexOf(",\"strategies\"");
        String framed = ": keep-alive\n\nevent: heartbeat\ndata: {}\n\nevent: allocation\ndata: "
                + json.substring(0, cut + 1) + "\ndata:" + json.substring(cut + 1) + "\n\n";
        HttpServer raw = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        raw.createContext("/", ex -> {
            ex.getResponseHeaders().set("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(framed.getBytes(StandardCharsets.UTF_8));
            }
        });
        raw.start();
        try (AllocationStream stream =
                start(URI.create("http://127.0.0.1:" + raw.getAddress().getPort()))) {
            AllocationNotice n = stream.next(WAIT);

            assertThat(n.nonce()).isEqualTo(BigInteger.valueOf(4));
            assertThat(n.allocation().signature()).startsWith("0x").hasSize(132);
        } finally {
            raw.stop(0);
        }
    }

    @Test
    void report_refusalTwiceThenExecuted_postsEachOnceWithTheAgreedFields() throws Exception {
        EventReporter reporter = new EventReporter(service.url(), AllocationEndpoint.API_KEY, VAULT);
        var refused = new EventReporter.Event(
                BigInteger.valueOf(12), "refused", "circuit breaker: stale", null, 40L, List.of(10_000, 0, 0));

        boolean first = reporter.report(refused);
        boolean repeat = reporter.report(refused);
        boolean executed = reporter.report(new EventReporter.Event(
                BigInteger.valueOf(13), "executed", "breach", "0xabc", 41L, List.of(9000, 500, 500)));

        assertThat(first).isTrue();
        assertThat(repeat).as("same refusal again is not re-posted").isFalse();
        assertThat(executed).isTrue();
        assertThat(service.events()).hasSize(2);
        JsonNode r = new ObjectMapper().readTree(service.events().get(0));
        assertThat(r.get("nonce").asText()).isEqualTo("12");
        assertThat(r.get("nonce").isTextual()).as("nonce as a decimal string").isTrue();
        assertThat(r.get("kind").asText()).isEqualTo("refused");
        assertThat(r.get("reason").asText()).isEqualTo("circuit breaker: stale");
        assertThat(r.has("tx")).isFalse();
        assertThat(r.get("block").asLong()).isEqualTo(40);
        JsonNode e = new ObjectMapper().readTree(service.events().get(1));
        assertThat(e.get("tx").asText()).isEqualTo("0xabc");
        assertThat(e.get("weightsBps").toString()).isEqualTo("[9000,500,500]");
    }

    @Test
    void report_serviceWithoutEndpoint_toleratesTheNotFound() {
        service.offer(true, false);
        EventReporter reporter = new EventReporter(service.url(), AllocationEndpoint.API_KEY, VAULT);

        boolean posted = reporter.report(
                new EventReporter.Event(BigInteger.ONE, "executed", "", "0x1", 1L, List.of(10_000, 0, 0)));

        assertThat(posted).isFalse();
        assertThat(reporter.reported()).hasSize(1);
        assertThat(service.events()).isEmpty();
    }

    private AllocationStream start(URI url) {
        return AllocationStream.start(url, AllocationEndpoint.API_KEY, VAULT, Duration.ofMillis(50), notices::add);
    }

    private void awaitConnections(int n) {
        org.awaitility.Awaitility.await()
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> service.streamConnections() >= n);
    }
}
