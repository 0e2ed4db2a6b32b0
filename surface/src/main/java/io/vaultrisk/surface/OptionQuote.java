package io.vaultrisk.surface;

import java.time.Instant;
import java.util.Objects;

/**
 * One usable option quote of a chain. Prices are in the quote currency of the instrument: coin for the exchange's
 * inverse options ({@code inverse = true}; the USD value is price × forward), USD for linear ones.
 *
 * @param instrument exchange name, e.g. BTC-27NOV26-62500-C
 * @param expiry expiry instant (08:00 UTC on the named day)
 * @param strike strike in USD
 * @param putCall call or put
 * @param forward the exchange's underlying price for this expiry (the forward)
 * @param bid best bid, positive
 * @param ask best ask, at least the bid
 * @param mark exchange mark price, NaN when absent
 * @param markVol exchange mark implied vol as a decimal, NaN when absent
 * @param inverse whether prices are in coin
 */
public record OptionQuote(
        String instrument,
        Instant expiry,
        double strike,
        PutCall putCall,
        double forward,
        double bid,
        double ask,
        double mark,
        double markVol,
        boolean inverse) {

    public OptionQuote {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(expiry, "expiry");
        Objects.requireNonNull(putCall, "putCall");
        if (!(strike > 0.0) || !(forward > 0.0) || !(bid > 0.0) || !(ask >= bid) || Double.isInfinite(ask)) {
            throw new IllegalArgumentException("quote " + instrument + " needs positive strike, forward and bid and"
                    + " ask >= bid, got K=" + strike + " F=" + forward + " bid=" + bid + " ask=" + ask);
        }
    }

    /** Mid price in the quote currency. */
    public double mid() {
        return 0.5 * (bid + ask);
    }

    /** Converts a price in the quote currency to the undiscounted USD price that Black's formula gives. */
    public double usd(double price) {
        return inverse ? price * forward : price;
    }
}
