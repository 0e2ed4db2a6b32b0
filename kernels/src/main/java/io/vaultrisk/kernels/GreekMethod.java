package io.vaultrisk.kernels;

/** How a European kernel estimates greeks. */
public enum GreekMethod {
    /** Pathwise delta, vega, rho and theta; gamma by the pathwise–likelihood-ratio mix. */
    PATHWISE,
    /**
     * Finite differences with common random numbers, path by path (the same normals under bumped inputs), so each
     * greek's standard error comes from the per-path differences. Central bumps: spot ±1%, vol ±0.01, rate ±1bp;
     * theta one day forward.
     */
    BUMP
}
