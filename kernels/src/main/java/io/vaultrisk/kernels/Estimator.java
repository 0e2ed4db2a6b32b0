package io.vaultrisk.kernels;

/**
 * Per-path estimators a European kernel accumulates. Greeks are pathwise (delta, vega, rho, theta) and
 * pathwise-likelihood-ratio (gamma); CONTROL is the discounted terminal spot, the control variate.
 */
public enum Estimator {
    PRICE,
    DELTA,
    GAMMA,
    VEGA,
    RHO,
    THETA,
    CONTROL;

    public static final int COUNT = values().length;
}
