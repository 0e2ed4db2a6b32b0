package io.vaultrisk.montecarlo.engine;

import io.vaultrisk.basics.Greeks;
import java.util.List;
import java.util.Map;

/**
 * A Monte Carlo price with its greeks, next to the closed form where one exists.
 *
 * @param device the backend's device description
 * @param paths paths actually simulated
 * @param greeks the greeks the model estimates, of delta, gamma, vega, rho, theta (conventions of {@link Greeks})
 * @param analytic the closed form, or null when the model has none
 * @param currency "quote" for linear options, "coin" for inverse ones
 * @param controlVariateBeta the fitted control-variate coefficient, NaN when not used
 * @param elapsedNanos time of the simulation alone
 */
public record PriceResult(
        String model,
        String backend,
        String device,
        long paths,
        int steps,
        long seed,
        String sampling,
        Estimate price,
        Map<String, Estimate> greeks,
        Greeks analytic,
        String currency,
        double controlVariateBeta,
        long elapsedNanos,
        List<String> warnings) {
    public PriceResult {
        greeks = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(greeks)); // keep order
        warnings = List.copyOf(warnings);
    }

    public double elapsedMillis() {
        return elapsedNanos / 1e6;
    }
}
