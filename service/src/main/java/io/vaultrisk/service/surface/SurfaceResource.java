package io.vaultrisk.service.surface;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vaultrisk.service.auth.RequiresRole;
import io.vaultrisk.service.auth.Role;
import io.vaultrisk.service.error.ProblemException;
import io.vaultrisk.surface.SurfaceReportJson;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/surfaces")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "surfaces")
public class SurfaceResource {
    @Inject
    ObjectMapper json;

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
        ObjectNode fitted = SurfaceReportJson.toJson(request.fit());
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
