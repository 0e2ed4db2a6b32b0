package io.vaultrisk.service.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A persisted asynchronous job: risk run, allocation, stress. {@code error} is set only when it failed; the stored
 * {@code request} (a book, or a scenario matrix of megabytes) is shown only when asked for ({@code ?include=request}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Job(
        String id,
        String kind,
        JobStatus status,
        double progress,
        JsonNode request,
        JsonNode result,
        String error,
        int attempts,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt) {

    /** This job as a read shows it: the stored request only when {@code includeRequest}. */
    public Job view(boolean includeRequest) {
        return includeRequest
                ? this
                : new Job(id, kind, status, progress, null, result, error, attempts, createdAt, startedAt, finishedAt);
    }
}
