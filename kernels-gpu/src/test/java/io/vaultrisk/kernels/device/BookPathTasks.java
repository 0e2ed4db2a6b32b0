package io.vaultrisk.kernels.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultrisk.kernels.CorrelatedPathTask;
import io.vaultrisk.kernels.PathBlock;
import io.vaultrisk.kernels.PathDynamics;
import java.util.Arrays;

/**
 * Book-path tasks that reach every branch of the device kernel (three correlated underlyings, an odd step count,
 * checkpoints, Merton jumps that fire often, Heston variance that goes negative, market jumps, observed vol factors),
 * and the per-path agreement check the OpenCL and CUDA tests hold a device block to the CPU's with.
 */
public final class BookPathTasks {
    public static final long SEED = 20_260_214L;
    public static final int STEPS = 7;
    private static final int U = 3;
    private static final double DT = 1.0 / 365;
    private static final double[][] LOWER = {{1, 0, 0}, {0.6, 0.8, 0}, {0.3, -0.2, Math.sqrt(1 - 0.09 - 0.04)}};
    private static final double[] LOG_SPOT = {Math.log(90_000), Math.log(3_000), Math.log(150)};

    /** The models a task can add to correlated GBM. */
    public enum Dynamics {
        GBM,
        MERTON,
        HESTON,
        MARKET_JUMPS,
        VOL_FACTORS,
        ALL
    }

    private BookPathTasks() {}

    /**
     * A task of {@code dynamics}: observations of every underlying at steps 3 and 7 and of underlying 1 at step 1
     * (and the vol factors at 4 and 7 where they are on), checkpoints after steps 2, 5 and 7.
     */
    public static CorrelatedPathTask task(Dynamics dynamics) {
        boolean merton = dynamics == Dynamics.MERTON || dynamics == Dynamics.ALL;
        boolean heston = dynamics == Dynamics.HESTON || dynamics == Dynamics.ALL;
        boolean market = dynamics == Dynamics.MARKET_JUMPS || dynamics == Dynamics.ALL;
        boolean vol = dynamics == Dynamics.VOL_FACTORS || dynamics == Dynamics.ALL;
        int dims = U;
        int[] model = new int[U];
        int[] jumpCount = off(), jumpSize = off(), variance = off(), marketSize = off(), volDim = off();
        int marketCount = -1;
        if (merton) {
            model[0] = PathDynamics.MERTON;
            jumpCount[0] = dims++;
            jumpSize[0] = dims++;
        }
        if (heston) {
            model[1] = PathDynamics.HESTON;
            variance[1] = dims++;
        }
        if (market) {
            marketCount = dims++;
            for (int u = 0; u < U; u++) {
                marketSize[u] = dims++;
            }
        }
        if (vol) {
            volDim[0] = dims++;
            volDim[2] = dims++;
        }
        double kappaVol = 5.0, a = Math.exp(-kappaVol * DT);
        double c = 0.9 * Math.sqrt((1 - a * a) / (2 * kappaVol));
        PathDynamics dyn = new PathDynamics(
                dims,
                DT,
                model,
                new double[] {0.35, 0, 0}, // jumps per step: often, and now and then two or more
                new double[] {-0.04, 0, 0},
                new double[] {0.12, 0, 0},
                jumpCount,
                jumpSize,
                new double[] {0, 0.04, 0},
                new double[] {0, 2.0, 0},
                new double[] {0, 0.5, 0},
                new double[] {0, 3.0, 0}, // ξ² ≫ 2κθ: the variance crosses zero and is truncated
                new double[] {0, -0.7, 0},
                variance,
                0.2,
                marketCount,
                new double[] {-0.08, -0.1, -0.15},
                new double[] {0.05, 0.07, 0.1},
                marketSize,
                new double[] {a, 0, a},
                new double[] {c, 0, c},
                new double[] {-0.6, 0, -0.3},
                volDim);
        int[] obsU = vol ? new int[] {1, 0, 1, 2, U, 0, 1, 2, U + 2} : new int[] {1, 0, 1, 2, 0, 1, 2};
        int[] obsStep = vol ? new int[] {1, 3, 3, 3, 4, 7, 7, 7, 7} : new int[] {1, 3, 3, 3, 7, 7, 7};
        boolean[] checkpoint = new boolean[STEPS + 1];
        checkpoint[2] = true;
        checkpoint[5] = true;
        checkpoint[7] = true;
        return new CorrelatedPathTask(
                SEED,
                LOG_SPOT,
                new double[] {2e-4, -1e-4, 3e-4},
                new double[] {0.6 * Math.sqrt(DT), 0.8 * Math.sqrt(DT), 1.1 * Math.sqrt(DT)},
                LOWER,
                STEPS,
                obsU,
                obsStep,
                checkpoint,
                dyn);
    }

