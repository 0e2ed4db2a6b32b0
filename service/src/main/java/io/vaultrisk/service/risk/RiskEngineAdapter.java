package io.vaultrisk.service.risk;

import com.fasterxml.jackson.databind.JsonNode;
import io.vaultrisk.service.job.JobContext;

/**
 * The compute step of {@code POST /risk-runs}: one implementation backed by the montecarlo module (the same engine as
 * {@code vaultrisk risk}). Without an implementation in the build, risk runs answer 501.
 */
public interface RiskEngineAdapter {

    /** Parses the book with the engine's own reader; throws naming the position and field. */
    void validate(RiskRunRequest request);

    /** The risk report JSON, the same shape as {@code vaultrisk risk --json}. */
    JsonNode run(RiskRunRequest request, JobContext context) throws Exception;
}
