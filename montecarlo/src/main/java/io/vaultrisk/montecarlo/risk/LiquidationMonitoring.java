package io.vaultrisk.montecarlo.risk;

/**
 * How perpetuals are checked for liquidation along a path. Exchanges liquidate continuously; a check at simulation
 * steps only misses the paths that cross the liquidation price and come back within a step.
 */
public enum LiquidationMonitoring {
    /** At every simulation step only (the first version's figures; understates P(liquidated) by a step's excursions). */
    STEPS,
    /**
     * At every step and, between steps, by the Brownian-bridge probability that the log-spot crossed the liquidation
     * price, exact for GBM within a step (see {@link ContinuousLiquidation}).
     */
    CONTINUOUS;

    /** "steps" or "continuous"; anything else names the setting. */
    public static LiquidationMonitoring parse(String s) {
        return switch (s == null ? "" : s.trim()) {
            case "steps" -> STEPS;
            case "continuous" -> CONTINUOUS;
            default ->
                throw new InvalidSettingException(
                        "liquidationMonitoring", "must be 'steps' or 'continuous', got '" + s + "'");
        };
    }

    public String label() {
        return this == STEPS ? "steps" : "continuous";
    }
}
