package io.vaultrisk.service.limits;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vaultrisk.allocator.InvalidAllocationSpecException;
import io.vaultrisk.allocator.limits.VaultLimits;
import io.vaultrisk.service.error.ProblemException;
import io.vaultrisk.service.market.MarketDataFeed;
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
 * {@code volModel} ({@code ewma}, the default, or {@code garch}) picks the service's online vol estimate the vault's
 * evaluations and regime rule use; {@code scaleWithRegime} ({@code {"high": 1.25, "normal": 1.0}}, absent = no
 * scaling) multiplies the VaR and ES limits in the vault's high-vol regime and in the normal one.
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
        Double marginUse,
        String volModel,
        Scaling scaleWithRegime) {

    /** {@code scaleWithRegime}: factors of the VaR and ES limits per regime (absent = 1). */
    public record Scaling(Double high, Double normal) {}

    /** The vol model of the vault's evaluations and regime: {@code ewma} unless {@code garch}; else a 400. */
    public String volModel() {
        if (volModel == null || volModel.equals(MarketDataFeed.EWMA)) {
            return MarketDataFeed.EWMA;
        }
        if (volModel.equals(MarketDataFeed.GARCH)) {
            return MarketDataFeed.GARCH;
        }
        throw ProblemException.badRequest("volModel", "volModel must be ewma or garch, got '" + volModel + "'");
    }

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
                    marginUse,
                    scaleWithRegime == null
                            ? null
                            : VaultLimits.RegimeScaling.of(scaleWithRegime.high(), scaleWithRegime.normal()));
        } catch (InvalidAllocationSpecException e) {
            throw ProblemException.badRequest(e.field(), e.field() + ": " + e.reason());
        }
    }

    /** The request with its defaults filled in: what is stored and shown. */
    public static LimitsRequest of(VaultLimits l, String volModel) {
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
                orNull(l.marginUse()),
                volModel,
                l.scaleWithRegime() == null
                        ? null
                        : new Scaling(
                                l.scaleWithRegime().high(), l.scaleWithRegime().normal()));
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
