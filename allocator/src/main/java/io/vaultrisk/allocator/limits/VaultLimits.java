package io.vaultrisk.allocator.limits;

import io.vaultrisk.allocator.InvalidAllocationSpecException;
import io.vaultrisk.allocator.strategy.ScenarioSimulation;
import java.util.Map;
import java.util.TreeMap;

/**
 * A vault's risk limits, every figure a fraction of the vault's value (0.12 = 12%); NaN (or absent from
 * {@code delta}) means no limit.
 *
 * @param confidence  VaR/ES confidence level, in [0.5, 1)
 * @param horizonDays VaR/ES horizon in whole days
 * @param var         largest VaR at {@code confidence} over {@code horizonDays}
 * @param es          largest expected shortfall at {@code confidence} over {@code horizonDays}
 * @param delta       largest absolute delta per underlying: the change of vault value per unit relative move of the
 *                    underlying, as a fraction of vault value (a 100% spot sleeve has delta 1)
 * @param maxDrawdown largest drawdown from the high-water mark the vault may reach if the ES loss happened from here
 * @param paths       Monte Carlo paths of an evaluation
 * @param seed        seed of an evaluation's paths (stored with it, so a replay draws the same paths)
 * @param vega        largest absolute vega per underlying of the vault's book: the change of book value for one vol
 *                    point (0.01) of the underlying, as a fraction of book value (limits of the book: they need the
 *                    vault's book, which the sleeves' simulation does not have)
 * @param liquidationProbability largest probability that any perpetual of the vault's book is liquidated within
 *                    {@code horizonDays} (continuous monitoring)
 * @param marginUse   largest initial margin of the vault's book as a fraction of its value
 * @param scaleWithRegime the vault's policy of scaling its vol-sensitive limits (VaR, ES) with the vol regime, or
 *                    null when they do not scale
 */
