package io.vaultrisk.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The 4xx that Vert.x or the body reader answer before a resource runs (URI, headers or declared body too large) are problem+json too, and say nothing about the libraries behind them. Raw sockets: an HTTP client
 * library would refuse to send most of these.
 */
@QuarkusTest
@TestProfile(SharedProfile.class)
class FrameworkErrorsTest {

    @Test
    void get_uriOverLimit_414ProblemJson() throws IOException {
        String response = exchange("GET /api/v1/signer?pad=" + "a".repeat(6000) + " HTTP/1.1\r\nHost: x\r\n"
                + "Connection: close\r\n\r\n");
        assertProblem(response, 414);
    }

    @Test
    void get_headersOverLimit_431ProblemJson() throws IOException {
        String response = exchange("GET /api/v1/signer HTTP/1.1\r\nHost: x\r\nX-Pad: " + "b".repeat(30_000)
                + "\r\nConnection: close\r\n\r\n");
        assertProblem(response, 431);
    }

    @Test
    void post_declaredBodyOverLimit_413ProblemJson() throws IOException {
        String response = exchange("POST /api/v1/allocations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "X-API-Key: " + Api.adminKey() + "\r\nContent-Length: 20000000\r\nConnection: close\r\n\r\n{");
        assertProblem(response, 413);
    }

    /**
     * Chunk sizes that are not hex, negative or overflow a long, a chunk extension over the decoder's 64 KiB line, and
     * chunk data not followed by CRLF: Netty's decoder fails the connection and Vert.x closes it (see service/README),
     * so what arrives is nothing or a 400 problem+json, never a 5xx; the service goes on, nothing stored is lost.
     */
    @Test
    void post_malformedChunkedBodies_closedOr400AndNothingLost() throws IOException {
        String admin = Api.adminKey();
        String vault = Api.registerVault(admin, List.of("stable", "btc"));
        List<String> before = Api.as(admin)
                .get("/api/v1/vaults")
                .then()
                .statusCode(200)
                .extract()
                .path("address");
        String head = "POST /api/v1/vaults HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-API-Key: " + admin
                + "\r\nTransfer-Encoding: chunked\r\n\r\n";
        for (String body : List.of(
                "zz\r\n{}\r\n0\r\n\r\n",
                "-5\r\n{}\r\n0\r\n\r\n",
                "ffffffffffffffffffff\r\n{}\r\n0\r\n\r\n",
                "2;" + "x".repeat(70_000) + "\r\n{}\r\n0\r\n\r\n",
                "2\r\n{}XX0\r\n\r\n")) {
            String response = exchange(head + body);
            if (!response.isEmpty()) {
                assertProblem(response, 400);
            }
            Api.as(admin).get("/api/v1/signer").then().statusCode(200);
        }
        // the next request, on a new connection, is served; every vault stored before is still there
        List<String> after = Api.as(admin)
                .get("/api/v1/vaults")
                .then()
                .statusCode(200)
                .extract()
                .path("address");
        assertThat(after).containsExactlyInAnyOrderElementsOf(before).contains(vault);
    }

    /**
     * A chunked body cut short by the client closing its side: the connection is gone, so there is nobody to answer
     * (nothing or a 400 arrives, never a 5xx) and the service goes on serving.
     */
    @Test
    void post_truncatedChunkedBody_no5xxAndNextRequestServed() throws IOException {
        String admin = Api.adminKey();
        String response;
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/vaults HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-API-Key: "
                            + admin + "\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n{\"address\":")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.shutdownOutput();
            response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.net.SocketException e) {
            response = "";
        }
        assertThat(response).doesNotStartWith("HTTP/1.1 5");
        Api.as(admin).get("/api/v1/signer").then().statusCode(200);
    }

    private static void assertProblem(String response, int status) {
        assertThat(response).startsWith("HTTP/1.1 " + status + " ");
        assertThat(response.toLowerCase(java.util.Locale.ROOT)).contains("content-type: application/problem+json");
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        assertThat(body).contains("\"status\":" + status).contains("\"detail\":");
        assertThat(body).doesNotContainPattern("(?i)jackson|vertx|netty|resteasy|exception|java\\.");
    }

    private static String exchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    got.write(buf, 0, n);
                }
            } catch (java.net.SocketTimeoutException | java.net.SocketException e) {
                // the server closed or went quiet after answering: what arrived is the answer
            }
            return got.toString(StandardCharsets.UTF_8);
        }
    }
}
