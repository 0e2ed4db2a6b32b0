package io.vaultrisk.kernels;

/** The one-factor dynamics a path kernel knows how to step. Parameters travel as a flat array, as on a device. */
public enum ModelKind {
    /** Geometric Brownian motion, log-Euler (exact). Parameters: {vol}. */
    GBM(1),
    /** Merton jump diffusion, compensated. Parameters: {vol, jump intensity per year, mean log jump, log jump vol}. */
    MERTON(4),
    /** Heston with Andersen's QE scheme and martingale correction. Parameters: {v0, kappa, theta, xi, rho}. */
    HESTON(5);

    private final int parameterCount;

    ModelKind(int parameterCount) {
        this.parameterCount = parameterCount;
    }

    public int parameterCount() {
        return parameterCount;
    }
}
