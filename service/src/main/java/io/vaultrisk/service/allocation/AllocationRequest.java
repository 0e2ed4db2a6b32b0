package io.vaultrisk.service.allocation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * {@code POST /allocations}: the vault and exactly one of given {@code weights} (fractions) or {@code weightsBps}, a
 * scenario matrix ({@code scenarios}: rows of simple returns, one column per strategy in the vault's order) or a
 * {@code book} to simulate, with the {@code objective}, {@code constraints} and optimiser {@code parameters}.
 * {@code acceptSuboptimal}: sign an optimised allocation whose solve ended other than optimal (not converged), its gap
 * in the report; without it such a job fails and nothing is signed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AllocationRequest(
        String vault,
        String objective,
        List<Double> weights,
        List<Integer> weightsBps,
        List<List<Double>> scenarios,
        JsonNode book,
        JsonNode constraints,
        JsonNode parameters,
        Boolean acceptSuboptimal) {

    public boolean optimised() {
        return scenarios != null || book != null;
    }
}
