package io.vaultrisk.service;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/** Test helpers over the running app: keys with roles, vaults with fresh addresses, job polling. */
public final class Api {
    public static final Path SHARED_DATA = Path.of("target/test-data/shared");
    private static final AtomicLong VAULTS = new AtomicLong(System.nanoTime() & 0xffffff);

    private Api() {}

    public static String adminKey(Path dataDir) {
        try {
            return Files.readString(dataDir.resolve("admin.key")).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String adminKey() {
        return adminKey(SHARED_DATA);
    }

    public static RequestSpecification as(String key) {
        return given().header("X-API-Key", key).contentType(ContentType.JSON);
    }

    public static String newKey(String... roles) {
        return as(adminKey())
                .body(Map.of("name", "test-" + String.join("-", roles), "roles", List.of(roles)))
                .post("/api/v1/keys")
                .then()
                .statusCode(201)
                .extract()
                .path("key");
    }

    /** A fresh, never-registered address (lower case). */
    public static String freshAddress() {
        return String.format("0x%040x", VAULTS.incrementAndGet() * 7919 + 0xabc);
    }

    /** Registers a vault with these strategies; returns its checksummed address. */
    public static String registerVault(String admin, List<String> strategies) {
        return as(admin)
                .body(Map.of("address", freshAddress(), "chainId", 31337, "strategies", strategies))
                .post("/api/v1/vaults")
                .then()
                .statusCode(201)
                .extract()
                .path("address");
    }

    /** Polls a job URL until it is no longer queued or running (30 s at most). */
    public static Response awaitJob(String key, String location) {
        return await(
                "job " + location,
                () -> as(key).get(location),
                r -> !"queued".equals(r.path("status")) && !"running".equals(r.path("status")));
    }

    /** Polls a stress report until its summary says succeeded or failed (60 s at most: a report runs a book). */
    public static JsonPath awaitReport(String key, String location) {
        return await(
                "stress report " + location,
                () -> as(key).get(location).jsonPath(),
                r -> r.getString("summary.status").matches("succeeded|failed"),
                Duration.ofSeconds(60));
    }

    /** Polls {@code poll} every 50 ms until {@code done} holds (30 s at most) and returns that last answer. */
    public static <T> T await(String what, Callable<T> poll, Predicate<T> done) {
        return await(what, poll, done, Duration.ofSeconds(30));
    }

    private static <T> T await(String what, Callable<T> poll, Predicate<T> done, Duration atMost) {
        return Awaitility.await(what)
                .atMost(atMost)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(50))
                .until(poll, done);
    }

    /** Location header as a path (RestAssured resolves it against the test port itself). */
    public static String path(Response r) {
        String loc = r.header("Location");
        return loc.replaceFirst("^https?://[^/]+", "");
    }
}
