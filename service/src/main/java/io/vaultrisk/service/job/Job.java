package io.vaultrisk.service.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** A persisted asynchronous job: risk run, allocation, stress. {@code error} is set only when it failed. */
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
        Instant finishedAt) {}
