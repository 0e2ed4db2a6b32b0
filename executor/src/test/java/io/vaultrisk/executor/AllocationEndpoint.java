package io.vaultrisk.executor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Sign;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.utils.Numeric;

/**
 * The allocation endpoint of the risk service, served from a JDK HttpServer on loopback, because the Quarkus service
 * is built in parallel on another branch. It signs exactly as the service is specified to (EIP-712 typed data hashed
 * by web3j's StructuredDataEncoder, signed with web3j's Sign, 65 bytes r‖s‖v) and answers with the same JSON, ETag
 * and problem+json errors. This is deliberately an independent signing path from the executor's own digest code; the
 * end-to-end test against the real service belongs to the main session.
 * <p>
 * Issue 18's loop endpoints as the service specifies them: {@code /allocations/stream} (server-sent events, the latest
 * allocation on connect and each new one as it is published, with {@code urgent} and {@code trigger} next to the
 * signed fields) and {@code POST /executor-events}, whose bodies are kept for the tests to read. Either can be switched
 * off (404), as on a service from before issue 18.
 */
final class AllocationEndpoint implements AutoCloseable {

    static final String API_KEY = "executor-test-key";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger dropNext = new AtomicInteger();
    private static final String DROP = "\u0000drop";

    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "allocation-endpoint");
        t.setDaemon(true);
        return t;
    });
    private final List<BlockingQueue<String>> subscribers = new CopyOnWriteArrayList<>();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final AtomicInteger streamConnections = new AtomicInteger();
    private volatile String body;
    private volatile String etag;
    private volatile boolean streamOffered = true;
    private volatile boolean eventsOffered = true;
    private volatile boolean closed;
    private volatile boolean feedRoundsOffered = true;
    private final List<String> postedRounds = new CopyOnWriteArrayList<>();
    private final Map<String, java.math.BigInteger> marketRounds = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, java.math.BigDecimal> marketPrices = new java.util.concurrent.ConcurrentHashMap<>();

    /** An answer of the protection-orders endpoint: status and JSON body. */
    record Answer(int status, String json) {}

    /** Answers {@code POST …/protection-orders} from the posted body (null: 404, as on a service without it). */
    private volatile java.util.function.Function<String, Answer> protectionOrders;

    private final List<String> protectionRequests = new CopyOnWriteArrayList<>();
    private volatile Map<String, Object> protection;

    AllocationEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/vaults/", this::handle);
        server.createContext("/api/v1/market/feed-rounds", this::feedRounds);
        // a stream holds its exchange open: every exchange gets its own thread
        server.setExecutor(threads);
        server.start();
    }

    /** Every feed round posted, as "asset#roundId", oldest first (repeats included). */
    List<String> postedRounds() {
        return List.copyOf(postedRounds);
    }

    /** The market price of an asset as the service keeps it: the answer of its latest round (null before one). */
    java.math.BigDecimal marketPrice(String asset) {
        return marketPrices.get(asset);
    }

    /**
     * {@code POST /api/v1/market/feed-rounds} as the service specifies it: keyed by asset, a round not later than the
     * asset's last is ignored.
     */
    private void feedRounds(HttpExchange ex) throws IOException {
        try (ex) {
            if (!feedRoundsOffered) {
                problem(
                        ex,
                        404,
                        "Not Found",
                        "no such resource " + ex.getRequestURI().getPath());
                return;
            }
            if (!API_KEY.equals(ex.getRequestHeaders().getFirst("X-API-Key"))) {
                problem(ex, 403, "Forbidden", "API key lacks the executor role");
                return;
            }
            var body = JSON.readTree(ex.getRequestBody());
            for (var r : body.get("rounds")) {
                String asset = r.get("asset").asText();
                java.math.BigInteger id =
                        new java.math.BigInteger(r.get("roundId").asText());
                postedRounds.add(asset + "#" + id);
                java.math.BigInteger last = marketRounds.get(asset);
                if (last == null || id.compareTo(last) > 0) {
                    marketRounds.put(asset, id);
                    marketPrices.put(
                            asset,
                            new java.math.BigDecimal(r.get("answer").asText())
                                    .movePointLeft(r.get("decimals").asInt()));
                }
            }
            ex.sendResponseHeaders(200, -1);
        }
    }

    /** Whether {@code /market/feed-rounds} exists (404 when not). */
    void offerFeedRounds(boolean offered) {
        feedRoundsOffered = offered;
    }

    /** Bodies of the executor events posted so far, oldest first. */
    List<String> events() {
        return List.copyOf(events);
    }

    /** How {@code POST …/protection-orders} answers (null: 404). */
    void protectionOrders(java.util.function.Function<String, Answer> handler) {
        protectionOrders = handler;
    }

    /** Bodies posted to {@code …/protection-orders}, oldest first. */
    List<String> protectionRequests() {
        return List.copyOf(protectionRequests);
    }

    /** The {@code protection} object the next urgent publication carries (null: none). */
    void protection(Map<String, Object> p) {
        protection = p;
    }

    /** Stream connections accepted so far. */
    int streamConnections() {
        return streamConnections.get();
    }

    /** Whether {@code /allocations/stream} and {@code /executor-events} exist (404 when not). */
    void offer(boolean stream, boolean executorEvents) {
        streamOffered = stream;
        eventsOffered = executorEvents;
    }

    /** Ends every open stream, as a restarting service or a proxy's idle timeout would. */
    void dropStreams() {
        for (BlockingQueue<String> q : subscribers) {
            q.offer(DROP);
        }
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    int requests() {
        return requests.get();
    }

    /** The next n requests are dropped without an answer (a connection reset, as from a restarting service). */
    void dropNext(int n) {
        dropNext.set(n);
    }

    void clear() {
        body = null;
    }

    /** Publishes an allocation signed by key; returns the JSON served. */
    String publish(String vault, long chainId, long nonce, long validUntil, List<Integer> weights, ECKeyPair key)
            throws IOException {
        return publishRaw(vault, chainId, nonce, validUntil, weights, List.of(), key, null, false, null);
    }

    /** As {@link #publish}, carrying a receipt's inputs hash (0x and 64 hex digits), signed. */
    String publishWithInputs(
            String vault,
            long chainId,
            long nonce,
            long validUntil,
            List<Integer> weights,
            String inputsHash,
            ECKeyPair key)
            throws IOException {
        return publishRaw(vault, chainId, nonce, validUntil, weights, List.of(), inputsHash, key, null, false, null);
    }

    /** As {@link #publish}, with the reference prices the signer saw (USD per whole token, times 1e18). */
    String publishPriced(
            String vault,
            long chainId,
            long nonce,
            long validUntil,
            List<Integer> weights,
            List<java.math.BigInteger> referencePricesX18,
            ECKeyPair key)
            throws IOException {
        return publishRaw(vault, chainId, nonce, validUntil, weights, referencePricesX18, key, null, false, null);
    }

    /** As {@link #publish}, marked urgent (a breach) with its trigger. */
    String publishUrgent(
            String vault,
            long chainId,
            long nonce,
            long validUntil,
            List<Integer> weights,
            ECKeyPair key,
            String trigger)
            throws IOException {
        return publishRaw(vault, chainId, nonce, validUntil, weights, List.of(), key, null, true, trigger);
    }

    /** As {@link #publish}, optionally overriding the digest the body claims (a service bug or tampering). */
    String publishRaw(
            String vault,
            long chainId,
            long nonce,
            long validUntil,
            List<Integer> weights,
            ECKeyPair key,
            String claimedDigest)
            throws IOException {
        return publishRaw(vault, chainId, nonce, validUntil, weights, List.of(), key, claimedDigest, false, null);
    }

    private String publishRaw(
            String vault,
            long chainId,
            long nonce,
            long validUntil,
            List<Integer> weights,
            List<java.math.BigInteger> prices,
            ECKeyPair key,
            String claimedDigest,
            boolean urgent,
            String trigger)
            throws IOException {
        String none = "0x" + "0".repeat(64);
        return publishRaw(
                vault, chainId, nonce, validUntil, weights, prices, none, key, claimedDigest, urgent, trigger);
    }

    private String publishRaw(
            String vault,
            long chainId,
            long nonce,
            long validUntil,
            List<Integer> weights,
            List<java.math.BigInteger> prices,
            String inputsHash,
            ECKeyPair key,
            String claimedDigest,
            boolean urgent,
            String trigger)
            throws IOException {
        Map<String, Object> typed = new LinkedHashMap<>();
        typed.put(
                "types",
                Map.of(
                        "EIP712Domain",
                                List.of(
                                        field("name", "string"),
                                        field("version", "string"),
                                        field("chainId", "uint256"),
                                        field("verifyingContract", "address")),
                        "Allocation",
                                List.of(
                                        field("vault", "address"),
                                        field("nonce", "uint256"),
                                        field("validUntil", "uint256"),
                                        field("weightsBps", "uint256[]"),
                                        field("referencePricesX18", "uint256[]"),
                                        field("inputsHash", "bytes32"))));
        typed.put("primaryType", "Allocation");
        typed.put(
                "domain", Map.of("name", "Vaultrisk", "version", "3", "chainId", chainId, "verifyingContract", vault));
        typed.put(
                "message",
                Map.of(
                        "vault",
                        vault,
                        "nonce",
                        nonce,
                        "validUntil",
                        validUntil,
                        "weightsBps",
                        weights,
                        "referencePricesX18",
                        prices,
                        "inputsHash",
                        inputsHash));
        byte[] digest = new StructuredDataEncoder(JSON.writeValueAsString(typed)).hashStructuredData();
        Sign.SignatureData sig = Sign.signMessage(digest, key, false);
        byte[] rsv = new byte[65];
        System.arraycopy(sig.getR(), 0, rsv, 0, 32);
        System.arraycopy(sig.getS(), 0, rsv, 32, 32);
        rsv[64] = sig.getV()[0];
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("vault", vault);
        out.put("chainId", chainId);
        out.put("nonce", nonce);
        out.put("validUntil", validUntil);
        out.put("strategies", List.of("USDC", "WBTC", "WETH"));
        out.put("weightsBps", weights);
        out.put("referencePricesX18", prices);
        out.put("referencePriceSource", prices.isEmpty() ? "none" : "market-feed");
        out.put("inputsHash", inputsHash);
        out.put("digest", claimedDigest != null ? claimedDigest : Numeric.toHexString(digest));
        out.put("signature", Numeric.toHexString(rsv));
        out.put("signer", Credentials.create(key).getAddress());
        out.put("createdAt", "2026-11-25T07:00:00Z");
        out.put("urgent", urgent);
        out.put("trigger", trigger == null ? "scheduled" : trigger);
        if (urgent && protection != null) {
            out.put("protection", protection);
        }
        return serve(JSON.writeValueAsString(out));
    }

    /** Serves {@code json} as the latest allocation as it is (e.g. a published body altered on the way). */
    String serve(String json) {
        body = json;
        etag = "\""
                + Numeric.toHexString(Hash.sha3(json.getBytes(StandardCharsets.UTF_8)))
                        .substring(2, 18) + "\"";
        for (BlockingQueue<String> q : subscribers) {
            q.offer(json);
        }
        return json;
    }

    private static Map<String, String> field(String name, String type) {
        return Map.of("name", name, "type", type);
    }

    private void handle(HttpExchange ex) throws IOException {
        if (!ex.getRequestURI().getPath().endsWith("/allocation/latest")) {
            answer(ex); // the stream and the executor events: not counted, never dropped
            return;
        }
        requests.incrementAndGet();
        if (dropNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            ex.close(); // no status line: the client sees the connection end mid-exchange
            return;
        }
        answer(ex);
    }

    private void answer(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            boolean stream = path.endsWith("/allocations/stream") && streamOffered;
            boolean event = path.endsWith("/executor-events") && eventsOffered;
            java.util.function.Function<String, Answer> orders = protectionOrders;
            boolean order = path.endsWith("/protection-orders") && orders != null;
            if (!path.endsWith("/allocation/latest") && !stream && !event && !order) {
                problem(ex, 404, "Not Found", "no such resource " + path);
                return;
            }
            String key = ex.getRequestHeaders().getFirst("X-API-Key");
            if (key == null) {
                problem(ex, 401, "Unauthorized", "X-API-Key header missing");
                return;
            }
            if (!API_KEY.equals(key)) {
                problem(ex, 403, "Forbidden", "API key lacks the executor role");
                return;
            }
            if (order) {
                String posted = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                protectionRequests.add(posted);
                Answer a = orders.apply(posted);
                byte[] bytes = a.json().getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders()
                        .set("Content-Type", a.status() < 300 ? "application/json" : "application/problem+json");
                ex.sendResponseHeaders(a.status(), bytes.length);
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(bytes);
                }
                return;
            }
            if (event) {
                events.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                ex.sendResponseHeaders(202, -1);
                return;
            }
            if (stream) {
                stream(ex);
                return;
            }
            String current = body;
            if (current == null) {
                problem(ex, 404, "Not Found", "vault has no published allocation");
                return;
            }
            if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                ex.getResponseHeaders().set("ETag", etag);
                ex.sendResponseHeaders(304, -1);
                return;
            }
            byte[] bytes = current.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.getResponseHeaders().set("ETag", etag);
            ex.sendResponseHeaders(200, bytes.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(bytes);
            }
        }
    }

    /** Server-sent events until the client goes, the stream is dropped or the endpoint closes. */
    private void stream(HttpExchange ex) throws IOException {
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        subscribers.add(queue);
        streamConnections.incrementAndGet();
        try {
            ex.getResponseHeaders().set("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            OutputStream os = ex.getResponseBody();
            os.write(": connected\n\n".getBytes(StandardCharsets.UTF_8));
            String current = body;
            if (current != null) {
                event(os, current);
            }
            while (!closed) {
                String next = queue.poll(50, TimeUnit.MILLISECONDS);
                if (DROP.equals(next)) {
                    return;
                }
                if (next != null) {
                    event(os, next);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            subscribers.remove(queue);
        }
    }

    private static void event(OutputStream os, String json) throws IOException {
        os.write(("event: allocation\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
        os.flush();
    }

    private static void problem(HttpExchange ex, int status, String title, String detail) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(
                Map.of("type", "about:blank", "title", title, "status", status, "detail", detail));
        ex.getResponseHeaders().set("Content-Type", "application/problem+json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(bytes);
        }
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        threads.shutdownNow();
    }
}
