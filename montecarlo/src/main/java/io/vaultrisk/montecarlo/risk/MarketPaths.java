package io.vaultrisk.montecarlo.risk;

import io.vaultrisk.kernels.PathDynamics;
import io.vaultrisk.montecarlo.book.MarketData;
import io.vaultrisk.montecarlo.book.MarketJump;
import io.vaultrisk.montecarlo.book.Underlying;
import io.vaultrisk.montecarlo.book.VolDynamics;
import io.vaultrisk.montecarlo.model.HestonModel;
import io.vaultrisk.montecarlo.model.MertonModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A market's dynamics in the path SPI's terms, for every engine that simulates a book's market (the risk engine's
 * {@link SimulationPlan}, the allocator's strategy scenarios): each underlying's per-step drift with its jumps
 * compensated, and the {@link PathDynamics} of its model (Merton, Heston), the market-wide jump and the vol factors,
 * each extra random number on its own stream dimension. One home, so a book's paths are the same process wherever
 * they are drawn.
 */
public final class MarketPaths {
    private MarketPaths() {}

    /**
     * Per-step log drift of underlying {@code u} over {@code dt} years: (μ − ½σ²)Δt for GBM, less the compensator
     * λ(E[e^J] − 1)Δt of its own and the market's jumps, so E[S(t)] = S(0)e^(μt) whatever the model; for Heston
     * (μ − compensator)Δt, as the kernel subtracts ½v·Δt along the path.
     */
    public static double driftDt(MarketData market, int u, double dt) {
        Underlying x = market.underlyings().get(u);
        MarketJump jump = market.marketJump();
        double compensator = 0;
        if (x.model() instanceof MertonModel m) {
            compensator += m.intensity() * m.meanRelativeJump();
        }
        if (jump.isOn()) {
            compensator += jump.intensity() * jump.meanRelativeJump(u);
        }
        if (x.model() instanceof HestonModel) {
            return (x.drift() - compensator) * dt;
        } else if (compensator != 0) {
            return (x.drift() - compensator - 0.5 * x.vol() * x.vol()) * dt;
        }
        return (x.drift() - 0.5 * x.vol() * x.vol()) * dt;
    }

    /** The models, jumps and vol factors of the underlyings, each extra random number on its own stream dimension. */
    public static PathDynamics dynamics(MarketData market, double dt) {
        List<Underlying> us = market.underlyings();
        MarketJump jump = market.marketJump();
        int n = us.size(), dims = n;
        int[] model = new int[n], jumpCountDim = new int[n], jumpSizeDim = new int[n], varianceDim = new int[n];
        int[] marketSizeDim = new int[n], volDim = new int[n];
        double[] jumpMeanCount = new double[n], jumpMean = new double[n], jumpVol = new double[n];
        double[] v0 = new double[n], kappa = new double[n], theta = new double[n], xi = new double[n];
        double[] rho = new double[n], marketMean = new double[n], marketVol = new double[n];
        double[] volDecay = new double[n], volShock = new double[n], volRho = new double[n];
        java.util.Arrays.fill(jumpCountDim, -1);
        java.util.Arrays.fill(jumpSizeDim, -1);
        java.util.Arrays.fill(varianceDim, -1);
        java.util.Arrays.fill(marketSizeDim, -1);
        java.util.Arrays.fill(volDim, -1);
        for (int u = 0; u < n; u++) {
            VolDynamics d = us.get(u).volDynamics();
            if (d != null) {
                volDim[u] = dims++;
                volDecay[u] = d.decay(dt);
                volShock[u] = d.stepSd(dt);
                volRho[u] = d.spotCorrelation();
            }
        }
        for (int u = 0; u < n; u++) {
            if (us.get(u).model() instanceof HestonModel h) {
                model[u] = PathDynamics.HESTON;
                varianceDim[u] = dims++;
                v0[u] = h.v0();
                kappa[u] = h.kappa();
                theta[u] = h.theta();
                xi[u] = h.xi();
                rho[u] = h.rho();
            }
        }
        for (int u = 0; u < n; u++) {
            if (us.get(u).model() instanceof MertonModel m) {
                model[u] = PathDynamics.MERTON;
                jumpCountDim[u] = dims++;
                jumpSizeDim[u] = dims++;
                jumpMeanCount[u] = m.intensity() * dt;
                jumpMean[u] = m.jumpMean();
                jumpVol[u] = m.jumpVol();
            }
        }
        int marketCountDim = -1;
        if (jump.isOn()) {
            marketCountDim = dims++;
            for (int u = 0; u < n; u++) {
                marketMean[u] = jump.mean()[u];
                marketVol[u] = jump.vol()[u];
                if (marketMean[u] != 0 || marketVol[u] != 0) {
                    marketSizeDim[u] = dims++;
                }
            }
        }
        return new PathDynamics(
                dims,
                dt,
                model,
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
                jump.isOn() ? jump.intensity() * dt : 0,
                marketCountDim,
                marketMean,
                marketVol,
                marketSizeDim,
                volDecay,
                volShock,
                volRho,
                volDim);
    }

    /**
     * What underlying {@code u}'s paths simulate, for reports: its model with its parameters, the market jump's part
     * in it and its vol dynamics, or that it is GBM at the model vol and which of these it leaves out.
     */
    public static String describe(MarketData market, int u) {
        Underlying x = market.underlyings().get(u);
        MarketJump jump = market.marketJump();
        List<String> parts = new ArrayList<>();
        if (x.model() instanceof MertonModel m) {
            parts.add(String.format(
                    Locale.ROOT,
                    "merton jumps λ=%.3g/yr μJ=%.3g σJ=%.3g, diffusion vol %.1f%%",
                    m.intensity(),
                    m.jumpMean(),
                    m.jumpVol(),
                    100 * x.vol()));
        } else if (x.model() instanceof HestonModel h) {
            parts.add(String.format(
                    Locale.ROOT,
                    "heston v0=%.3g κ=%.3g θ=%.3g ξ=%.3g ρ=%.2f",
                    h.v0(),
                    h.kappa(),
                    h.theta(),
                    h.xi(),
                    h.rho()));
        } else {
            parts.add(String.format(Locale.ROOT, "GBM at model vol %.1f%%", 100 * x.vol()));
        }
        boolean marketJump = jump.isOn() && (jump.mean()[u] != 0 || jump.vol()[u] != 0);
        if (marketJump) {
            parts.add(String.format(
                    Locale.ROOT,
                    "market jumps λ=%.3g/yr μ=%.3g σ=%.3g",
                    jump.intensity(),
                    jump.mean()[u],
                    jump.vol()[u]));
        }
        VolDynamics d = x.volDynamics();
        if (d != null) {
            parts.add(String.format(
                    Locale.ROOT,
                    "vol dynamics ψ=%.3g κ=%.3g ρ=%.2f%s",
                    d.volOfVol(),
                    d.meanReversion(),
                    d.spotCorrelation(),
                    d.stickyStrike() ? " sticky strike" : ""));
        }
        List<String> missing = new ArrayList<>();
        if (!(x.model() instanceof MertonModel) && !marketJump) {
            missing.add("no jumps");
        }
        if (d == null && !(x.model() instanceof HestonModel)) {
            missing.add("no vol dynamics");
        }
        return String.join(", ", parts) + (missing.isEmpty() ? "" : " — " + String.join(", ", missing));
    }
}
