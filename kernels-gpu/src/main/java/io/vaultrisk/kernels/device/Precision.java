package io.vaultrisk.kernels.device;

/** The arithmetic a device kernel steps paths in. Estimators and all sums stay in double either way. */
public enum Precision {
    /** Double paths: the same prices as the CPU backend to rounding (1e-12 relative). */
    DOUBLE,
    /**
     * Float paths with the device's fast (native) log, sqrt and cos: for screening runs where speed matters more
     * than the last digits. Prices agree with double ones to about 1e-5 relative, well inside a Monte Carlo error.
     * Book paths (plain correlated GBM only) agree path by path to about 1e-3 relative at worst: a float cosine near
     * ±1 moves the Box–Muller sine √(1 − cos²) by up to √(2·2⁻²³); averages over paths still agree to about 1e-5.
     */
    FLOAT
}
