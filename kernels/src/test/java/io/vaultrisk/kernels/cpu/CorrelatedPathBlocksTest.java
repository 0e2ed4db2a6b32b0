package io.vaultrisk.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vaultrisk.kernels.CorrelatedPathTask;
import io.vaultrisk.kernels.PathBlock;
import io.vaultrisk.kernels.ProgressSink;
import io.vaultrisk.kernels.rng.NormalStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CorrelatedPathBlocksTest {
    private static final double[][] LOWER = {{1, 0}, {0.6, 0.8}};
    private static final double[] LOG_SPOT = {Math.log(90_000), Math.log(3_000)};
    private static final double[] DRIFT = {1e-4, -2e-4};
    private static final double[] VOL = {0.02, 0.03};
    private static final CpuBackend CPU = new CpuBackend();

    /** Six steps, checkpoints after steps 2 and 6, observations of both underlyings at 3 and 6. */
    private static CorrelatedPathTask task() {
        boolean[] checkpoint = new boolean[7];
        checkpoint[2] = true;
        checkpoint[6] = true;
        return new CorrelatedPathTask(
                7, LOG_SPOT, DRIFT, VOL, LOWER, 6, new int[] {0, 1, 0, 1}, new int[] {3, 3, 6, 6}, checkpoint);
    }

    private static double[][] scalarPath(long path) {
        NormalStream z = new NormalStream(7);
        double[][] ln = new double[7][2];
        ln[0] = LOG_SPOT.clone();
        for (int s = 0; s < 6; s++) {
            for (int u = 0; u < 2; u++) {
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
    void simulatePaths_chunkAnywhere_matchesTheScalarRecursion() {
        PathBlock block = CPU.simulatePaths(task(), 10_001, 37, 2, ProgressSink.NONE);
        assertThat(block.checkpoints()).isEqualTo(2);
        int[] u = {0, 1, 0, 1}, step = {3, 3, 6, 6}, cpStep = {2, 6}, cpFrom = {0, 2};
        for (int i = 0; i < 37; i++) {
            double[][] ln = scalarPath(10_001 + i);
            for (int o = 0; o < 4; o++) {
                double expected = Math.exp(ln[step[o]][u[o]]);
                assertThat(block.observed(i, o)).isCloseTo(expected, within(1e-12 * expected));
            }
            for (int c = 0; c < 2; c++) {
                for (int d = 0; d < 2; d++) {
                    double low = Double.POSITIVE_INFINITY, high = Double.NEGATIVE_INFINITY;
                    for (int t = cpFrom[c]; t <= cpStep[c]; t++) {
                        low = Math.min(low, ln[t][d]);
                        high = Math.max(high, ln[t][d]);
                    }
                    int x = block.checkpointIndex(i, c, d);
                    assertThat(block.checkpointLn()[x]).isCloseTo(ln[cpStep[c]][d], within(1e-12));
                    assertThat(block.checkpointLow()[x]).isCloseTo(low, within(1e-12));
                    assertThat(block.checkpointHigh()[x]).isCloseTo(high, within(1e-12));
                }
            }
        }
    }

    @Test
    void simulatePaths_chunkedOrThreaded_sameBitsAsOneRun() {
        PathBlock whole = CPU.simulatePaths(task(), 0, 10_000, 1, ProgressSink.NONE);
        PathBlock head = CPU.simulatePaths(task(), 0, 4_099, 2, ProgressSink.NONE);
        PathBlock tail = CPU.simulatePaths(task(), 4_099, 5_901, 3, ProgressSink.NONE);
        double[] joined = Arrays.copyOf(head.observed(), whole.observed().length);
        System.arraycopy(tail.observed(), 0, joined, head.observed().length, tail.observed().length);
        assertThat(joined).isEqualTo(whole.observed());
        double[] lows = Arrays.copyOf(head.checkpointLow(), whole.checkpointLow().length);
        System.arraycopy(tail.checkpointLow(), 0, lows, head.checkpointLow().length, tail.checkpointLow().length);
        assertThat(lows).isEqualTo(whole.checkpointLow());
    }
}
