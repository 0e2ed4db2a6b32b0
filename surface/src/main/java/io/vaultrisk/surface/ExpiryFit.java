package io.vaultrisk.surface;

import java.time.Instant;
import java.util.Map;

/**
 * Summary of one fitted expiry.
 *
 * @param expiry expiry instant
 * @param timeToExpiry year fraction
 * @param forward forward used (median of the rows' underlying prices)
 * @param params the model's parameters for this expiry (raw SVI a, b, rho, m, sigma; for SSVI also theta, and the
 *     global rho, eta, gamma)
 * @param rmseVolPoints root-mean-square of fitted minus market vol over the quotes used, in vol points (1 = 0.01)
 * @param quotes number of quotes used
 * @param insideSpread how many of them have the fitted vol within their bid–ask vols
 */
public record ExpiryFit(
        Instant expiry,
        double timeToExpiry,
        double forward,
        Map<String, Double> params,
        double rmseVolPoints,
        int quotes,
        int insideSpread) {

    public ExpiryFit {
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
    }
}
