package io.vaultrisk.executor;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads the latest signed allocation of one vault from the risk service, with the executor's API key. Uses the ETag
 * so that an unchanged allocation costs the service a 304. Transport failures and 5xx surface as {@link IOException}
 * (the caller retries them); a refused key or any other 4xx is an {@link ExecutorException} (retrying cannot help).
 */
final class AllocationClient {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI endpoint;
    private final String apiKey;
    private String etag;
    private AllocationNotice cached;

    AllocationClient(URI serviceUrl, String apiKey, String vault) {
        String base = serviceUrl.toString().replaceAll("/+$", "");
        this.endpoint = URI.create(base + "/api/v1/vaults/" + vault + "/allocation/latest");
        this.apiKey = apiKey;
    }

    /** The latest allocation, or empty when the service has none for this vault (404). */
    Optional<AllocationNotice> latest() throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(10))
                .header("X-API-Key", apiKey)
                .header("Accept", "application/json")
                .GET();
        if (etag != null && cached != null) {
            request.header("If-None-Match", etag);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while polling " + endpoint, e);
        }
        int status = response.statusCode();
        if (status == 304 && cached != null) {
            return Optional.of(cached);
        }
        if (status == 404) {
            return Optional.empty();
        }
        if (status >= 500) {
            throw new IOException("service answered " + status + " for " + endpoint);
        }
        if (status == 401 || status == 403) {
            throw new ExecutorException("service refused the API key (" + status + "): " + abbreviate(response.body()));
        }
        if (status != 200) {
            throw new ExecutorException(
                    "service answered " + status + " for " + endpoint + ": " + abbreviate(response.body()));
        }
        AllocationNotice body = AllocationNotice.parse(response.body());
        cached = body;
        etag = response.headers().firstValue("ETag").orElse(null);
        return Optional.of(body);
    }

    URI endpoint() {
        return endpoint;
    }

    private static String abbreviate(String s) {
        String t = s == null ? "" : s.strip().replaceAll("\\s+", " ");
        return t.length() > 300 ? t.substring(0, 300) + "…" : t;
    }
}
