package io.vaultrisk.service.limits;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vaultrisk.allocator.InvalidAllocationSpecException;
import io.vaultrisk.allocator.limits.VaultLimits;
import io.vaultrisk.service.error.ProblemException;
import java.util.Map;
import java.util.Set;

/**
 * {@code PUT /api/v1/vaults/{address}/limits}: every limit a fraction of the vault's value (0.12 = 12%), absent = no
 * limit. {@code confidence} (0.99) and {@code horizonDays} (1) set VaR and ES; {@code delta} maps an underlying to its
 * largest absolute delta; {@code maxDrawdown} bounds the drawdown from the high-water mark after an ES loss from here;
 * {@code paths} (1,000) and {@code seed} (1) are an evaluation's simulation. Stored as given, with defaults filled in.
 * The limits of the vault's book ({@code vega}: underlying → largest absolute vega for one vol point as a fraction of
 * book value; {@code liquidationProbability}: largest probability that any perpetual is liquidated within the
 * horizon; {@code marginUse}: largest initial margin over book value) need a vault registered with a book: they are
 * read from montecarlo's risk report of that book in the same evaluation ({@code LimitEvaluator.withBook}).
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
        Double liquidationProbability,
        Double marginUse) {

    /** The validated limits; a bad value is a 400 naming its field ({@code es}, {@code delta.ETH}, …). */
    public VaultLimits limits() {
        try {
            return VaultLimits.of(
                    confidence,
                    horizonDays,
                    var,
                    es,
                    delta,
                    maxDrawdown,
                    paths,
                    seed,
                    vega,
                    liquidationProbability,
                    marginUse);
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
                l.vega().isEmpty() ? null : l.vega(),
                orNull(l.liquidationProbability()),
                orNull(l.marginUse()));
    }

    /**
     * The book limits' field that a vault without a book cannot check, or that names an underlying its book lacks;
     * null when every limit can be evaluated.
     *
     * @param bookUnderlyings the underlyings of the vault's book, or null when it has none
     */
    public static String unevaluable(VaultLimits l, Set<String> bookUnderlyings) {
        if (bookUnderlyings == null) {
            if (!l.vega().isEmpty()) {
                return "vega";
            }
            if (!Double.isNaN(l.liquidationProbability())) {
                return "liquidationProbability";
            }
            return Double.isNaN(l.marginUse()) ? null : "marginUse";
        }
        return l.vega().keySet().stream()
                .filter(u -> !bookUnderlyings.contains(u))
                .map(u -> "vega." + u)
                .findFirst()
                .orElse(null);
    }

    private static Double orNull(double x) {
        return Double.isNaN(x) ? null : x;
    }
}
