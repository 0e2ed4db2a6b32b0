package io.vaultrisk.service.risk;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vaultrisk.service.auth.RequiresRole;
import io.vaultrisk.service.auth.Role;
import io.vaultrisk.service.error.ProblemException;
import io.vaultrisk.service.job.Job;
import io.vaultrisk.service.job.JobCollection;
import io.vaultrisk.service.job.JobRunner;
import io.vaultrisk.service.support.BookField;
import io.vaultrisk.service.support.Params;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
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
    ObjectMapper json;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.RISK)
    @Operation(summary = "Queue a Monte Carlo risk run (VaR/ES, P&L distribution, greeks) of a book; 202 + Location")
    public Response submit(RiskRunRequest body) {
        if (body == null) {
            throw ProblemException.badRequest(null, "request body is required: {\"book\":{…}}");
        }
        RiskRunRequest request = body.normalised();
        BookField.read(request.book());
        return RISK_RUNS.submit(jobs, json.valueToTree(request));
    }

    @GET
    @Path("/{id}")
    @RequiresRole(Role.RISK)
    @Operation(summary = "Status, progress and result of a risk run")
    public Job get(@PathParam("id") String id) {
        return RISK_RUNS.require(jobs, id);
    }

    @GET
    @RequiresRole(Role.RISK)
    @Operation(summary = "Latest risk runs, newest first")
    public List<Job> list(@QueryParam("limit") String limitText) {
        int limit = Params.intIn("limit", limitText, 20, 1, 500);
        return RISK_RUNS.list(jobs, limit);
    }
}
