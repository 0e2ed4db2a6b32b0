package io.vaultrisk.service.limits;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vaultrisk.allocator.InvalidAllocationSpecException;
import io.vaultrisk.allocator.limits.VaultLimits;
import io.vaultrisk.service.error.ProblemException;
import java.util.Map;

/**
 * {@code PUT /api/v1/vaults/{address}/limits}: every limit a fraction of the vault's value (0.12 = 12%), absent = no
 * limit. {@code confidence} (0.99) and {@code horizonDays} (1) set VaR and ES; {@code delta} maps an underlying to its
 * largest absolute delta; {@code maxDrawdown} bounds the drawdown from the high-water mark after an ES loss from here;
 * {@code paths} (1,000) and {@code seed} (1) are an evaluation's simulation. Stored as given, with defaults filled in.
 * Vega per underlying, liquidation probability per perpetual and margin use are limits of a book (options, perpetuals,
 * margin) while the monitor evaluates the vault's sleeves: they are not fields here (an unknown field is a 400 naming
 * it) rather than stored and never checked.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LimitsRequest(
        Double confidence,
        Integer horizonDays,
        Double var,
        Double es,
        Map<String, Double> delta,
        Double maxDrawdown,
        Integer paths,
        Long seed) {

    /** The validated limits; a bad value is a 400 naming its field ({@code es}, {@code delta.ETH}, …). */
    public VaultLimits limits() {
        try {
            return VaultLimits.of(confidence, horizonDays, var, es, delta, maxDrawdown, paths, seed);
        } catch (InvalidAllocationSpecException e) {
            throw ProblemException.badRequest(e.field(), e.field() + ": " + e.reason());
        }
    }

    /** The request with its defaults filled in: what is stored and shown. */
    public static LimitsRequest of(VaultLimits l) {
        return new LimitsRequest(
                l.confidence(),
                l.horizonDays(),
                orNull(l.var()),
                orNull(l.es()),
                l.delta().isEmpty() ? null : l.delta(),
                orNull(l.maxDrawdown()),
                l.paths(),
                l.seed());
    }

    private static Double orNull(double x) {
        return Double.isNaN(x) ? null : x;
    }
}
