package io.vaultrisk.service.allocation;

import com.fasterxml.jackson.databind.JsonNode;
import io.vaultrisk.service.job.JobContext;
import io.vaultrisk.service.vault.Vault;

/**
 * The compute step of {@code POST /allocations} when the weights are optimised rather than given: one implementation
 * backed by the allocator module. Without an implementation in the build, optimised allocations answer 501.
 */
public interface AllocatorAdapter {

    /** Checks objective, constraints and scenarios or book against the vault's strategies; throws naming the field. */
    void validate(AllocationRequest request, Vault vault);

    /** Optimal weights (fractions, in the vault's strategy order, summing to 1) and the optimiser's report. */
    Result allocate(AllocationRequest request, Vault vault, JobContext context) throws Exception;

    record Result(double[] weights, JsonNode report) {
    }
}
