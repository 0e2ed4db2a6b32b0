package io.vaultrisk.kernels.cpu;

import io.vaultrisk.kernels.Estimator;
import io.vaultrisk.kernels.EstimatorSums;
import io.vaultrisk.kernels.EuropeanTask;
import io.vaultrisk.kernels.Sampling;
import io.vaultrisk.kernels.rng.VectorNormals;
import jdk.incubator.vector.DoubleVector;

/**
 * GBM paths laid across SIMD lanes (one path per lane): normals from {@link VectorNormals} (dimension 0), a log-Euler
 * step per time step. Only the running log-spot of each path is kept; estimators are formed once per path at expiry.
 */
final class GbmVectorKernel {
    static final int LANES = VectorNormals.LANES;

    private final EuropeanTask task;
    private final GbmEstimators estimators;
    private final VectorNormals normals;
    private final double logSpot, drift, volSqrtDt;

    GbmVectorKernel(EuropeanTask task) {
        this.task = task;
        this.estimators = new GbmEstimators(task);
        this.normals = new VectorNormals(task.seed());
        double vol = task.parameter(0), dt = task.expiry() / task.steps();
        this.logSpot = Math.log(task.spot());
        this.drift = (task.rate() - 0.5 * vol * vol) * dt;
        this.volSqrtDt = vol * Math.sqrt(dt);
    }

    /** Simulates samples [first, first + count) and adds their estimators to {@code sums}. */
    void simulate(long first, long count, EstimatorSums sums) {
        boolean antithetic = task.sampling() == Sampling.ANTITHETIC;
        double[] plus = new double[LANES], minus = new double[LANES], even = new double[LANES], odd = new double[LANES];
        double[] values = new double[Estimator.COUNT], scratch = new double[Estimator.COUNT];
        long[] paths = new long[LANES];
        long end = first + count;
        for (long g = first; g < end; g += LANES) {
            for (int lane = 0; lane < LANES; lane++) {
                paths[lane] = g + lane;
            }
            simulateLanes(paths, antithetic, even, odd, plus, minus);
            int live = (int) Math.min(LANES, end - g);
            for (int lane = 0; lane < live; lane++) {
                if (antithetic) {
                    estimators.fillPair(plus[lane], minus[lane], scratch, values);
                } else {
                    estimators.fill(plus[lane], values);
                }
                sums.add(values);
            }
        }
    }

    /** Runs the paths of one vector of lanes to expiry; the mirrored (−Z) paths too when {@code antithetic}. */
    private void simulateLanes(
            long[] paths, boolean antithetic, double[] even, double[] odd, double[] outPlus, double[] outMinus) {
        DoubleVector ln = DoubleVector.broadcast(VectorNormals.DOUBLES, logSpot), lnm = ln;
        int steps = task.steps();
        for (int s = 0; s < steps; s += 2) {
            normals.fill(paths, s, 1, even, odd);
            DoubleVector z0 = DoubleVector.fromArray(VectorNormals.DOUBLES, even, 0);
            ln = ln.add(z0.fma(volSqrtDt, drift));
            if (antithetic) {
                lnm = lnm.add(z0.fma(-volSqrtDt, drift));
            }
            if (s + 1 < steps) {
                DoubleVector z1 = DoubleVector.fromArray(VectorNormals.DOUBLES, odd, 0);
                ln = ln.add(z1.fma(volSqrtDt, drift));
                if (antithetic) {
                    lnm = lnm.add(z1.fma(-volSqrtDt, drift));
                }
            }
        }
        ln.intoArray(outPlus, 0);
        if (antithetic) {
            lnm.intoArray(outMinus, 0);
        }
    }
}
