package io.vaultrisk.surface;

import io.vaultrisk.basics.YearFraction;
import java.time.Instant;
import java.util.List;

/**
 * An imported option chain: the usable quotes, the rows skipped with their reasons, and the chain's time (the latest
 * row creation time), from which times to expiry are measured ({@link YearFraction}: ACT/365).
 */
public record OptionChain(Instant asOf, List<OptionQuote> quotes, List<SkippedQuote> skipped) {

    public OptionChain {
        quotes = List.copyOf(quotes);
        skipped = List.copyOf(skipped);
    }

    /** Year fraction from the chain's time to an expiry. */
    public double timeTo(Instant expiry) {
        return YearFraction.between(asOf, expiry);
    }
}
