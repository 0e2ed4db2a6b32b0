package io.vaultrisk.surface;

import java.time.Instant;

/**
 * A stretch of log-moneyness where total variance decreases from one expiry to the next (calendar arbitrage: the later
 * option is cheaper than the earlier one at the same forward moneyness).
 *
 * @param earlier the earlier expiry
 * @param later the later expiry
 * @param fromK first grid point of the stretch
 * @param toK last grid point of the stretch
 * @param worstK where the decrease is largest
 * @param decrease {@code w(earlier, k) - w(later, k)} there, positive
 */
public record CalendarViolation(
        Instant earlier, Instant later, double fromK, double toK, double worstK, double decrease) {}
