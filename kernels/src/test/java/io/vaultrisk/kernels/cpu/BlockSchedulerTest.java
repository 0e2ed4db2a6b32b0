package io.vaultrisk.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultrisk.kernels.Estimator;
import io.vaultrisk.kernels.EstimatorSums;
import io.vaultrisk.kernels.EuropeanRun;
import io.vaultrisk.kernels.EuropeanTask;
import io.vaultrisk.kernels.GreekMethod;
import io.vaultrisk.kernels.ModelKind;
import io.vaultrisk.kernels.ProgressSink;
import io.vaultrisk.kernels.Sampling;
import io.vaultrisk.kernels.rng.NormalStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlockSchedulerTest {

    /** Block boundaries depend only on the item count and block size, never on the threads. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void run_blockSizeNotDividingItems_coversEveryItemOnceInBlockOrder(int threads) {
        List<long[]> blocks = BlockScheduler.run(10_007, 1000, threads, (first, count) -> new long[] {first, count});
        assertThat(blocks).hasSize(11);
        long next = 0;
        for (long[] b : blocks) {
            assertThat(b[0]).isEqualTo(next);
            next += b[1];
        }
        assertThat(next).isEqualTo(10_007);
        assertThat(blocks.get(10)[1]).isEqualTo(7);
    }

    /**
     * An order-sensitive floating-point total (normals of wildly different magnitudes) combined in the returned order
     * equals the serial loop's, for 1, 2 and 3 threads and item counts that leave a short last block.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void run_orderSensitiveSums_bitIdenticalToTheSerialLoop(int threads) {
        NormalStream z = new NormalStream(3);
        for (long items : new long[] {1, 999, 5000, 12_289}) {
            List<Double> sums = BlockScheduler.run(items, 1000, threads, (first, count) -> {
                double s = 0;
                for (long p = first; p < first + count; p++) {
                    s += Math.exp(30 * z.normal(p, 0, 0));
                }
                return s;
            });
            double total = 0, serial = 0;
            for (double s : sums) {
                total += s;
            }
            for (long b = 0; b * 1000 < items; b++) {
                double s = 0;
                for (long p = b * 1000; p < Math.min(items, (b + 1) * 1000); p++) {
                    s += Math.exp(30 * z.normal(p, 0, 0));
                }
                serial += s;
            }
            assertThat(Double.doubleToRawLongBits(total))
                    .as("%d items", items)
                    .isEqualTo(Double.doubleToRawLongBits(serial));
        }
    }

    @Test
    void simulateEuropean_oneTwoThreeThreadsWithAShortLastBlock_sameBits() {
        // No warm-up: the normals are ReproducibleMath's, so the first blocks (interpreted, C1) and the later ones (C2)
        // give the same bits, and the runs below compare thread counts across JIT states as well.
        List<EuropeanRun> runs = new ArrayList<>();
        for (int threads = 1; threads <= 3; threads++) {
            EuropeanTask task = new EuropeanTask(
                    ModelKind.GBM,
                    new double[] {0.7},
                    100,
                    105,
                    0.5,
                    0.02,
                    true,
                    false,
                    9,
                    2L * BlockScheduler.BLOCK + 13,
                    21,
                    Sampling.PSEUDO,
                    1,
                    threads,
                    GreekMethod.PATHWISE);
            runs.add(new CpuBackend().simulateEuropean(task, ProgressSink.NONE));
        }
        EstimatorSums one = runs.get(0).estimates().get(0);
        for (EuropeanRun run : runs) {
            EstimatorSums sums = run.estimates().get(0);
            assertThat(sums.count()).isEqualTo(2L * BlockScheduler.BLOCK + 13);
            for (Estimator e : Estimator.values()) {
                assertThat(Double.doubleToRawLongBits(sums.sum(e))).isEqualTo(Double.doubleToRawLongBits(one.sum(e)));
                assertThat(Double.doubleToRawLongBits(sums.sumSquares(e)))
                        .isEqualTo(Double.doubleToRawLongBits(one.sumSquares(e)));
            }
        }
    }

    @Test
    void map_blockThrows_rethrowsTheBlocksException() {
        assertThatThrownBy(() -> BlockScheduler.map(4, 2, b -> {
                    if (b == 2) {
                        throw new IllegalArgumentException("block two");
                    }
                    return b;
                }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("block two");
    }

    @Test
    void map_negativeThreads_rejected() {
        assertThatThrownBy(() -> BlockScheduler.map(1, -1, b -> b))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("threads");
    }
}