    /** Correlated GBM of {@code underlyings} (an identity Cholesky factor), observed once at the last of 3 steps. */
    public static CorrelatedPathTask wide(int underlyings) {
        double[][] lower = new double[underlyings][underlyings];
        double[] logSpot = new double[underlyings], drift = new double[underlyings], vol = new double[underlyings];
        for (int u = 0; u < underlyings; u++) {
            lower[u][u] = 1;
            logSpot[u] = Math.log(100 + u);
            vol[u] = 0.03;
        }
        return new CorrelatedPathTask(
                SEED, logSpot, drift, vol, lower, 3, new int[] {0}, new int[] {3}, new boolean[4]);
    }

    private static int[] off() {
        int[] a = new int[U];
        Arrays.fill(a, -1);
        return a;
    }

    /**
     * Asserts that {@code actual} holds the paths of {@code expected} to {@code relative}: spots relative to their
     * size, log-spots and vol factors (logs, near 0 for X) relative to max(1, |value|).
     */
    /**
     * Double paths on a device against the CPU's: the same bits in every observation and checkpoint, since normals,
     * path steps and the observed spots' exp are ReproducibleMath's and explicit IEEE operations on both sides.
     */
    public static void assertSameBits(CorrelatedPathTask task, PathBlock actual, PathBlock expected) {
        assertThat(actual.first()).isEqualTo(expected.first());
        assertThat(actual.count()).isEqualTo(expected.count());
        assertThat(actual.observations()).isEqualTo(task.observations());
        assertThat(actual.observed()).as("observed").isEqualTo(expected.observed());
        assertThat(actual.checkpointLn()).as("checkpoint ln").isEqualTo(expected.checkpointLn());
        assertThat(actual.checkpointLow()).as("checkpoint low").isEqualTo(expected.checkpointLow());
        assertThat(actual.checkpointHigh()).as("checkpoint high").isEqualTo(expected.checkpointHigh());
    }

    public static void assertAgrees(CorrelatedPathTask task, PathBlock actual, PathBlock expected, double relative) {
        assertThat(actual.first()).isEqualTo(expected.first());
        assertThat(actual.count()).isEqualTo(expected.count());
        assertThat(actual.checkpoints()).isEqualTo(expected.checkpoints());
        int nObs = task.observations();
        for (int i = 0; i < expected.count(); i++) {
            for (int o = 0; o < nObs; o++) {
                boolean spot = task.obsUnderlying()[o] < task.underlyings();
                double e = expected.observed(i, o), x = actual.observed(i, o);
                double scale = spot ? Math.abs(e) : Math.max(1, Math.abs(e));
                assertThat(Math.abs(x - e))
                        .as("path %d observation %d: device %s, cpu %s", expected.first() + i, o, x, e)
                        .isLessThanOrEqualTo(relative * scale);
            }
        }
        String[] names = {"ln", "low", "high"};
        double[][] got = {actual.checkpointLn(), actual.checkpointLow(), actual.checkpointHigh()};
        double[][] want = {expected.checkpointLn(), expected.checkpointLow(), expected.checkpointHigh()};
        for (int a = 0; a < 3; a++) {
            for (int j = 0; j < want[a].length; j++) {
                double e = want[a][j];
                assertThat(Math.abs(got[a][j] - e))
                        .as("checkpoint %s [%d]: device %s, cpu %s", names[a], j, got[a][j], e)
                        .isLessThanOrEqualTo(relative * Math.max(1, Math.abs(e)));
            }
        }
    }
}
