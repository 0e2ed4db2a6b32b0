package io.vaultrisk.kernels.cpu;

import io.vaultrisk.basics.Normal;
import io.vaultrisk.kernels.CorrelatedPathTask;
import io.vaultrisk.kernels.PathDynamics;
import io.vaultrisk.kernels.rng.ReproducibleMath;
import io.vaultrisk.kernels.rng.VectorNormals;
import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;

/**
 * The CPU kernel of a {@link CorrelatedPathTask}: one path per SIMD lane, normals from {@link VectorNormals}, the
 * Cholesky factor applied per step. Lanes may hold any path indices, so tail paths can be recomputed alone with
 * exactly the numbers of the full run. Only running log-spots are kept (and, when the task has checkpoints, their
 * minimum and maximum since the last checkpoint); memory is O(lanes × (underlyings + observations)). A task with
 * {@link PathDynamics} beyond GBM takes a second, lane-by-lane step for jumps, Heston variance and vol factors; plain
 * GBM keeps the vector step, so its numbers do not depend on whether other features exist.
 *
 * <p>Not thread-safe: one kernel per block or thread.
 */
public final class CorrelatedPathKernel {
    public static final int LANES = VectorNormals.LANES;

    /** Sees every lane's state at the task's checkpoint steps; arrays are lane-minor: [u · LANES + lane]. */
    public interface Monitor {
        /** A new set of paths starts. */
        void start();

        /**
         * After time index {@code step}: log-spots, and their minimum and maximum over the steps since the previous
         * checkpoint (or the start), this step included. The arrays are read-only and only valid during the call.
         */
        void checkpoint(int step, double[] ln, double[] lnLow, double[] lnHigh);
    }

    /** A monitor for tasks without checkpoints. */
    public static final Monitor NONE = new Monitor() {
        @Override
        public void start() {}

        @Override
        public void checkpoint(int step, double[] ln, double[] lnLow, double[] lnHigh) {}
    };

    private final CorrelatedPathTask task;
    private final PathDynamics dyn;
    private final VectorNormals normals;
    private final int u, dims;
    private final boolean monitored, plain;
    private final double[] lower, ln, lnMin, lnMax, zEven, zOdd, w, volFactor, variance;
    private final int[] marketJumps = new int[LANES];
    private final int[][] obsAtStep;
    private final long[] ids = new long[LANES];
    /** Observed spots of the last run, lane-minor: [o · LANES + lane]. */
    private final double[] obsOut;

    public CorrelatedPathKernel(CorrelatedPathTask task) {
        this.task = task;
        this.normals = new VectorNormals(task.seed());
        this.u = task.underlyings();
        this.dyn = task.dynamics();
        this.dims = dyn.dims();
        this.plain = dyn.isPlainGbm();
        this.monitored = task.monitored();
        ln = new double[u * LANES];
        lnMin = new double[u * LANES];
        lnMax = new double[u * LANES];
        zEven = new double[dims * LANES];
        zOdd = new double[dims * LANES];
        w = new double[LANES];
        volFactor = new double[u * LANES];
        variance = new double[u * LANES];
        lower = new double[u * u];
        for (int i = 0; i < u; i++) {
            for (int j = 0; j <= i; j++) {
                lower[i * u + j] = task.lower()[i][j];
            }
        }
        int steps = task.steps();
        int[] count = new int[steps + 1];
        for (int s : task.obsStep()) {
            count[s]++;
        }
        obsAtStep = new int[steps + 1][];
        for (int s = 0; s <= steps; s++) {
            obsAtStep[s] = new int[count[s]];
            count[s] = 0;
        }
        for (int o = 0; o < task.observations(); o++) {
            int s = task.obsStep()[o];
            obsAtStep[s][count[s]++] = o;
        }
        obsOut = new double[task.observations() * LANES];
    }

