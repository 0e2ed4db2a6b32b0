package io.vaultrisk.kernels.cpu;

import io.vaultrisk.basics.Normal;
import io.vaultrisk.kernels.Estimator;
import io.vaultrisk.kernels.EstimatorSums;
import io.vaultrisk.kernels.EuropeanTask;
import io.vaultrisk.kernels.Sampling;
import io.vaultrisk.kernels.rng.BoxMuller;
import io.vaultrisk.kernels.rng.Philox4x32;

/**
 * Heston by Andersen's quadratic-exponential scheme (2008) with his martingale correction: the variance step matches
 * the exact conditional mean and variance of the CIR transition (quadratic branch a(b + Z_V)² when ψ ≤ 1.5, a point
 * mass at zero plus an exponential tail otherwise, sampled at U = Φ(Z_V)), so it stays accurate when the Feller
 * condition fails; the log-spot step integrates the variance by central weights (γ₁ = γ₂ = ½) and replaces
 * Andersen's K₀ = −ρκθΔ/ξ by the corrected K₀* so that E[S(t+Δ) | S(t), V(t)] = S(t)e^(rΔ) exactly. Normals: Z_V is dim 0, the independent spot normal
 * dim 1 (one Philox call feeds two steps). Antithetic sampling mirrors both normals.
 */
final class HestonQeKernel {
    static final double PSI_CRITICAL = 1.5;
    private final EuropeanTask task;
    private final TerminalEstimators estimators;
    private final double logSpot, v0, theta, xi, dt, rateDt, expKdt, k1, k2, k3, k4, a, m1, m2;
    private final int key0, key1;

    HestonQeKernel(EuropeanTask task) {
        this.task = task;
        this.estimators = new TerminalEstimators(task);
        this.v0 = task.parameter(0);
        double kappa = task.parameter(1);
        this.theta = task.parameter(2);
        this.xi = task.parameter(3);
        double rho = task.parameter(4);
        this.dt = task.expiry() / task.steps();
        this.rateDt = task.rate() * dt;
        this.expKdt = Math.exp(-kappa * dt);
        this.logSpot = Math.log(task.spot());
        double g1 = 0.5, g2 = 0.5;
        this.k1 = g1 * dt * (kappa * rho / xi - 0.5) - rho / xi;
        this.k2 = g2 * dt * (kappa * rho / xi - 0.5) + rho / xi;
        this.k3 = g1 * dt * (1 - rho * rho);
        this.k4 = g2 * dt * (1 - rho * rho);
        this.a = k2 + 0.5 * k4;
        // conditional variance s² = V m1 + m2
        this.m1 = xi * xi * expKdt * (1 - expKdt) / kappa;
        this.m2 = theta * xi * xi * (1 - expKdt) * (1 - expKdt) / (2 * kappa);
        this.key0 = (int) task.seed();
        this.key1 = (int) (task.seed() >>> 32);
    }

    void simulate(long first, long count, EstimatorSums sums) {
        boolean antithetic = task.sampling() == Sampling.ANTITHETIC;
        double[] values = new double[Estimator.COUNT], mirror = new double[Estimator.COUNT];
        double[] path = new double[2];
        for (long p = first; p < first + count; p++) {
            run(p, 1.0, path);
            estimators.fill(path[0], 0.0, values);
            if (antithetic) {
                run(p, -1.0, path);
                estimators.fill(path[0], 0.0, mirror);
                for (int i = 0; i < Estimator.COUNT; i++) {
                    values[i] = 0.5 * (values[i] + mirror[i]);
                }
            }
            sums.add(values);
        }
    }

    /** Simulates path {@code p} (normals times {@code sign}); path[0] = terminal log-spot, path[1] = variance. */
    void run(long p, double sign, double[] path) {
        int[] words = new int[4];
        double[] zv = new double[2], zs = new double[2];
        double ln = logSpot, v = v0;
        int steps = task.steps();
        for (int s = 0; s < steps; s += 2) {
            Philox4x32.draw(s, (int) p, (int) (p >>> 32), 0, key0, key1, words);
            BoxMuller.pair(words[0], words[1], zv, 0);
            BoxMuller.pair(words[2], words[3], zs, 0);
            for (int j = 0; j < 2 && s + j < steps; j++) {
                double zV = sign * zv[j], zS = sign * zs[j];
                double m = theta + (v - theta) * expKdt;
                double s2 = v * m1 + m2;
                double psi = s2 / (m * m);
                double next, logMgf;
                if (psi <= PSI_CRITICAL) {
                    double inv = 2.0 / psi;
                    double b2 = inv - 1 + Math.sqrt(inv) * Math.sqrt(inv - 1);
                    double aq = m / (1 + b2);
                    double b = Math.sqrt(b2);
                    next = aq * (b + zV) * (b + zV);
                    logMgf = a * b2 * aq / (1 - 2 * a * aq) - 0.5 * Math.log(1 - 2 * a * aq);
                } else {
                    double pz = (psi - 1) / (psi + 1);
                    double beta = (1 - pz) / m;
                    double u = Normal.cdf(zV);
                    next = u <= pz ? 0.0 : Math.log((1 - pz) / (1 - u)) / beta;
                    logMgf = Math.log(pz + beta * (1 - pz) / (beta - a));
                }
                double k0Star = -logMgf - (k1 + 0.5 * k3) * v;
                ln += rateDt + k0Star + k1 * v + k2 * next + Math.sqrt(k3 * v + k4 * next) * zS;
                v = next;
            }
        }
        path[0] = ln;
        path[1] = v;
    }
}
