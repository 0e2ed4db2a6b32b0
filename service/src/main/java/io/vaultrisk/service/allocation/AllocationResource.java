package io.vaultrisk.service.allocation;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vaultrisk.service.auth.CurrentKey;
import io.vaultrisk.service.auth.RequiresRole;
import io.vaultrisk.service.auth.Role;
import io.vaultrisk.service.job.Idempotency;
import io.vaultrisk.service.job.Job;
import io.vaultrisk.service.job.JobCollection;
import io.vaultrisk.service.job.JobRunner;
import io.vaultrisk.service.job.SubmissionRateLimit;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path(AllocationResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "allocations")
public class AllocationResource {
    static final String PATH = "/api/v1/allocations";
    static final JobCollection ALLOCATIONS = new JobCollection(AllocationJob.KIND, PATH);

    @Inject
    AllocationJob job;

    @Inject
    JobRunner jobs;

    @Inject
    CurrentKey key;

    @Inject
    SubmissionRateLimit rateLimit;

    @Inject
    ObjectMapper json;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.RISK)
    @Operation(
            summary = "Compute (or take) a vault's target weights; on success the allocation is signed (EIP-712) "
                    + "and published. Answers 202 with the job's Location.")
    public Response submit(AllocationRequest body, @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        rateLimit.acquire(key.id());
        job.validate(body);
        key.requireVault("vault", body.vault());
        return ALLOCATIONS.submit(
                jobs, json.valueToTree(body), Idempotency.of(key.id(), idempotencyKey), queued -> queued.view(false));
    }

    @DELETE
    @Path("/{id}")
    @RequiresRole(Role.RISK)
    @Operation(summary = "Cancel a queued allocation job (nothing is signed); 409 once it has published")
    public Job cancel(@PathParam("id") String id) {
        return jobs.cancel(AllocationJob.KIND, id).view(false);
    }

    @GET
    @Path("/{id}")
    @RequiresRole(Role.RISK)
    @Operation(summary = "Status, progress and result of an allocation job; ?include=request adds the stored request")
    public Job status(@PathParam("id") String id, @QueryParam("include") String include) {
        Job found = ALLOCATIONS.require(jobs, id);
        key.requireVault("vault", found.request().path("vault").asText(null));
        return found.view(Params.includeRequest(include));
    }
}
