package io.vaultrisk.kernels.cpu;

import io.vaultrisk.kernels.Estimator;
import io.vaultrisk.kernels.EstimatorSums;
import io.vaultrisk.kernels.EuropeanTask;
import io.vaultrisk.kernels.Sampling;
import io.vaultrisk.kernels.rng.BoxMuller;
import io.vaultrisk.kernels.rng.Philox4x32;

/**
 * The same GBM paths as {@link GbmVectorKernel}, one path at a time: the readable reference the vector and device
 * kernels are checked against. The normals are theirs to the bit (BoxMuller); the step adds drift and volatility
 * term without the vector kernel's fma, so paths differ in the last bits.
 */
final class GbmScalarKernel {
    private final EuropeanTask task;
    private final GbmEstimators estimators;
    private final double logSpot, drift, volSqrtDt;
    private final int k0, k1;

    GbmScalarKernel(EuropeanTask task) {
        this.task = task;
        this.estimators = new GbmEstimators(task);
        double vol = task.parameter(0), dt = task.expiry() / task.steps();
        this.logSpot = Math.log(task.spot());
        this.drift = (task.rate() - 0.5 * vol * vol) * dt;
        this.volSqrtDt = vol * Math.sqrt(dt);
        this.k0 = (int) task.seed();
        this.k1 = (int) (task.seed() >>> 32);
    }

    void simulate(long first, long count, EstimatorSums sums) {
        boolean antithetic = task.sampling() == Sampling.ANTITHETIC;
        double[] values = new double[Estimator.COUNT], scratch = new double[Estimator.COUNT], z = new double[2];
        for (long p = first; p < first + count; p++) {
            double ln = logSpot, lnm = logSpot;
            for (int s = 0; s < task.steps(); s += 2) {
                long words = Philox4x32.firstPair(s, (int) p, (int) (p >>> 32), 0, k0, k1);
                BoxMuller.pair((int) words, (int) (words >>> 32), z, 0);
                ln += drift + volSqrtDt * z[0];
                lnm += drift - volSqrtDt * z[0];
                if (s + 1 < task.steps()) {
                    ln += drift + volSqrtDt * z[1];
                    lnm += drift - volSqrtDt * z[1];
                }
            }
            if (antithetic) {
                estimators.fillPair(ln, lnm, scratch, values);
            } else {
                estimators.fill(ln, values);
            }
            sums.add(values);
        }
    }
}
