package io.vaultrisk.service.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vaultrisk.service.auth.ApiKey;
import io.vaultrisk.service.auth.ApiKeyFilter;
import io.vaultrisk.service.auth.ApiKeys;
import io.vaultrisk.service.auth.Role;
import io.vaultrisk.service.config.ServiceConfig;
import io.vaultrisk.service.error.Problem;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;

/**
 * What applies to every HTTP response, including those JAX-RS never sees (the dashboard's static files, /q/*):
 * security headers, and an API key with the risk role for the Prometheus metrics (they name vaults' job volumes).
 */
@ApplicationScoped
public class HttpFilters {
    /** Scripts and styles only from this origin (Chart.js is served from the webjar), never framed. */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    @Inject
    ApiKeys keys;

    @Inject
    ObjectMapper json;

    @Inject
    ServiceConfig config;

    void register(@Observes Filters filters) {
        filters.register(this::filter, 100);
    }

    private void filter(RoutingContext rc) {
        HttpServerResponse response = rc.response();
        response.putHeader("X-Content-Type-Options", "nosniff");
        response.putHeader("X-Frame-Options", "DENY");
        response.putHeader("Referrer-Policy", "no-referrer");
        if (!withinLimits(rc)) {
            return;
        }
        String path = rc.normalizedPath();
        if (!path.startsWith("/api/") && !path.startsWith("/q/")) {
            response.putHeader("Content-Security-Policy", CSP);
        }
        if (path.equals("/q/metrics") || path.startsWith("/q/metrics/")) {
            String presented = rc.request().getHeader(ApiKeyFilter.HEADER);
            Optional<ApiKey> key = presented == null ? Optional.empty() : keys.verify(presented.trim());
            if (key.isEmpty()) {
                refuse(rc, 401, "Unauthorized", "the metrics need an API key (role risk) in " + ApiKeyFilter.HEADER);
                return;
            }
            if (!key.get().holds(Role.RISK)) {
                refuse(rc, 403, "Forbidden", "API key " + key.get().id() + " lacks the role risk needed here");
                return;
            }
        }
        rc.next();
    }

    /**
     * The request line, headers and declared body against this service's limits, before anything reads the body
     * (Quarkus' own body-size check answers with an empty 413, and runs after this filter).
     */
    private boolean withinLimits(RoutingContext rc) {
        ServiceConfig.Http limits = config.http();
        String uri = rc.request().uri();
        if (uri.length() > limits.maxUriLength()) {
            return refuseAndClose(
                    rc,
                    414,
                    "URI too long",
                    "the request target is " + uri.length() + " characters, over the " + limits.maxUriLength()
                            + " this service accepts",
                    null);
        }
        long headerBytes = 0;
        for (Map.Entry<String, String> h : rc.request().headers()) {
            headerBytes += h.getKey().length() + h.getValue().length() + 4;
        }
        if (headerBytes > limits.maxHeaderBytes()) {
            return refuseAndClose(
                    rc,
                    431,
                    "Request header fields too large",
                    "the request headers are " + headerBytes + " bytes, over the " + limits.maxHeaderBytes()
                            + " this service accepts",
                    null);
        }
        String length = rc.request().getHeader("Content-Length");
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                return refuseAndClose(rc, 400, "Bad request", "Content-Length is not a number", "Content-Length");
            }
            if (declared > limits.maxBodyBytes()) {
                return refuseAndClose(
                        rc,
                        413,
                        "Content too large",
                        "the request body is " + declared + " bytes, over the " + limits.maxBodyBytes()
                                + " this service accepts",
                        "Content-Length");
            }
        }
        return true;
    }

    private boolean refuseAndClose(RoutingContext rc, int status, String title, String detail, String field) {
        // the rest of an oversized request is not read: the connection cannot be reused
        rc.response().putHeader("Connection", "close");
        refuse(rc, status, title, detail, field);
        return false;
    }

    private void refuse(RoutingContext rc, int status, String title, String detail) {
        refuse(rc, status, title, detail, ApiKeyFilter.HEADER);
    }

    private void refuse(RoutingContext rc, int status, String title, String detail, String field) {
        try {
            rc.response()
                    .setStatusCode(status)
                    .putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .end(json.writeValueAsString(Problem.of(status, title, detail, instance(rc), field)));
        } catch (JsonProcessingException e) {
            rc.fail(e);
        }
    }

    /** The path, cut short: an over-long one is what is being refused. */
    private static String instance(RoutingContext rc) {
        String path = rc.normalizedPath();
        return path.length() > 200 ? path.substring(0, 200) + "…" : path;
    }
}
