package io.vaultrisk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The demo's calls to the service it started: JSON in and out, any answer of 300 or more is an exception. */
final class ServiceHttp {
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    ServiceHttp(String base) {
        this.base = base;
    }

    String base() {
        return base;
    }

    JsonNode get(String path, String key) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .GET();
        if (key != null) {
            b.header("X-API-Key", key);
        }
        return send(b.build());
    }

    JsonNode post(String path, String key, JsonNode body) throws IOException, InterruptedException {
        return send(json(path, key).POST(body(body)).build());
    }

    JsonNode put(String path, String key, JsonNode body) throws IOException, InterruptedException {
        return send(json(path, key).PUT(body(body)).build());
    }

    /**
     * Polls a job until it succeeded (its JSON) or failed (an exception), for at most five minutes; a stress report
     * carries its status in its {@code summary}.
     */
    JsonNode awaitJob(String path, String key) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode job = get(path, key);
            String status = (job.has("summary") ? job.get("summary") : job)
                    .path("status")
                    .asText();
            if (status.equalsIgnoreCase("succeeded")) {
                return job;
            }
            if (status.equalsIgnoreCase("failed")) {
                throw new IllegalStateException(
                        "job " + path + " failed: " + job.path("error").asText());
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("job " + path + " did not finish in 5 minutes");
    }

    private HttpRequest.Builder json(String path, String key) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .header("X-API-Key", key)
                .header("Content-Type", "application/json");
    }

    private static HttpRequest.BodyPublisher body(JsonNode body) throws IOException {
        return HttpRequest.BodyPublishers.ofString(CliSupport.JSON.writeValueAsString(body));
    }

    private JsonNode send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(
                    request.method() + " " + request.uri().getPath() + " answered " + response.statusCode() + ": "
                            + CliSupport.oneLine(response.body()));
        }
        return CliSupport.JSON.readTree(response.body());
    }
}
