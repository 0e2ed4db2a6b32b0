package io.vaultrisk.montecarlo.risk;

import io.vaultrisk.kernels.rng.Philox4x32;
import io.vaultrisk.kernels.rng.Uniforms;

/**
 * Continuous monitoring of a liquidation price between simulation steps. Within a step the log-spot is a Brownian
 * motion with drift, and conditional on both ends (x₀, x₁ on the safe side of the barrier b) the probability that it
 * crossed b in between is exp(−2(b − x₀)(b − x₁)/(σ²Δt)) whatever the drift: the Brownian-bridge crossing
 * probability, exact for GBM.
 *
 * <p>A path is liquidated between steps when its survival probability ∏(1 − pₖ) falls below a uniform U drawn once per
 * path and perpetual: the same in law as an independent coin per step, but one draw per path. U comes from its own
 * counter of the Philox stream (first counter word {@link #COUNTER_TAG}, which no step pair of the normal stream
 * reaches; path; perpetual index as the block) keyed by the seed, so any path can be recomputed alone and thread
 * counts give the same bits.
 */
public final class ContinuousLiquidation {
    /** First counter word of the liquidation uniforms: above every step pair of the normal stream (≤ 262,800). */
    static final int COUNTER_TAG = 0x4C49_5144; // "LIQD"

    private ContinuousLiquidation() {}

    /**
     * Probability that a Brownian motion from {@code x0} to {@code x1} over a time with variance {@code variance}
     * (σ²Δt) crossed {@code barrier}; 1 when either end is on or past it, 0 when the barrier is NaN (none exists).
     */
    public static double crossingProbability(double x0, double x1, double barrier, double variance) {
        double a = barrier - x0, b = barrier - x1;
        if (Double.isNaN(barrier)) {
            return 0.0;
        }
        if (!(a * b > 0)) {
            return 1.0;
        }
        return Math.exp(-2.0 * a * b / variance);
    }

    /** The uniform in (0, 1) of (seed, path, perpetual): survival below it liquidates the perpetual. */
    public static double uniform(long seed, long path, int perpetual) {
        long w = Philox4x32.firstPair(
                COUNTER_TAG, (int) path, (int) (path >>> 32), perpetual, (int) seed, (int) (seed >>> 32));
        return Uniforms.open01((int) w);
    }
}
