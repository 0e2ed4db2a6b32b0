package io.vaultrisk.service.stress;

import com.fasterxml.jackson.databind.JsonNode;
import io.vaultrisk.service.job.JobContext;
import java.nio.file.Path;

/**
 * The compute step of the nightly stress: one implementation backed by the montecarlo module's stress engine (the
 * same as {@code vaultrisk stress}). It writes its JSON and HTML report into {@code outDir}. Without an
 * implementation in the build, stress runs answer 501 and the nightly schedule skips.
 */
public interface StressAdapter {

    /** Parses the book with the engine's reader; throws naming the position and field. */
    void validate(JsonNode book);

    /** Runs the risk matrix and historical replays; returns the summary JSON (the report's JSON). */
    JsonNode run(JsonNode book, int paths, Path outDir, JobContext context) throws Exception;

    /** File name of the HTML report inside {@code outDir}. */
    default String htmlReport() {
        return "report.html";
    }
}
