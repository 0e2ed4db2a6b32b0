package io.vaultrisk.service.job;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.function.Function;

/**
 * The jobs of one kind as a collection of the HTTP API, e.g. risk runs under {@code /api/v1/risk-runs}: a job
 * submitted there is answered 202 Accepted with its Location under the collection, and read back by id (an id of
 * another kind is a 404, as an unknown one is).
 *
 * @param kind the {@link JobHandler#kind()} of its jobs
 * @param path the collection's path, the same as its resource's {@code @Path}
 */
public record JobCollection(String kind, String path) {
    /** Queues {@code request} (already validated) and answers 202 with the queued job and its Location. */
    public Response submit(JobRunner jobs, JsonNode request) {
        return submit(jobs, request, job -> job);
    }

    /** Queues {@code request} (already validated) and answers 202 with {@code entity} of the job and its Location. */
    public Response submit(JobRunner jobs, JsonNode request, Function<Job, ?> entity) {
        return submit(jobs, request, null, entity);
    }

    /** As above; a retry with the same {@link Idempotency} answers with the job the first request queued. */
    public Response submit(JobRunner jobs, JsonNode request, Idempotency idempotency, Function<Job, ?> entity) {
        Job queued = jobs.submit(kind, request, idempotency);
        return Response.accepted(entity.apply(queued))
                .location(location(queued))
                .build();
    }

    /** Where {@code job} is read back: {@code path/id}. */
    public URI location(Job job) {
        return URI.create(path + "/" + job.id());
    }

    /** The job of this collection with {@code id}, or a 404 naming the id. */
    public Job require(JobRunner jobs, String id) {
        return jobs.require(kind, id);
    }

    /** The newest {@code limit} jobs of this collection, newest first. */
    public List<Job> list(JobRunner jobs, int limit) {
        return jobs.list(kind, limit);
    }
}
