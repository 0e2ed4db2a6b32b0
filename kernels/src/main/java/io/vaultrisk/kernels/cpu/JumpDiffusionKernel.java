package io.vaultrisk.kernels.cpu;

import io.vaultrisk.basics.Normal;
import io.vaultrisk.kernels.Estimator;
import io.vaultrisk.kernels.EstimatorSums;
import io.vaultrisk.kernels.EuropeanTask;
import io.vaultrisk.kernels.Sampling;
import io.vaultrisk.kernels.rng.BoxMuller;
import io.vaultrisk.kernels.rng.Philox4x32;

/**
 * Merton jump diffusion, one path at a time: per step a diffusion normal (dim 0), the number of jumps by inverting
 * the Poisson distribution at Φ(Z₂) (dim 2), and their total log size N·μ_J + √N·σ_J·Z₁ (dim 1), which is exact in
 * distribution. The drift is compensated (r − λk − σ²/2, k = e^(μ_J + σ_J²/2) − 1) so the discounted spot is a
 * martingale. Antithetic sampling mirrors the diffusion and jump-size normals.
 */
final class JumpDiffusionKernel {
    private final EuropeanTask task;
    private final TerminalEstimators estimators;
    private final double logSpot, drift, volSqrtDt, sqrtDt, jumpMean, jumpVol, meanJumps, noJump;
    private final int k0, k1;

    JumpDiffusionKernel(EuropeanTask task) {
        this.task = task;
        this.estimators = new TerminalEstimators(task);
        double vol = task.parameter(0), intensity = task.parameter(1);
        this.jumpMean = task.parameter(2);
        this.jumpVol = task.parameter(3);
        double dt = task.expiry() / task.steps();
        double k = Math.expm1(jumpMean + 0.5 * jumpVol * jumpVol);
        this.logSpot = Math.log(task.spot());
        this.drift = (task.rate() - intensity * k - 0.5 * vol * vol) * dt;
        this.sqrtDt = Math.sqrt(dt);
        this.volSqrtDt = vol * sqrtDt;
        this.meanJumps = intensity * dt;
        this.noJump = Math.exp(-meanJumps);
        this.k0 = (int) task.seed();
        this.k1 = (int) (task.seed() >>> 32);
    }

    void simulate(long first, long count, EstimatorSums sums) {
        boolean antithetic = task.sampling() == Sampling.ANTITHETIC;
        double[] values = new double[Estimator.COUNT], mirror = new double[Estimator.COUNT];
        int[] a = new int[4], b = new int[4];
        double[] z0 = new double[2], z1 = new double[2], z2 = new double[2];
        int steps = task.steps();
        for (long p = first; p < first + count; p++) {
            double ln = logSpot, lnm = logSpot, w = 0;
            for (int s = 0; s < steps; s += 2) {
                Philox4x32.draw(s, (int) p, (int) (p >>> 32), 0, k0, k1, a);
                Philox4x32.draw(s, (int) p, (int) (p >>> 32), 1, k0, k1, b);
                BoxMuller.pair(a[0], a[1], z0, 0);
                BoxMuller.pair(a[2], a[3], z1, 0);
                BoxMuller.pair(b[0], b[1], z2, 0);
                for (int j = 0; j < 2 && s + j < steps; j++) {
                    int n = poisson(Normal.cdf(z2[j]));
                    double jumps = n * jumpMean, spread = n == 0 ? 0.0 : Math.sqrt(n) * jumpVol * z1[j];
                    ln += drift + volSqrtDt * z0[j] + jumps + spread;
                    lnm += drift - volSqrtDt * z0[j] + jumps - spread;
                    w += sqrtDt * z0[j];
                }
            }
            estimators.fill(ln, w, values);
            if (antithetic) {
                estimators.fill(lnm, -w, mirror);
                for (int i = 0; i < Estimator.COUNT; i++) {
                    values[i] = 0.5 * (values[i] + mirror[i]);
                }
            }
            sums.add(values);
        }
    }

    /** Inverse Poisson distribution function with mean λΔt at {@code u}. */
    int poisson(double u) {
        double term = noJump, cumulative = noJump;
        int n = 0;
        while (u > cumulative && n < 1000) {
            n++;
            term *= meanJumps / n;
            cumulative += term;
            if (term < 1e-300) {
                break;
            }
        }
        return n;
    }
}
