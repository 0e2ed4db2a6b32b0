package io.vaultrisk.montecarlo.risk;

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
 */
public record RiskSettings(long paths, long seed, int[] horizonDays, double[] confidences, int stepsPerDay,
                           int threads, boolean repairCorrelation) {
    public RiskSettings {
        if (paths < 100 || paths > 50_000_000) {
            throw new IllegalArgumentException("paths: must be in 100..50000000, got " + paths);
        }
        if (horizonDays == null || horizonDays.length == 0) {
            throw new IllegalArgumentException("horizon-days: at least one horizon is required");
        }
        horizonDays = Arrays.stream(horizonDays).distinct().sorted().toArray();
        if (horizonDays[0] < 1 || horizonDays[horizonDays.length - 1] > 365) {
            throw new IllegalArgumentException("horizon-days: must be whole days in 1..365, got "
                    + Arrays.toString(horizonDays));
        }
        if (confidences == null || confidences.length == 0) {
            throw new IllegalArgumentException("confidence: at least one level is required");
        }
        confidences = Arrays.stream(confidences).distinct().sorted().toArray();
        for (double c : confidences) {
            if (!(c >= 0.5 && c < 1)) {
                throw new IllegalArgumentException("confidence: levels must be in [0.5, 1), got " + c);
            }
            if (paths * (1 - c) < 10) {
                throw new IllegalArgumentException("confidence: level " + c + " leaves fewer than 10 tail paths with "
                        + paths + " paths; use more paths");
            }
        }
        if (stepsPerDay < 1 || stepsPerDay > 1440) {
            throw new IllegalArgumentException("steps-per-day: must be in 1..1440, got " + stepsPerDay);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads: must be 0 (all cores) or more, got " + threads);
        }
    }

    public static RiskSettings of(long paths, long seed, int[] horizonDays, double[] confidences) {
        return new RiskSettings(paths, seed, horizonDays, confidences, 24, 0, false);
    }

    public RiskSettings withStepsPerDay(int steps) {
        return new RiskSettings(paths, seed, horizonDays, confidences, steps, threads, repairCorrelation);
    }

    public RiskSettings withThreads(int n) {
        return new RiskSettings(paths, seed, horizonDays, confidences, stepsPerDay, n, repairCorrelation);
    }

    public RiskSettings withRepairCorrelation(boolean repair) {
        return new RiskSettings(paths, seed, horizonDays, confidences, stepsPerDay, threads, repair);
    }

    @Override
    public int[] horizonDays() {
        return horizonDays.clone();
    }

    @Override
    public double[] confidences() {
        return confidences.clone();
    }
}
