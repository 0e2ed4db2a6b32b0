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
        Long seed,
        Map<String, Double> vega,
        Map<String, Double> liquidationProbability,
        Double marginUse) {

    /**
     * Vega per underlying, liquidation probability per perpetual and margin use are limits a book carries (options,
     * perpetuals, margin), while the monitor evaluates the vault's sleeves: they are refused (501 naming the field)
     * rather than stored and never checked.
     */
    public void rejectUnevaluated() {
        String field = vega != null
                ? "vega"
                : liquidationProbability != null ? "liquidationProbability" : marginUse != null ? "marginUse" : null;
        if (field != null) {
            throw new ProblemException(
                    501,
                    "Not Implemented",
                    field + " limits are not evaluated in this build: the monitor evaluates the vault's sleeves, "
                            + "which carry no " + field + "; VaR, ES, delta and maxDrawdown are",
                    field);
        }
    }

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
                l.seed(),
                null,
                null,
                null);
    }

    private static Double orNull(double x) {
        return Double.isNaN(x) ? null : x;
    }
}