    /**
     * Simulates paths [first, first + min(LANES, count)) with {@code monitor}; unused lanes repeat the last path.
     * Returns the number of live lanes.
     */
    public int run(long first, long count, Monitor monitor) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, got " + count);
        }
        int live = (int) Math.min(LANES, count);
        for (int i = 0; i < LANES; i++) {
            ids[i] = first + Math.min(i, live - 1);
        }
        run(ids, monitor);
        return live;
    }

    /** The spot of observation {@code o} in {@code lane} after the last run. */
    public double observed(int o, int lane) {
        return obsOut[o * LANES + lane];
    }

    /** Copies the first {@code live} lanes of observation {@code o} into {@code out[offset ..]}. */
    public void copyObserved(int o, int live, double[] out, int offset) {
        System.arraycopy(obsOut, o * LANES, out, offset, live);
    }

    /** Simulates the paths in {@code paths} (LANES entries; repeat an index to fill unused lanes). */
    public void run(long[] paths, Monitor monitor) {
        double[] logSpot0 = task.logSpot0();
        for (int d = 0; d < u; d++) {
            Arrays.fill(ln, d * LANES, (d + 1) * LANES, logSpot0[d]);
            Arrays.fill(lnMin, d * LANES, (d + 1) * LANES, logSpot0[d]);
            Arrays.fill(lnMax, d * LANES, (d + 1) * LANES, logSpot0[d]);
            Arrays.fill(volFactor, d * LANES, (d + 1) * LANES, 0.0);
            Arrays.fill(variance, d * LANES, (d + 1) * LANES, dyn.v0()[d]);
        }
        monitor.start();
        int steps = task.steps();
        for (int s = 0; s < steps; s += 2) {
            normals.fill(paths, s, dims, zEven, zOdd);
            advance(s + 1, zEven, monitor);
            if (s + 1 < steps) {
                advance(s + 2, zOdd, monitor);
            }
        }
    }

    /** The step to time index {@code t} with normals {@code z}; then observations and the monitor, if due. */
    private void advance(int t, double[] z, Monitor monitor) {
        if (plain) {
            stepGbm(z);
        } else {
            stepDynamics(z);
        }
        observeAndMonitor(t, monitor);
    }

    private void stepGbm(double[] z) {
        double[] driftDt = task.driftDt(), volSqrtDt = task.volSqrtDt();
        for (int i = 0; i < u; i++) {
            DoubleVector w = DoubleVector.zero(VectorNormals.DOUBLES);
            for (int k = 0; k <= i; k++) {
                double l = lower[i * u + k];
                if (l != 0.0) {
                    w = DoubleVector.fromArray(VectorNormals.DOUBLES, z, k * LANES)
                            .fma(DoubleVector.broadcast(VectorNormals.DOUBLES, l), w);
                }
            }
            DoubleVector x =
                    w.fma(volSqrtDt[i], driftDt[i]).add(DoubleVector.fromArray(VectorNormals.DOUBLES, ln, i * LANES));
            x.intoArray(ln, i * LANES);
            if (monitored) {
                x.min(DoubleVector.fromArray(VectorNormals.DOUBLES, lnMin, i * LANES))
                        .intoArray(lnMin, i * LANES);
                x.max(DoubleVector.fromArray(VectorNormals.DOUBLES, lnMax, i * LANES))
                        .intoArray(lnMax, i * LANES);
            }
        }
    }

    /**
     * One step with jumps, Heston variance or vol factors. A GBM underlying takes exactly the vector step of
     * {@link #stepGbm} before its jumps are added, so switching a vol factor on never moves its spots.
     */
    private void stepDynamics(double[] z) {
        double[] driftDt = task.driftDt(), volSqrtDt = task.volSqrtDt();
        double dt = dyn.dt();
        if (dyn.marketCountDim() >= 0) {
            int c = dyn.marketCountDim() * LANES;
            for (int lane = 0; lane < LANES; lane++) {
                marketJumps[lane] = poisson(dyn.marketMeanCount(), Normal.cdf(z[c + lane]));
            }
        }
        for (int i = 0; i < u; i++) {
            DoubleVector wv = DoubleVector.zero(VectorNormals.DOUBLES);
            for (int k = 0; k <= i; k++) {
                double l = lower[i * u + k];
                if (l != 0.0) {
                    wv = DoubleVector.fromArray(VectorNormals.DOUBLES, z, k * LANES)
                            .fma(DoubleVector.broadcast(VectorNormals.DOUBLES, l), wv);
                }
            }
            wv.intoArray(w, 0);
            int base = i * LANES, model = dyn.model()[i];
            if (model == PathDynamics.HESTON) {
                double kappa = dyn.kappa()[i], theta = dyn.theta()[i], xi = dyn.xi()[i], rho = dyn.rho()[i];
                double rhoBar = Math.sqrt(1 - rho * rho);
                int zv = dyn.varianceDim()[i] * LANES;
                for (int lane = 0; lane < LANES; lane++) {
                    double v = Math.max(variance[base + lane], 0.0), sd = Math.sqrt(v * dt);
                    ln[base + lane] += driftDt[i] - 0.5 * v * dt + sd * w[lane];
                    variance[base + lane] +=
                            kappa * (theta - v) * dt + xi * sd * (rho * w[lane] + rhoBar * z[zv + lane]);
                }
            } else {
                wv.fma(volSqrtDt[i], driftDt[i])
                        .add(DoubleVector.fromArray(VectorNormals.DOUBLES, ln, base))
                        .intoArray(ln, base);
            }
            if (model == PathDynamics.MERTON) {
                double mean = dyn.jumpMeanCount()[i], mu = dyn.jumpMean()[i], sigma = dyn.jumpVol()[i];
                int zc = dyn.jumpCountDim()[i] * LANES, zs = dyn.jumpSizeDim()[i] * LANES;
                for (int lane = 0; lane < LANES; lane++) {
                    int n = poisson(mean, Normal.cdf(z[zc + lane]));
                    if (n > 0) {
                        ln[base + lane] += n * mu + Math.sqrt(n) * sigma * z[zs + lane];
                    }
                }
            }
            if (dyn.marketSizeDim()[i] >= 0) {
                double mu = dyn.marketJumpMean()[i], sigma = dyn.marketJumpVol()[i];
                int zs = dyn.marketSizeDim()[i] * LANES;
                for (int lane = 0; lane < LANES; lane++) {
                    int n = marketJumps[lane];
                    if (n > 0) {
                        ln[base + lane] += n * mu + Math.sqrt(n) * sigma * z[zs + lane];
                    }
                }
            }
            if (dyn.volDim()[i] >= 0) {
                double a = dyn.volDecay()[i], c = dyn.volShock()[i], rho = dyn.volSpotCorrelation()[i];
                double rhoBar = Math.sqrt(1 - rho * rho);
                int zx = dyn.volDim()[i] * LANES;
                for (int lane = 0; lane < LANES; lane++) {
                    volFactor[base + lane] = a * volFactor[base + lane] + c * (rho * w[lane] + rhoBar * z[zx + lane]);
                }
            }
            if (monitored) {
                for (int lane = 0; lane < LANES; lane++) {
                    double x = ln[base + lane];
                    lnMin[base + lane] = Math.min(lnMin[base + lane], x);
                    lnMax[base + lane] = Math.max(lnMax[base + lane], x);
                }
            }
        }
    }

    /** Inverse Poisson distribution function with mean {@code mean} at {@code p}. */
    static int poisson(double mean, double p) {
        double term = Math.exp(-mean), cumulative = term;
        int n = 0;
        while (p > cumulative && n < 1000) {
            n++;
            term *= mean / n;
            cumulative += term;
            if (term < 1e-300) {
                break;
            }
        }
        return n;
    }

    private void observeAndMonitor(int t, Monitor monitor) {
        int[] underlying = task.obsUnderlying();
        for (int o : obsAtStep[t]) {
            int d = underlying[o];
            for (int lane = 0; lane < LANES; lane++) {
                obsOut[o * LANES + lane] =
                        d < u ? ReproducibleMath.exp(ln[d * LANES + lane]) : volFactor[(d - u) * LANES + lane];
            }
        }
        if (task.checkpoint()[t]) {
            monitor.checkpoint(t, ln, lnMin, lnMax);
            System.arraycopy(ln, 0, lnMin, 0, u * LANES);
            System.arraycopy(ln, 0, lnMax, 0, u * LANES);
        }
    }
}
