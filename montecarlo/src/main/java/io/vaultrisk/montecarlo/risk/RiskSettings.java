package io.vaultrisk.montecarlo.risk;

import java.io.Serializable;
import java.util.Arrays;

/**
 * How a risk run is done.
 *
 * @param horizonDays    risk horizons in whole days (365-day year), ascending after validation
 * @param confidences    VaR/ES confidence levels in (0, 1)
 * @param stepsPerDay    simulation steps per day (24 by default, so 8-hour funding falls on steps); perpetuals are
 *                       checked for liquidation at every step
 * @param threads        CPU threads, 0 = all cores (results do not depend on it)
 * @param repairCorrelation use the nearest correlation matrix when the given one is not PSD (else an error)
 * @param liquidationMonitoring how perpetuals are checked for liquidation between steps
 * @param currency       the currency P&amp;L, VaR and ES are reported in (the quote currency, or coins of an underlying)
 * @param margin         how initial and maintenance margin are set
 */
public record RiskSettings(
        long paths,
        long seed,
        int[] horizonDays,
        double[] confidences,
        int stepsPerDay,
        int threads,
        boolean repairCorrelation,
        LiquidationMonitoring liquidationMonitoring,
        ReportingCurrency currency,
        MarginMethod margin)
        implements Serializable {
    /** The limits of a run, the same for the CLI and the service; a violation names the component. */
    public static final long MIN_PATHS = 100;

    public static final long MAX_PATHS = 50_000_000;
    public static final int MAX_HORIZON_DAYS = 365;
    public static final int MAX_HORIZONS = 10;
    public static final int MAX_CONFIDENCES = 10;
    public static final int MAX_STEPS_PER_DAY = 1440;
    /** Fewest paths beyond VaR at each level, so that ES and the VaR interval rest on something. */
    public static final int MIN_TAIL_PATHS = 10;

    public static final long DEFAULT_PATHS = 100_000;
    public static final long DEFAULT_SEED = 1;
    public static final int DEFAULT_STEPS_PER_DAY = 24;

    public RiskSettings {
        if (paths < MIN_PATHS || paths > MAX_PATHS) {
            throw new InvalidSettingException("paths", "must be in " + MIN_PATHS + ".." + MAX_PATHS + ", got " + paths);
        }
        if (horizonDays == null || horizonDays.length == 0) {
            throw new InvalidSettingException("horizonDays", "at least one horizon is required");
        }
        if (horizonDays.length > MAX_HORIZONS) {
            throw new InvalidSettingException(
                    "horizonDays", "at most " + MAX_HORIZONS + " horizons, got " + horizonDays.length);
        }
        for (int i = 0; i < horizonDays.length; i++) {
            if (horizonDays[i] < 1 || horizonDays[i] > MAX_HORIZON_DAYS) {
                throw new InvalidSettingException(
                        "horizonDays", i, "must be whole days in 1.." + MAX_HORIZON_DAYS + ", got " + horizonDays[i]);
            }
        }
        horizonDays = Arrays.stream(horizonDays).distinct().sorted().toArray();
        if (confidences == null || confidences.length == 0) {
            throw new InvalidSettingException("confidences", "at least one level is required");
        }
        if (confidences.length > MAX_CONFIDENCES) {
            throw new InvalidSettingException(
                    "confidences", "at most " + MAX_CONFIDENCES + " levels, got " + confidences.length);
        }
        for (int i = 0; i < confidences.length; i++) {
            double c = confidences[i];
            if (!(c >= 0.5 && c < 1)) {
                throw new InvalidSettingException("confidences", i, "levels must be in [0.5, 1), got " + c);
            }
            if (paths * (1 - c) < MIN_TAIL_PATHS) {
                throw new InvalidSettingException(
                        "confidences",
                        i,
                        "level " + c + " leaves fewer than " + MIN_TAIL_PATHS + " tail paths with " + paths
                                + " paths; use more paths");
            }
        }
        confidences = Arrays.stream(confidences).distinct().sorted().toArray();
        if (stepsPerDay < 1 || stepsPerDay > MAX_STEPS_PER_DAY) {
            throw new InvalidSettingException(
                    "stepsPerDay", "must be in 1.." + MAX_STEPS_PER_DAY + ", got " + stepsPerDay);
        }
        if (threads < 0) {
            throw new InvalidSettingException("threads", "must be 0 (all cores) or more, got " + threads);
        }
        liquidationMonitoring = liquidationMonitoring == null ? LiquidationMonitoring.STEPS : liquidationMonitoring;
        currency = currency == null ? ReportingCurrency.QUOTE : currency;
        margin = margin == null ? MarginMethod.LEGACY : margin;
        if (margin.calibrated()) {
            if (paths * (1 - margin.confidence()) < MIN_TAIL_PATHS) {
                throw new InvalidSettingException(
                        "marginConfidence",
                        "level " + margin.confidence() + " leaves fewer than " + MIN_TAIL_PATHS + " tail paths with "
                                + paths + " paths; use more paths");
            }
            // the margin period of risk is simulated as a horizon of its own (reported with the others)
            int[] withPeriod = Arrays.copyOf(horizonDays, horizonDays.length + 1);
            withPeriod[horizonDays.length] = margin.periodDays();
            horizonDays = Arrays.stream(withPeriod).distinct().sorted().toArray();
            if (horizonDays.length > MAX_HORIZONS) {
                throw new InvalidSettingException(
                        "horizonDays",
                        "at most " + MAX_HORIZONS + " horizons with the margin period, got " + horizonDays.length);
            }
        }
    }

    /** The settings of the first version of a run: step-wise liquidation checks, quote currency, legacy margin. */
    public RiskSettings(
            long paths,
            long seed,
            int[] horizonDays,
            double[] confidences,
            int stepsPerDay,
            int threads,
            boolean repairCorrelation) {
        this(paths, seed, horizonDays, confidences, stepsPerDay, threads, repairCorrelation, null, null, null);
    }

    public static RiskSettings of(long paths, long seed, int[] horizonDays, double[] confidences) {
        return new RiskSettings(paths, seed, horizonDays, confidences, DEFAULT_STEPS_PER_DAY, 0, false);
    }

    public RiskSettings withStepsPerDay(int steps) {
        Builder b = edit();
        b.stepsPerDay = steps;
        return b.build();
    }

    public RiskSettings withThreads(int n) {
        Builder b = edit();
        b.threads = n;
        return b.build();
    }

    public RiskSettings withRepairCorrelation(boolean repair) {
        Builder b = edit();
        b.repairCorrelation = repair;
        return b.build();
    }

    public RiskSettings withLiquidationMonitoring(LiquidationMonitoring monitoring) {
        Builder b = edit();
        b.liquidationMonitoring = monitoring;
        return b.build();
    }

    public RiskSettings withCurrency(ReportingCurrency view) {
        Builder b = edit();
        b.currency = view;
        return b.build();
    }

    public RiskSettings withMargin(MarginMethod method) {
        Builder b = edit();
        b.margin = method;
        return b.build();
    }

    @Override
    public int[] horizonDays() {
        return horizonDays.clone();
    }

    @Override
    public double[] confidences() {
        return confidences.clone();
    }

    private Builder edit() {
        return new Builder(this);
    }

    /** A copy to change a few fields of; {@link #build} validates the result as the canonical constructor does. */
    private static final class Builder {
        long paths;
        long seed;
        int[] horizonDays;
        double[] confidences;
        int stepsPerDay;
        int threads;
        boolean repairCorrelation;
        LiquidationMonitoring liquidationMonitoring;
        ReportingCurrency currency;
        MarginMethod margin;

        Builder(RiskSettings c) {
            paths = c.paths;
            seed = c.seed;
            horizonDays = c.horizonDays;
            confidences = c.confidences;
            stepsPerDay = c.stepsPerDay;
            threads = c.threads;
            repairCorrelation = c.repairCorrelation;
            liquidationMonitoring = c.liquidationMonitoring;
            currency = c.currency;
            margin = c.margin;
        }

        RiskSettings build() {
            return new RiskSettings(
                    paths,
                    seed,
                    horizonDays,
                    confidences,
                    stepsPerDay,
                    threads,
                    repairCorrelation,
                    liquidationMonitoring,
                    currency,
                    margin);
        }
    }
}
