package io.vaultrisk.kernels.cpu;

import io.vaultrisk.kernels.CorrelatedPathTask;
import io.vaultrisk.kernels.rng.VectorNormals;
import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;

/**
 * The CPU kernel of a {@link CorrelatedPathTask}: one path per SIMD lane, normals from {@link VectorNormals}, the
 * Cholesky factor applied per step. Lanes may hold any path indices, so tail paths can be recomputed alone with
 * exactly the numbers of the full run. Only running log-spots are kept (and, when the task has checkpoints, their
 * minimum and maximum since the last checkpoint); memory is O(lanes × (underlyings + observations)).
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
    private final VectorNormals normals;
    private final int u;
    private final boolean monitored;
    private final double[] lower, ln, lnMin, lnMax, zEven, zOdd;
    private final int[][] obsAtStep;
    private final long[] ids = new long[LANES];
    /** Observed spots of the last run, lane-minor: [o · LANES + lane]. */
    private final double[] obsOut;

    public CorrelatedPathKernel(CorrelatedPathTask task) {
        this.task = task;
        this.normals = new VectorNormals(task.seed());
        this.u = task.underlyings();
        this.monitored = task.monitored();
        ln = new double[u * LANES];
        lnMin = new double[u * LANES];
        lnMax = new double[u * LANES];
        zEven = new double[u * LANES];
        zOdd = new double[u * LANES];
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
        }
        monitor.start();
        int steps = task.steps();
        for (int s = 0; s < steps; s += 2) {
            normals.fill(paths, s, u, zEven, zOdd);
            advance(s + 1, zEven, monitor);
            if (s + 1 < steps) {
                advance(s + 2, zOdd, monitor);
            }
        }
    }

    /** The step to time index {@code t} with normals {@code z}; then observations and the monitor, if due. */
    private void advance(int t, double[] z, Monitor monitor) {
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
        int[] underlying = task.obsUnderlying();
        for (int o : obsAtStep[t]) {
            int d = underlying[o];
            for (int lane = 0; lane < LANES; lane++) {
                obsOut[o * LANES + lane] = Math.exp(ln[d * LANES + lane]);
            }
        }
        if (task.checkpoint()[t]) {
            monitor.checkpoint(t, ln, lnMin, lnMax);
            System.arraycopy(ln, 0, lnMin, 0, u * LANES);
            System.arraycopy(ln, 0, lnMax, 0, u * LANES);
        }
    }
}
