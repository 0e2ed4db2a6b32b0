package io.vaultrisk.service.job;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Runs one kind of job. The request was validated before the job was queued; {@link #run} computes the result JSON
 * (or throws: an {@link IllegalArgumentException} or ProblemException message becomes the job's error as is).
 */
public interface JobHandler {
    String kind();

    /**
     * The queue this kind waits in: each queue has its own workers, so that publishing (a few milliseconds) never
     * waits behind a risk run or a stress report (minutes).
     */
    default JobQueue queue() {
        return JobQueue.COMPUTE;
    }

    JsonNode run(JsonNode request, JobContext context) throws Exception;
}
