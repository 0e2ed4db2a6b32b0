package io.vaultrisk.service.risk;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.service.auth.CurrentKey;
import io.vaultrisk.service.auth.RequiresRole;
import io.vaultrisk.service.auth.Role;
import io.vaultrisk.service.config.ServiceConfig;
import io.vaultrisk.service.error.ProblemException;
import io.vaultrisk.service.job.Idempotency;
import io.vaultrisk.service.job.Job;
import io.vaultrisk.service.job.JobCollection;
import io.vaultrisk.service.job.JobRunner;
import io.vaultrisk.service.job.SubmissionRateLimit;
import io.vaultrisk.service.support.BookField;
import io.vaultrisk.service.support.Params;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path(RiskRunResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "risk")
public class RiskRunResource {
    static final String PATH = "/api/v1/risk-runs";
    static final JobCollection RISK_RUNS = new JobCollection(RiskRunJob.KIND, PATH);

    @Inject
    JobRunner jobs;

    @Inject
    CurrentKey key;

    @Inject
    SubmissionRateLimit rateLimit;

    @Inject
    ObjectMapper json;

    @Inject
    ServiceConfig config;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.RISK)
    @Operation(summary = "Queue a Monte Carlo risk run (VaR/ES, P&L distribution, greeks) of a book; 202 + Location")
    public Response submit(RiskRunRequest body, @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        rateLimit.acquire(key.id());
        if (body == null) {
            throw ProblemException.badRequest(null, "request body is required: {\"book\":{…}}");
        }
        RiskRunRequest request = body.normalised();
        checkBudget(request, BookField.read(request.book()));
        return RISK_RUNS.submit(
                jobs,
                json.valueToTree(request),
                Idempotency.of(key.id(), idempotencyKey),
                queued -> queued.view(false));
    }

    /**
     * Refuses, before anything is queued, a run whose work (path-steps) or planned memory is over this service's
     * budget: a run that would take days or end in an out-of-memory error is a 400 naming {@code paths}.
     */
    private void checkBudget(RiskRunRequest r, Book book) {
        int positions = Math.max(1, book.positions().size());
        int longest = r.horizonDays().stream().mapToInt(Integer::intValue).max().orElse(1);
        double pathSteps = (double) r.paths() * r.stepsPerDay() * longest * positions;
        long maxSteps = config.jobs().maxPathSteps();
        if (pathSteps > maxSteps) {
            throw ProblemException.badRequest(
                    "paths",
                    String.format(
                            Locale.ROOT,
                            "paths × stepsPerDay × longest horizonDays × positions = %d × %d × %d × %d = %.3g "
                                    + "path-steps is over this service's work budget of %.3g; lower paths, "
                                    + "stepsPerDay or horizonDays",
                            r.paths(),
                            r.stepsPerDay(),
                            longest,
                            positions,
                            pathSteps,
                            (double) maxSteps));
        }
        // what the engine keeps per path: the spots at each horizon and each position's value there, plus the P&L
        double bytes = (double) r.paths() * r.horizonDays().size() * (positions + 2) * Double.BYTES * 2;
        long maxBytes = config.jobs().maxJobBytes().orElse(Runtime.getRuntime().maxMemory() / 4);
        if (bytes > maxBytes) {
            throw ProblemException.badRequest(
                    "paths",
                    String.format(
                            Locale.ROOT,
                            "%d paths × %d horizons × %d positions need about %d MiB, over the %d MiB one run may "
                                    + "use here; lower paths or the number of horizonDays",
                            r.paths(),
                            r.horizonDays().size(),
                            positions,
                            (long) (bytes / (1 << 20)),
                            maxBytes >> 20));
        }
    }

    @DELETE
    @Path("/{id}")
    @RequiresRole(Role.RISK)
    @Operation(summary = "Cancel a queued or running risk run (it ends failed with error \"cancelled\"); 409 if done")
    public Job cancel(@PathParam("id") String id) {
        return jobs.cancel(RiskRunJob.KIND, id).view(false);
    }

    @GET
    @Path("/{id}")
    @RequiresRole(Role.RISK)
    @Operation(summary = "Status, progress and result of a risk run; ?include=request adds the stored request")
    public Job get(@PathParam("id") String id, @QueryParam("include") String include) {
        return RISK_RUNS.require(jobs, id).view(Params.includeRequest(include));
    }

    @GET
    @RequiresRole(Role.RISK)
    @Operation(summary = "Latest risk runs, newest first")
    public List<Job> list(@QueryParam("limit") String limitText) {
        int limit = Params.intIn("limit", limitText, 20, 1, 500);
        return RISK_RUNS.list(jobs, limit).stream().map(j -> j.view(false)).toList();
    }
}
