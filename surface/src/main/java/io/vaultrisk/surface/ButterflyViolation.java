package io.vaultrisk.surface;

import java.time.Instant;

/**
 * A stretch of log-moneyness where Durrleman's g(k) is negative on one expiry: the implied density is negative there.
 *
 * @param expiry the expiry of the smile
 * @param timeToExpiry its year fraction
 * @param fromK first grid point of the stretch
 * @param toK last grid point of the stretch
 * @param worstK where g is most negative
 * @param worstG that value of g
 */
public record ButterflyViolation(
        Instant expiry, double timeToExpiry, double fromK, double toK, double worstK, double worstG) {}
