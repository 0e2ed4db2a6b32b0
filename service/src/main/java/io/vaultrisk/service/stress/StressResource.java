package io.vaultrisk.service.stress;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vaultrisk.service.auth.CurrentKey;
import io.vaultrisk.service.auth.RequiresRole;
import io.vaultrisk.service.auth.Role;
import io.vaultrisk.service.error.ProblemException;
import io.vaultrisk.service.job.Job;
import io.vaultrisk.service.job.JobCollection;
import io.vaultrisk.service.job.JobRunner;
import io.vaultrisk.service.job.JobStatus;
import io.vaultrisk.service.job.SubmissionRateLimit;
import io.vaultrisk.service.support.BookField;
import io.vaultrisk.service.support.Params;
import io.vaultrisk.service.vault.Vault;
import io.vaultrisk.service.vault.Vaults;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path(StressResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "stress")
public class StressResource {
    static final String PATH = "/api/v1/stress-reports";
    static final JobCollection STRESS_REPORTS = new JobCollection(StressJob.KIND, PATH);

    @Inject
    CurrentKey key;

    @Inject
    SubmissionRateLimit rateLimit;

    @Inject
    JobRunner jobs;

    @Inject
    StressJob handler;

    @Inject
    NightlyStress nightly;

    @Inject
    Vaults vaults;

    @Inject
    ObjectMapper json;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(
            String id,
            String vault,
            String trigger,
            JobStatus status,
            double progress,
            String error,
            Instant createdAt,
            Instant finishedAt,
            String self,
            String html) {
        static Summary of(Job j) {
            String base = STRESS_REPORTS.location(j).toString();
            return new Summary(
                    j.id(),
                    text(j.request(), "vault"),
                    text(j.request(), "trigger"),
                    j.status(),
                    j.progress(),
                    j.error(),
                    j.createdAt(),
                    j.finishedAt(),
                    base,
                    j.status() == JobStatus.SUCCEEDED ? base + "/report.html" : null);
        }

        private static String text(JsonNode n, String f) {
            return n.hasNonNull(f) ? n.get(f).asText() : null;
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Report(Summary summary, JsonNode result) {}

    /** Run now: {"vault":"0x…"} stresses that vault's registered book, {} all of them (as the nightly run does). */
    public record Trigger(String vault) {}

    @GET
    @RequiresRole(Role.RISK)
    @Operation(summary = "Stress reports (nightly and on demand), newest first, with links to their HTML reports")
    public List<Summary> list(@QueryParam("limit") String limitText) {
        int limit = Params.intIn("limit", limitText, 50, 1, 500);
        return STRESS_REPORTS.list(jobs, limit).stream().map(Summary::of).toList();
    }

    @GET
    @Path("/{id}")
    @RequiresRole(Role.RISK)
    @Operation(summary = "One stress report: status and the full result JSON")
    public Report get(@PathParam("id") String id) {
        Job j = STRESS_REPORTS.require(jobs, id);
        key.requireVault("vault", Summary.text(j.request(), "vault"));
        return new Report(Summary.of(j), j.result());
    }

    @DELETE
    @Path("/{id}")
    @RequiresRole(Role.RISK)
    @Operation(summary = "Cancel a queued or running stress report; 409 if done")
    public Summary cancel(@PathParam("id") String id) {
        return Summary.of(jobs.cancel(StressJob.KIND, id));
    }

    @GET
    @Path("/{id}/report.html")
    @Produces(MediaType.TEXT_HTML)
    @Operation(
            summary = "The HTML report (P&L histogram, stress heatmap); open it with ?key= is not supported, "
                    + "send X-API-Key")
    @RequiresRole(Role.RISK)
    public Response html(@PathParam("id") String id) {
        Job j = STRESS_REPORTS.require(jobs, id);
        key.requireVault("vault", Summary.text(j.request(), "vault"));
        java.nio.file.Path file = handler.reportDir(id).resolve(StressJob.HTML_REPORT);
        if (j.status() != JobStatus.SUCCEEDED || !Files.isRegularFile(file)) {
            throw ProblemException.notFound(
                    "report",
                    "stress report " + id + " has no HTML report (" + j.status().id() + ")");
        }
        return Response.ok(file.toFile(), MediaType.TEXT_HTML_TYPE).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.RISK)
    @Operation(summary = "Run the stress now for one vault's book, or for all registered books")
    public Response trigger(Trigger body) {
        rateLimit.acquire(key.id());
        key.requireVault("vault", body == null ? null : body.vault());
        if (body == null || body.vault() == null) {
            int n = nightly.queueAll("manual");
            return Response.accepted(json.createObjectNode().put("queued", n))
                    .location(URI.create(PATH))
                    .build();
        }
        Vault v = vaults.require("vault", body.vault());
        if (v.book() == null) {
            throw ProblemException.badRequest("vault", "vault " + v.address() + " has no registered book to stress");
        }
        BookField.read(v.book());
        return STRESS_REPORTS.submit(jobs, handler.request(v, "manual"), Summary::of);
    }
}
