package io.vaultrisk.surface;

import java.time.Instant;

/**
 * One quote used in a fit, with its market and fitted volatility (decimals).
 *
 * @param instrument exchange name
 * @param expiry expiry instant
 * @param timeToExpiry year fraction
 * @param strike strike
 * @param logMoneyness k = ln(K/F)
 * @param putCall the option used at this strike (the out-of-the-money one)
 * @param marketVol implied vol of the mid price
 * @param bidVol implied vol of the bid (0 when the bid is at or below intrinsic)
 * @param askVol implied vol of the ask (NaN when the ask is at or above the bound)
 * @param fittedVol the surface's vol at this strike
 */
public record FittedPoint(
        String instrument,
        Instant expiry,
        double timeToExpiry,
        double strike,
        double logMoneyness,
        PutCall putCall,
        double marketVol,
        double bidVol,
        double askVol,
        double fittedVol) {}
