package io.vaultrisk.service.surface;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vaultrisk.service.auth.RequiresRole;
import io.vaultrisk.service.auth.Role;
import io.vaultrisk.service.config.ServiceConfig;
import io.vaultrisk.service.error.ProblemException;
import io.vaultrisk.surface.SurfaceReportJson;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/surfaces")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "surfaces")
public class SurfaceResource {
    @Inject
    ObjectMapper json;

    @Inject
    ServiceConfig config;

    /** Fits run on request threads: at most this many at once, so that a few big chains cannot starve the rest. */
    private Semaphore fits;

    @PostConstruct
    void init() {
        fits = new Semaphore(Math.max(1, config.surface().maxConcurrentFits()));
    }

    /** The last fitted surface, for the dashboard's smiles (in memory: a fit is cheap to redo). */
    private final AtomicReference<JsonNode> latest = new AtomicReference<>();

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.RISK)
    @Operation(
            summary = "Fit an SVI/SSVI surface to an option chain: parameters, fitted points, skipped rows, "
                    + "arbitrage report")
    public JsonNode fit(SurfaceRequest body) {
        if (body == null) {
            throw ProblemException.badRequest(null, "request body is required: {\"chain\":[…]}");
        }
        SurfaceRequest request = body.normalised();
        int rows = request.chain().size();
        if (rows > config.surface().maxRows()) {
            throw ProblemException.badRequest(
                    "chain",
                    "chain has " + rows + " rows, at most " + config.surface().maxRows()
                            + " are fitted in one request (a fit grows with the rows); send one expiry range at a time");
        }
        if (!fits.tryAcquire()) {
            throw ProblemException.tooManyRequests(
                    "another surface fit is running (" + config.surface().maxConcurrentFits() + " at a time); retry",
                    2);
        }
        ObjectNode fitted;
        try {
            fitted = SurfaceReportJson.toJson(request.fit());
        } finally {
            fits.release();
        }
        ObjectNode stamped =
                json.createObjectNode().put("fittedAt", Instant.now().toString());
        stamped.setAll(fitted);
        latest.set(stamped);
        return fitted;
    }

    @GET
    @Path("/latest")
    @RequiresRole(Role.RISK)
    @Operation(summary = "The surface fitted last by this service instance")
    public JsonNode latest() {
        JsonNode s = latest.get();
        if (s == null) {
            throw ProblemException.notFound("surface", "no surface has been fitted since the service started");
        }
        return s;
    }
}
