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
 */
final class AllocationEndpoint implements AutoCloseable {

    static final String API_KEY = "executor-test-key";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger dropNext = new AtomicInteger();
    private volatile String body;
    private volatile String etag;

    AllocationEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/vaults/", this::handle);
        server.start();
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
        return publishRaw(vault, chainId, nonce, validUntil, weights, key, null);
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
                                        field("weightsBps", "uint256[]"))));
        typed.put("primaryType", "Allocation");
        typed.put(
                "domain", Map.of("name", "Vaultrisk", "version", "1", "chainId", chainId, "verifyingContract", vault));
        typed.put("message", Map.of("vault", vault, "nonce", nonce, "validUntil", validUntil, "weightsBps", weights));
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
        out.put("digest", claimedDigest != null ? claimedDigest : Numeric.toHexString(digest));
        out.put("signature", Numeric.toHexString(rsv));
        out.put("signer", Credentials.create(key).getAddress());
        out.put("createdAt", "2026-11-25T07:00:00Z");
        String json = JSON.writeValueAsString(out);
        body = json;
        etag = "\""
                + Numeric.toHexString(Hash.sha3(json.getBytes(StandardCharsets.UTF_8)))
                        .substring(2, 18) + "\"";
        return json;
    }

    private static Map<String, String> field(String name, String type) {
        return Map.of("name", name, "type", type);
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        if (dropNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            ex.close(); // no status line: the client sees the connection end mid-exchange
            return;
        }
        try (ex) {
            String path = ex.getRequestURI().getPath();
            if (!path.endsWith("/allocation/latest")) {
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
        server.stop(0);
    }
}
