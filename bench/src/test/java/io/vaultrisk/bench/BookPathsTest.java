package io.vaultrisk.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultrisk.kernels.CorrelatedPathTask;
import io.vaultrisk.kernels.PathBlock;
import io.vaultrisk.kernels.ProgressSink;
import io.vaultrisk.kernels.cpu.CpuBackend;
import org.junit.jupiter.api.Test;

class BookPathsTest {

    @Test
    void nightly_benchBook_hasTheNightlyShape() {
        CorrelatedPathTask t = BookPaths.nightly();
        assertThat(t.underlyings()).isEqualTo(5);
        assertThat(t.steps()).isEqualTo(168);
        // spots at 2 horizons and at the 2- and 5-day expiries of each underlying, vol factors at 2 horizons
        assertThat(t.observations()).isEqualTo(5 * 2 + 5 * 2 + 5 * 2);
        // perpetuals fund every 8 hours: steps 8, 16, ..., 168 (the horizons 24 and 168 among them)
        assertThat(PathBlock.checkpoints(t)).isEqualTo(21);
        assertThat(t.dynamics().dims()).isEqualTo(10);
    }

    @Test
    void run_cpu_spotsAtTheHorizonAreMartingales() {
        // zero drift: E[S(7 days)] = S(0) for every underlying; 4 standard errors
        CorrelatedPathTask t = BookPaths.nightly();
        int n = 8_192;
        PathBlock b = new CpuBackend().simulatePaths(t, 0, n, 2, ProgressSink.NONE);
        double[] spots = {91250, 3020, 140, 620, 2.2};
        for (int u = 0; u < 5; u++) {
            double sum = 0, sq = 0;
            for (int i = 0; i < n; i++) {
                double s = b.observed(i, 5 + u) / spots[u];
                sum += s;
                sq += s * s;
            }
            double mean = sum / n, se = Math.sqrt((sq / n - mean * mean) / n);
            assertThat(Math.abs(mean - 1)).as("underlying %d", u).isLessThan(4 * se);
        }
    }

    @Test
    void run_chunkedOverAllPaths_sumsTheSameLastObservationAsOneBlock() {
        CorrelatedPathTask t = BookPaths.nightly();
        int n = 3_000;
        PathBlock b = new CpuBackend().simulatePaths(t, 0, n, 1, ProgressSink.NONE);
        double expected = 0;
        for (int i = 0; i < n; i++) {
            expected += b.observed(i, t.observations() - 1);
        }
        assertThat(BookPaths.run(new CpuBackend(), t, n, 2, 1_000)).isEqualTo(expected);
    }
}
