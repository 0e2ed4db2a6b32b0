package io.vaultrisk.surface;

import java.time.Instant;
import java.util.List;

/**
 * An imported option chain: the usable quotes, the rows skipped with their reasons, and the chain's time (the latest
 * row creation time), from which times to expiry are measured (ACT/365).
 */
public record OptionChain(Instant asOf, List<OptionQuote> quotes, List<SkippedQuote> skipped) {

    /** Milliseconds in a year of 365 days. */
    public static final double YEAR_MS = 365.0 * 86_400_000.0;

    public OptionChain {
        quotes = List.copyOf(quotes);
        skipped = List.copyOf(skipped);
    }

    /** Year fraction from the chain's time to an expiry. */
    public double timeTo(Instant expiry) {
        return (expiry.toEpochMilli() - asOf.toEpochMilli()) / YEAR_MS;
    }
}
