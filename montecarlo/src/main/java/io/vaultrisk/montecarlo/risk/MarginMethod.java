package io.vaultrisk.montecarlo.risk;

import java.io.Serializable;

/**
 * How a run sets margin. {@link #LEGACY} is the first version's figure: max(ES at the highest confidence of the first
 * horizon, worst loss of a uniform spot × vol grid), maintenance 80% of it. A calibrated method
 * ({@link #calibrated(int, double)}) builds initial margin from three reported parts (see {@link CalibratedMargin}):
 * ES at {@code confidence} over a margin period of risk of {@code periodDays}, the worst loss of the vol-scaled,
 * tenor-scaled risk matrix over the same period, and a short-option charge of {@code shortOptionRate} × spot per
 * written coin; maintenance is {@code maintenanceFraction} of initial. Vol shocks scale with tenor as
 * {@link TenorVolShock#EXCHANGE}.
 */
public record MarginMethod(
        boolean calibrated, int periodDays, double confidence, double shortOptionRate, double maintenanceFraction)
        implements Serializable {
    public static final MarginMethod LEGACY = new MarginMethod(false, 1, 0.99, 0.0, 0.8);
    public static final int DEFAULT_PERIOD_DAYS = 1;
    public static final double DEFAULT_CONFIDENCE = 0.99;
    public static final double DEFAULT_SHORT_OPTION_RATE = 0.01;
    public static final double DEFAULT_MAINTENANCE_FRACTION = 0.8;

    public MarginMethod {
        if (periodDays < 1 || periodDays > RiskSettings.MAX_HORIZON_DAYS) {
            throw new InvalidSettingException(
                    "marginPeriodDays",
                    "must be whole days in 1.." + RiskSettings.MAX_HORIZON_DAYS + ", got " + periodDays);
        }
        if (!(confidence >= 0.5 && confidence < 1)) {
            throw new InvalidSettingException("marginConfidence", "must be in [0.5, 1), got " + confidence);
        }
        if (!(shortOptionRate >= 0 && shortOptionRate <= 1)) {
            throw new InvalidSettingException("shortOptionRate", "must be in [0, 1], got " + shortOptionRate);
        }
        if (!(maintenanceFraction > 0 && maintenanceFraction <= 1)) {
            throw new InvalidSettingException("maintenanceFraction", "must be in (0, 1], got " + maintenanceFraction);
        }
    }

    /** The calibrated method with the default short-option rate and maintenance fraction. */
    public static MarginMethod calibrated(int periodDays, double confidence) {
        return new MarginMethod(true, periodDays, confidence, DEFAULT_SHORT_OPTION_RATE, DEFAULT_MAINTENANCE_FRACTION);
    }
}
