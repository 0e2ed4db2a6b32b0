package io.vaultrisk.basics;

import java.time.Instant;

/**
 * Year fractions on the one day count every module uses: ACT/365 fixed on elapsed time, that is elapsed seconds
 * divided by 365 × 86,400 (no calendar, no leap-year adjustment; a year is 365 days of 24 hours). Option expiries,
 * risk horizons, simulation steps and strategy rolls are all measured this way.
 */
public final class YearFraction {
    /** Days in a year. */
    public static final int DAYS_PER_YEAR = 365;
    /** One day as a year fraction, 1/365. */
    public static final double DAY = 1.0 / DAYS_PER_YEAR;

    public static final double SECONDS_PER_YEAR = DAYS_PER_YEAR * 86_400.0;
    public static final double MILLIS_PER_YEAR = DAYS_PER_YEAR * 86_400_000.0;

    private YearFraction() {}

    /**
     * Years from {@code from} to {@code to} (negative when {@code to} is earlier). Whole milliseconds (chain
     * timestamps, ISO instants) give the correctly rounded quotient; finer instants keep their nanoseconds.
     */
    public static double between(Instant from, Instant to) {
        long seconds = to.getEpochSecond() - from.getEpochSecond();
        int nanos = to.getNano() - from.getNano();
        if (nanos % 1_000_000 == 0 && Math.abs(seconds) < 1L << 42) {
            // one rounding: milliseconds and MILLIS_PER_YEAR are exact doubles
            return (seconds * 1000 + nanos / 1_000_000) / MILLIS_PER_YEAR;
        }
        return (seconds + nanos * 1e-9) / SECONDS_PER_YEAR;
    }

    /** {@code days} as a year fraction, {@code days / 365}. */
    public static double ofDays(double days) {
        return days / DAYS_PER_YEAR;
    }
}
