package io.vaultrisk.kernels;

import java.util.Arrays;

/**
 * What a {@link CorrelatedPathTask} adds to correlated GBM, per underlying: its model (GBM, Merton jumps, Heston
 * variance), a market-wide jump clock shared by all underlyings, and a mean-reverting log implied-vol factor. Every
 * extra random number is a dimension of the same counter-based stream Z(path, step, dim) beyond the underlyings'
 * own (dims 0..U−1), so a path is still computable alone and thread counts never change a result.
 *
 * <ul>
 *   <li>Merton (u): per step N ~ Poisson(λΔt) at Φ(Z(jumpCountDim)), log jump N·μ_J + √N·σ_J·Z(jumpSizeDim); the
 *       task's drift carries the compensator.
 *   <li>Heston (u): full-truncation Euler at the task's step, ln S += driftDt − ½v⁺Δt + √(v⁺Δt)·W,
 *       v += κ(θ − v⁺)Δt + ξ√(v⁺Δt)(ρW + √(1 − ρ²)Z(varianceDim)), W the spot's correlated normal.
 *   <li>Market jump: one N ~ Poisson(λ_mΔt) at Φ(Z(marketCountDim)) per step for all underlyings; underlying u
 *       jumps by N·μ_u + √N·σ_u·Z(marketSizeDim[u]).
 *   <li>Vol factor (u): X ← a·X + c·(ρW + √(1 − ρ²)Z(volDim)), X₀ = 0, a = e^(−κΔt), c = ψ√((1 − a²)/(2κ)): the
 *       exact Ornstein–Uhlenbeck transition of the log ATM implied vol relative to today.
 * </ul>
 *
 * A dimension of −1 means the feature is off for that underlying.
 */
public record PathDynamics(
        int dims,
        double dt,
        int[] model,
        double[] jumpMeanCount,
        double[] jumpMean,
        double[] jumpVol,
        int[] jumpCountDim,
        int[] jumpSizeDim,
        double[] v0,
        double[] kappa,
        double[] theta,
        double[] xi,
        double[] rho,
        int[] varianceDim,
        double marketMeanCount,
        int marketCountDim,
        double[] marketJumpMean,
        double[] marketJumpVol,
        int[] marketSizeDim,
        double[] volDecay,
        double[] volShock,
        double[] volSpotCorrelation,
        int[] volDim) {
    public static final int GBM = 0, MERTON = 1, HESTON = 2;

    public PathDynamics {
        int u = model.length;
        for (Object a : new Object[] {
            jumpMeanCount,
            jumpMean,
            jumpVol,
            jumpCountDim,
            jumpSizeDim,
            v0,
            kappa,
            theta,
            xi,
            rho,
            varianceDim,
            marketJumpMean,
            marketJumpVol,
            marketSizeDim,
            volDecay,
            volShock,
            volSpotCorrelation,
            volDim
        }) {
            if (java.lang.reflect.Array.getLength(a) != u) {
                throw new IllegalArgumentException("path dynamics need one entry per underlying (" + u + ")");
            }
        }
        for (int d :
                concat(jumpCountDim, jumpSizeDim, varianceDim, marketSizeDim, volDim, new int[] {marketCountDim})) {
            if (d != -1 && (d < u || d >= dims)) {
                throw new IllegalArgumentException("extra dimension " + d + " must be in " + u + ".." + (dims - 1));
            }
        }
        model = model.clone();
        jumpMeanCount = jumpMeanCount.clone();
        jumpMean = jumpMean.clone();
        jumpVol = jumpVol.clone();
        jumpCountDim = jumpCountDim.clone();
        jumpSizeDim = jumpSizeDim.clone();
        v0 = v0.clone();
        kappa = kappa.clone();
        theta = theta.clone();
        xi = xi.clone();
        rho = rho.clone();
        varianceDim = varianceDim.clone();
        marketJumpMean = marketJumpMean.clone();
        marketJumpVol = marketJumpVol.clone();
        marketSizeDim = marketSizeDim.clone();
        volDecay = volDecay.clone();
        volShock = volShock.clone();
        volSpotCorrelation = volSpotCorrelation.clone();
        volDim = volDim.clone();
    }

    /** Plain correlated GBM for {@code underlyings}: no extra dimensions. */
    public static PathDynamics gbm(int underlyings) {
        int[] off = new int[underlyings];
        Arrays.fill(off, -1);
        double[] z = new double[underlyings];
        return new PathDynamics(
                underlyings,
                0,
                new int[underlyings],
                z,
                z,
                z,
                off,
                off,
                z,
                z,
                z,
                z,
                z,
                off,
                0,
                -1,
                z,
                z,
                off,
                z,
                z,
                z,
                off);
    }

    public int underlyings() {
        return model.length;
    }

    /** True when nothing beyond correlated GBM is simulated. */
    public boolean isPlainGbm() {
        return dims == model.length;
    }

    public boolean hasVolFactor(int u) {
        return volDim[u] >= 0;
    }

    private static int[] concat(int[]... parts) {
        return Arrays.stream(parts).flatMapToInt(Arrays::stream).toArray();
    }
}
