package io.vaultrisk.service.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vaultrisk.service.auth.ApiKey;
import io.vaultrisk.service.auth.ApiKeyFilter;
import io.vaultrisk.service.auth.ApiKeys;
import io.vaultrisk.service.auth.Role;
import io.vaultrisk.service.error.Problem;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
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

    void register(@Observes Filters filters) {
        filters.register(this::filter, 100);
    }

    private void filter(RoutingContext rc) {
        HttpServerResponse response = rc.response();
        response.putHeader("X-Content-Type-Options", "nosniff");
        response.putHeader("X-Frame-Options", "DENY");
        response.putHeader("Referrer-Policy", "no-referrer");
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

    private void refuse(RoutingContext rc, int status, String title, String detail) {
        try {
            rc.response()
                    .setStatusCode(status)
                    .putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .end(json.writeValueAsString(
                            Problem.of(status, title, detail, rc.normalizedPath(), ApiKeyFilter.HEADER)));
        } catch (JsonProcessingException e) {
            rc.fail(e);
        }
    }
}
