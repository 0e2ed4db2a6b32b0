package io.vaultrisk.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vaultrisk.kernels.Backends;
import io.vaultrisk.kernels.Estimator;
import io.vaultrisk.kernels.EstimatorSums;
import io.vaultrisk.kernels.EuropeanRun;
import io.vaultrisk.kernels.EuropeanTask;
import io.vaultrisk.kernels.GreekMethod;
import io.vaultrisk.kernels.ModelKind;
import io.vaultrisk.kernels.ProgressSink;
import io.vaultrisk.kernels.Sampling;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CpuBackendTest {
    private static final CpuBackend CPU = new CpuBackend();

    private static EuropeanTask task(
            long paths, int steps, Sampling sampling, int threads, boolean call, boolean inverse) {
        return new EuropeanTask(
                ModelKind.GBM,
                new double[] {0.8},
                100,
                110,
                0.5,
                0.03,
                call,
                inverse,
                steps,
                paths,
                42,
                sampling,
                8,
                threads,
                GreekMethod.PATHWISE);
    }

    @ParameterizedTest
    @EnumSource(
            value = Sampling.class,
            names = {"PSEUDO", "ANTITHETIC"})
    void simulateEuropean_vectorKernel_equalsScalarReferenceTo1e12(Sampling sampling) {
        for (boolean inverse : new boolean[] {false, true}) {
            // 37 samples and 5 steps: a ragged last vector and an odd step count
            EuropeanTask t = task(sampling == Sampling.ANTITHETIC ? 74 : 37, 5, sampling, 1, !inverse, inverse);
            EstimatorSums vector =
                    CPU.simulateEuropean(t, ProgressSink.NONE).estimates().get(0);
            EstimatorSums scalar = CpuBackend.simulateScalar(t, 0, t.samples());
            assertThat(vector.count()).isEqualTo(scalar.count()).isEqualTo(37);
            for (Estimator e : Estimator.values()) {
                assertThat(vector.sum(e))
                        .as("%s inverse=%s", e, inverse)
                        .isCloseTo(scalar.sum(e), within(1e-12 * Math.abs(scalar.sum(e)) + 1e-300));
                assertThat(vector.sumSquares(e))
                        .isCloseTo(scalar.sumSquares(e), within(1e-12 * Math.abs(scalar.sumSquares(e))));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Sampling.class)
    void simulateEuropean_oneOrTwoThreads_bitIdentical(Sampling sampling) {
        EuropeanRun one = CPU.simulateEuropean(task(50_000, 8, sampling, 1, true, false), ProgressSink.NONE);
        EuropeanRun two = CPU.simulateEuropean(task(50_000, 8, sampling, 2, true, false), ProgressSink.NONE);
        assertThat(two.estimates()).hasSameSizeAs(one.estimates());
        for (int i = 0; i < one.estimates().size(); i++) {
            for (Estimator e : Estimator.values()) {
                assertThat(Double.doubleToRawLongBits(two.estimates().get(i).sum(e)))
                        .isEqualTo(Double.doubleToRawLongBits(
                                one.estimates().get(i).sum(e)));
                assertThat(Double.doubleToRawLongBits(two.estimates().get(i).sumSquares(e)))
                        .isEqualTo(Double.doubleToRawLongBits(
                                one.estimates().get(i).sumSquares(e)));
            }
        }
    }

    @Test
    void simulateEuropean_progress_countsEverySimulatedPath() {
        AtomicLong seen = new AtomicLong();
        EuropeanTask t = task(20_001, 3, Sampling.ANTITHETIC, 2, true, false);
        CPU.simulateEuropean(t, seen::addAndGet);
        assertThat(seen.get()).isEqualTo(t.simulatedPaths()).isEqualTo(20_002);
    }

    @Test
    void simulateEuropean_qmc_returnsOneEstimatePerShift() {
        EuropeanRun run = CPU.simulateEuropean(task(8 * 1024, 16, Sampling.QMC, 0, true, false), ProgressSink.NONE);
        assertThat(run.estimates())
                .hasSize(8)
                .allSatisfy(s -> assertThat(s.count()).isEqualTo(1024));
        // different shifts give different (but close) estimates
        assertThat(run.estimates().get(0).mean(Estimator.PRICE))
                .isNotEqualTo(run.estimates().get(1).mean(Estimator.PRICE));
    }

    @Test
    void backends_select_knowsCpuAndExplainsUnknown() {
        assertThat(Backends.select("cpu")).isInstanceOf(CpuBackend.class);
        assertThat(Backends.select("auto").isAvailable()).isTrue();
        assertThatThrownBy(() -> Backends.select("tpu"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown backend 'tpu'")
                .hasMessageContaining("cpu");
    }

    @Test
    void task_invalidInputs_explained() {
        assertThatThrownBy(() -> task(1, 5, Sampling.PSEUDO, 0, true, false))
                .hasMessageContaining("paths must be at least 2");
        assertThatThrownBy(() -> task(100, 0, Sampling.PSEUDO, 0, true, false))
                .hasMessageContaining("steps must be in");
        assertThatThrownBy(() -> new EuropeanTask(
                        ModelKind.GBM,
                        new double[] {0.8},
                        -1,
                        100,
                        1,
                        0,
                        true,
                        false,
                        1,
                        100,
                        1,
                        Sampling.PSEUDO,
                        1,
                        0,
                        GreekMethod.PATHWISE))
                .hasMessageContaining("spot must be positive");
    }
}
