package io.vaultrisk.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vaultrisk.kernels.CorrelatedPathTask;
import io.vaultrisk.kernels.rng.NormalStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorrelatedPathKernelTest {
    private static final int LANES = CorrelatedPathKernel.LANES;
    private static final double[][] LOWER = {{1, 0, 0}, {0.8, 0.6, 0}, {0.6, 0.366_666_7, 0.710_555}};
    private static final double[] LOG_SPOT = {Math.log(90_000), Math.log(3_000), Math.log(140)};
    private static final double[] DRIFT = {1e-4, -2e-4, 3e-5};
    private static final double[] VOL = {0.02, 0.03, 0.045};

    /** Seven steps (an odd last step uses only the cosine output), observations at odd and even steps. */
    private static CorrelatedPathTask task(boolean[] checkpoint) {
        return new CorrelatedPathTask(
                42, LOG_SPOT, DRIFT, VOL, LOWER, 7, new int[] {0, 2, 1, 2, 0}, new int[] {3, 3, 4, 7, 7}, checkpoint);
    }

    /** The log-Euler recursion written out with the scalar stream: ln[t][u] for t = 0..7. */
    private static double[][] scalarPath(long path) {
        NormalStream z = new NormalStream(42);
        double[][] ln = new double[8][3];
        ln[0] = LOG_SPOT.clone();
        for (int s = 0; s < 7; s++) {
            for (int u = 0; u < 3; u++) {
                double w = 0;
                for (int k = 0; k <= u; k++) {
                    w += LOWER[u][k] * z.normal(path, s, k);
                }
                ln[s + 1][u] = ln[s][u] + DRIFT[u] + VOL[u] * w;
            }
        }
        return ln;
    }

    @Test
    void run_anyPaths_observationsMatchTheScalarRecursion() {
        CorrelatedPathKernel kernel = new CorrelatedPathKernel(task(new boolean[8]));
        long[] paths = new long[LANES];
        for (int i = 0; i < LANES; i++) {
            paths[i] = i % 2 == 0 ? 5L * i : 123_456_789_012L + i;
        }
        kernel.run(paths, CorrelatedPathKernel.NONE);
        int[] u = {0, 2, 1, 2, 0}, step = {3, 3, 4, 7, 7};
        for (int lane = 0; lane < LANES; lane++) {
            double[][] ln = scalarPath(paths[lane]);
            for (int o = 0; o < 5; o++) {
                double expected = Math.exp(ln[step[o]][u[o]]);
                assertThat(kernel.observed(o, lane))
                        .as("path %d observation %d", paths[lane], o)
                        .isCloseTo(expected, within(1e-12 * expected));
            }
        }
    }

    @Test
    void run_firstAndCount_fillsShortGroupsWithTheLastPath() {
        CorrelatedPathKernel kernel = new CorrelatedPathKernel(task(new boolean[8]));
        int live = kernel.run(1000, 3, CorrelatedPathKernel.NONE);
        assertThat(live).isEqualTo(Math.min(3, LANES));
        double[][] ln = scalarPath(1000 + live - 1);
        for (int lane = live - 1; lane < LANES; lane++) {
            assertThat(kernel.observed(3, lane)).isCloseTo(Math.exp(ln[7][2]), within(1e-12 * Math.exp(ln[7][2])));
        }
    }

    /** The monitor sees log-spots and their extremes since the previous checkpoint, at exactly the flagged steps. */
    @Test
    void run_checkpoints_monitorSeesStateAndExtremesSinceThePreviousCheckpoint() {
        boolean[] checkpoint = new boolean[8];
        checkpoint[2] = true;
        checkpoint[5] = true;
        checkpoint[7] = true;
        CorrelatedPathKernel kernel = new CorrelatedPathKernel(task(checkpoint));
        List<double[]> seen = new ArrayList<>();
        List<Integer> steps = new ArrayList<>();
        int[] starts = new int[1];
        CorrelatedPathKernel.Monitor monitor = new CorrelatedPathKernel.Monitor() {
            @Override
            public void start() {
                starts[0]++;
            }

            @Override
            public void checkpoint(int step, double[] ln, double[] lnLow, double[] lnHigh) {
                steps.add(step);
                // lane 0 of each underlying: ln, low, high
                double[] x = new double[9];
                for (int u = 0; u < 3; u++) {
                    x[3 * u] = ln[u * LANES];
                    x[3 * u + 1] = lnLow[u * LANES];
                    x[3 * u + 2] = lnHigh[u * LANES];
                }
                seen.add(x);
            }
        };
        kernel.run(77, 1, monitor);
        assertThat(starts[0]).isEqualTo(1);
        assertThat(steps).containsExactly(2, 5, 7);
        double[][] ln = scalarPath(77);
        int previous = 0;
        for (int c = 0; c < 3; c++) {
            int t = steps.get(c);
            for (int u = 0; u < 3; u++) {
                double low = Double.POSITIVE_INFINITY, high = Double.NEGATIVE_INFINITY;
                for (int s = previous; s <= t; s++) {
                    low = Math.min(low, ln[s][u]);
                    high = Math.max(high, ln[s][u]);
                }
                assertThat(seen.get(c)[3 * u]).isCloseTo(ln[t][u], within(1e-12));
                assertThat(seen.get(c)[3 * u + 1]).isCloseTo(low, within(1e-12));
                assertThat(seen.get(c)[3 * u + 2]).isCloseTo(high, within(1e-12));
            }
            previous = t;
        }
    }

    @Test
    void new_upperTriangleOrStepOutOfRange_rejected() {
        assertThatThrownBy(() -> new CorrelatedPathTask(
                        1,
                        new double[] {0, 0},
                        new double[2],
                        new double[2],
                        new double[][] {{1, 0.5}, {0, 1}},
                        3,
                        new int[0],
                        new int[0],
                        new boolean[4]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lower-triangular");
        assertThatThrownBy(() -> new CorrelatedPathTask(
                        1,
                        new double[] {0},
                        new double[1],
                        new double[1],
                        new double[][] {{1}},
                        3,
                        new int[] {0},
                        new int[] {4},
                        new boolean[4]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("observation step");
    }
}