public record VaultLimits(
        double confidence,
        int horizonDays,
        double var,
        double es,
        Map<String, Double> delta,
        double maxDrawdown,
        int paths,
        long seed,
        Map<String, Double> vega,
        double liquidationProbability,
        double marginUse,
        RegimeScaling scaleWithRegime) {
    public static final double DEFAULT_CONFIDENCE = 0.99;
    public static final int DEFAULT_HORIZON_DAYS = 1;
    public static final int DEFAULT_PATHS = 1_000;
    public static final long DEFAULT_SEED = 1;
    /** Fewest paths beyond VaR, so that ES rests on something (the risk engine's rule). */
    public static final int MIN_TAIL_PATHS = 10;

    public VaultLimits {
        delta = delta == null ? Map.of() : Map.copyOf(new TreeMap<>(delta));
        vega = vega == null ? Map.of() : Map.copyOf(new TreeMap<>(vega));
    }

    /**
     * Multipliers of the VaR and ES limits in the high-vol regime and in the normal one (1.25 = 25% more room): a
     * vault that accepts more risk while vol is high, or less (below 1). The regime and its hysteresis are the vol
     * regime rule's; the multiplier changes when the regime does, not on every tick.
     */
    public record RegimeScaling(double high, double normal) {
        /** Validated; a factor out of (0, 10] throws naming {@code scaleWithRegime.high} or {@code .normal}. */
        public static RegimeScaling of(Double high, Double normal) {
            return new RegimeScaling(factor("scaleWithRegime.high", high), factor("scaleWithRegime.normal", normal));
        }

        private static double factor(String field, Double x) {
            double f = x == null ? 1.0 : x;
            if (!(f > 0 && f <= 10)) {
                throw new InvalidAllocationSpecException(field, "must be a factor in (0, 10], got " + x);
            }
            return f;
        }
    }

    /**
     * The limits in force in a regime: VaR and ES times the policy's factor for it (unchanged without a policy); the
     * other limits do not depend on vol.
     */
    public VaultLimits effective(boolean highVol) {
        if (scaleWithRegime == null) {
            return this;
        }
        double f = highVol ? scaleWithRegime.high() : scaleWithRegime.normal();
        return new VaultLimits(
                confidence,
                horizonDays,
                var * f,
                es * f,
                delta,
                maxDrawdown,
                paths,
                seed,
                vega,
                liquidationProbability,
                marginUse,
                scaleWithRegime);
    }

    /** Limits on the sleeves only (no book limits). */
    public static VaultLimits of(
            Double confidence,
            Integer horizonDays,
            Double var,
            Double es,
            Map<String, Double> delta,
            Double maxDrawdown,
            Integer paths,
            Long seed) {
        return of(confidence, horizonDays, var, es, delta, maxDrawdown, paths, seed, null, null, null, null);
    }

    /** Validated limits; a value out of range throws naming its field ({@code es}, {@code delta.ETH}, …). */
    public static VaultLimits of(
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
            RegimeScaling scaleWithRegime) {
        double c = confidence == null ? DEFAULT_CONFIDENCE : confidence;
        if (!(c >= 0.5 && c < 1)) {
            throw new InvalidAllocationSpecException("confidence", "must be in [0.5, 1), got " + c);
        }
        int h = horizonDays == null ? DEFAULT_HORIZON_DAYS : horizonDays;
        if (h < 1 || h > ScenarioSimulation.MAX_HORIZON_DAYS) {
            throw new InvalidAllocationSpecException(
                    "horizonDays", "must be whole days in 1.." + ScenarioSimulation.MAX_HORIZON_DAYS + ", got " + h);
        }
        int n = paths == null ? DEFAULT_PATHS : paths;
        if (n < ScenarioSimulation.MIN_PATHS || n > ScenarioSimulation.MAX_PATHS) {
            throw new InvalidAllocationSpecException(
                    "paths",
                    "must be in " + ScenarioSimulation.MIN_PATHS + ".." + ScenarioSimulation.MAX_PATHS + ", got " + n);
        }
        if (n * (1 - c) < MIN_TAIL_PATHS) {
            throw new InvalidAllocationSpecException(
                    "paths",
                    "confidence " + c + " leaves fewer than " + MIN_TAIL_PATHS + " tail paths with " + n
                            + " paths; use more paths");
        }
        double v = fraction("var", var);
        double e = fraction("es", es);
        double dd = fraction("maxDrawdown", maxDrawdown);
        if (dd >= 1) {
            throw new InvalidAllocationSpecException("maxDrawdown", "must be below 1 (100%), got " + dd);
        }
        Map<String, Double> d = perUnderlying("delta", delta);
        Map<String, Double> vg = perUnderlying("vega", vega);
        double lp = liquidationProbability == null ? Double.NaN : liquidationProbability;
        if (liquidationProbability != null && !(lp > 0 && lp < 1)) {
            throw new InvalidAllocationSpecException(
                    "liquidationProbability", "must be a probability in (0, 1), got " + liquidationProbability);
        }
        double mu = fraction("marginUse", marginUse);
        if (Double.isNaN(v)
                && Double.isNaN(e)
                && Double.isNaN(dd)
                && d.isEmpty()
                && vg.isEmpty()
                && Double.isNaN(lp)
                && Double.isNaN(mu)) {
            throw new InvalidAllocationSpecException(
                    "var",
                    "give at least one limit: var, es, delta, maxDrawdown, vega, liquidationProbability or marginUse");
        }
        if (scaleWithRegime != null && Double.isNaN(v) && Double.isNaN(e)) {
            throw new InvalidAllocationSpecException(
                    "scaleWithRegime", "scales the var and es limits, and neither is given");
        }
        return new VaultLimits(c, h, v, e, d, dd, n, seed == null ? DEFAULT_SEED : seed, vg, lp, mu, scaleWithRegime);
    }

    /** Whether a limit needs the vault's book (vega, liquidation probability, margin use). */
    public boolean needsBook() {
        return !vega.isEmpty() || !Double.isNaN(liquidationProbability) || !Double.isNaN(marginUse);
    }

    private static Map<String, Double> perUnderlying(String field, Map<String, Double> limits) {
        Map<String, Double> out = new TreeMap<>();
        if (limits != null) {
            for (Map.Entry<String, Double> entry : limits.entrySet()) {
                String u = entry.getKey();
                if (u == null || u.isBlank() || u.length() > 32) {
                    throw new InvalidAllocationSpecException(field, "underlying names must be 1..32 characters");
                }
                double x = fraction(field + "." + u, entry.getValue());
                if (Double.isNaN(x)) {
                    throw new InvalidAllocationSpecException(field + "." + u, "must be a number");
                }
                out.put(u, x);
            }
        }
        return out;
    }

    private static double fraction(String field, Double x) {
        if (x == null) {
            return Double.NaN;
        }
        if (!(x > 0 && x <= 10)) {
            throw new InvalidAllocationSpecException(
                    field, "must be a fraction of the vault's value in (0, 10], got " + x);
        }
        return x;
    }

    /** "ES99 1d" style label of the level and horizon. */
    public String level(String measure) {
        double pct = confidence * 100;
        String p = pct == Math.rint(pct) ? String.valueOf((long) pct) : String.valueOf(pct);
        return measure + p + " " + horizonDays + "d";
    }
}
