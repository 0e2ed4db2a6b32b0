package io.vaultrisk.kernels.opencl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vaultrisk.kernels.BackendException;
import io.vaultrisk.kernels.Backends;
import io.vaultrisk.kernels.Estimator;
import io.vaultrisk.kernels.EstimatorSums;
import io.vaultrisk.kernels.EuropeanRun;
import io.vaultrisk.kernels.EuropeanTask;
import io.vaultrisk.kernels.GreekMethod;
import io.vaultrisk.kernels.ModelKind;
import io.vaultrisk.kernels.ProgressSink;
import io.vaultrisk.kernels.Sampling;
import io.vaultrisk.kernels.cpu.CpuBackend;
import io.vaultrisk.kernels.device.Precision;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenClBackendTest {
    private static final double RELATIVE = 1e-12;

    @BeforeEach
    void openClPresent() {
        OpenClAssumptions.requireOpenCl();
    }

    static EuropeanTask task(boolean call, boolean inverse, Sampling sampling, int steps, long paths, double rate) {
        return new EuropeanTask(
                ModelKind.GBM,
                new double[] {0.8},
                100,
                105,
                1.0,
                rate,
                call,
                inverse,
                steps,
                paths,
                20261125L,
                sampling,
                1,
                0,
                GreekMethod.PATHWISE);
    }

    @ParameterizedTest
    @CsvSource({
        "true, false, PSEUDO, 64, 20000",
        "false, false, PSEUDO, 63, 20001",
        "true, true, PSEUDO, 17, 9999",
        "false, true, ANTITHETIC, 64, 20000",
        "true, false, ANTITHETIC, 33, 12345",
    })
    void simulateEuropean_sameSeed_equalsCpuForPriceAndEveryGreek(
            boolean call, boolean inverse, Sampling sampling, int steps, long paths) {
        EuropeanTask task = task(call, inverse, sampling, steps, paths, 0.03);
        EstimatorSums cpu = single(new CpuBackend().simulateEuropean(task, ProgressSink.NONE));
        EstimatorSums gpu = single(new OpenClBackend().simulateEuropean(task, ProgressSink.NONE));
        assertThat(gpu.count()).isEqualTo(cpu.count()).isEqualTo(task.samples());
        for (Estimator e : Estimator.values()) {
            assertThat(gpu.mean(e)).as("mean %s", e).isCloseTo(cpu.mean(e), within(RELATIVE * Math.abs(cpu.mean(e))));
            assertThat(gpu.sumSquares(e))
                    .as("sum of squares %s", e)
                    .isCloseTo(cpu.sumSquares(e), within(RELATIVE * cpu.sumSquares(e)));
        }
        assertThat(gpu.sumPriceTimesControl())
                .isCloseTo(cpu.sumPriceTimesControl(), within(RELATIVE * Math.abs(cpu.sumPriceTimesControl())));
    }

    @Test
    void simulateEuropean_core_workload_matchesBlackScholesWithinFourStandardErrors() {
        EuropeanTask task = new EuropeanTask(
                ModelKind.GBM,
                new double[] {0.8},
                100,
                100,
                1.0,
                0.0,
                true,
                false,
                252,
                40_000,
                7L,
                Sampling.PSEUDO,
                1,
                0,
                GreekMethod.PATHWISE);
        EstimatorSums sums = single(new OpenClBackend().simulateEuropean(task, ProgressSink.NONE));
        double se = Math.sqrt(sums.variance(Estimator.PRICE) / sums.count());
        assertThat(sums.mean(Estimator.PRICE)).isCloseTo(blackScholesCall(100, 100, 1, 0, 0.8), within(4 * se));
        double deltaSe = Math.sqrt(sums.variance(Estimator.DELTA) / sums.count());
        double d1 = 0.5 * 0.8;
        assertThat(sums.mean(Estimator.DELTA))
                .isCloseTo(new NormalDistribution().cumulativeProbability(d1), within(4 * deltaSe));
    }

    @Test
    void simulateEuropean_floatPaths_agreeWithDoubleFarInsideTheStandardError() {
        EuropeanTask task = task(true, false, Sampling.PSEUDO, 252, 20_000, 0.0);
        EstimatorSums dbl = single(new OpenClBackend().simulateEuropean(task, ProgressSink.NONE));
        EuropeanRun run = new OpenClFloatBackend().simulateEuropean(task, ProgressSink.NONE);
        EstimatorSums flt = single(run);
        double se = Math.sqrt(dbl.variance(Estimator.PRICE) / dbl.count());
        assertThat(flt.mean(Estimator.PRICE))
                .isCloseTo(dbl.mean(Estimator.PRICE), within(1e-4 * dbl.mean(Estimator.PRICE)));
        assertThat(Math.abs(flt.mean(Estimator.PRICE) - dbl.mean(Estimator.PRICE)))
                .isLessThan(0.01 * se);
        assertThat(run.device()).startsWith("opencl: ").endsWith("[float paths]");
        assertThat(new OpenClFloatBackend().precision()).isEqualTo(Precision.FLOAT);
    }

    @Test
    void simulateEuropean_progress_reportsEverySimulatedPath() {
        EuropeanTask task = task(true, false, Sampling.ANTITHETIC, 8, 5_001, 0.0);
        AtomicLong seen = new AtomicLong();
        new OpenClBackend().simulateEuropean(task, seen::addAndGet);
        assertThat(seen.get()).isEqualTo(task.simulatedPaths());
    }

    @Test
    void device_namesTheOpenClDevice() {
        OpenClBackend backend = new OpenClBackend();
        assertThat(backend.isAvailable()).isTrue();
        assertThat(backend.device()).startsWith("opencl: ").doesNotContain("\n");
        assertThat(Backends.select("opencl").id()).isEqualTo("opencl");
        assertThat(Backends.select("auto").preference()).isGreaterThanOrEqualTo(backend.preference());
    }

    @Test
    void program_brokenSource_failsNamingTheDeviceWithTheBuildLog() {
        OpenClDevice device = OpenClDevice.PROCESS.get();
        assertThatThrownBy(
                        () -> device.program("__kernel void broken(__global double *x) { x[0] = undefined_name; }", ""))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining(device.name())
                .hasMessageContaining("build log")
                .hasMessageContaining("undefined_name");
    }

    @Test
    void runWithFallback_deviceRejectsTheLaunch_warnsAndRunsOnTheCpu() {
        EuropeanTask task = task(true, false, Sampling.PSEUDO, 16, 3_000, 0.0);
        OpenClBackend tooWide = new OpenClBackend(Precision.DOUBLE, 1 << 24);
        List<String> warnings = new ArrayList<>();
        EuropeanRun run = Backends.runWithFallback(tooWide, task, ProgressSink.NONE, warnings::add);
        assertThat(warnings)
                .singleElement()
                .asString()
                .contains("opencl failed")
                .contains("work-group size")
                .contains("running on the CPU");
        assertThat(run.device()).startsWith("cpu:");
        assertThat(single(run).mean(Estimator.PRICE))
                .isEqualTo(single(new CpuBackend().simulateEuropean(task, ProgressSink.NONE))
                        .mean(Estimator.PRICE));
    }

    @Test
    void simulateEuropean_qmcSampling_isRefusedWithTheReason() {
        EuropeanTask task = new EuropeanTask(
                ModelKind.GBM,
                new double[] {0.8},
                100,
                100,
                1.0,
                0.0,
                true,
                false,
                16,
                4_096,
                3L,
                Sampling.QMC,
                4,
                0,
                GreekMethod.PATHWISE);
        assertThat(new OpenClBackend().unsupported(task))
                .hasValueSatisfying(r -> assertThat(r).contains("QMC"));
        assertThatThrownBy(() -> new OpenClBackend().simulateEuropean(task, ProgressSink.NONE))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("QMC");
    }

    @Test
    void runWithFallback_qmcOrBumpGreeks_runOnTheCpuAndSayWhy() {
        EuropeanTask qmc = new EuropeanTask(
                ModelKind.GBM,
                new double[] {0.8},
                100,
                100,
                1.0,
                0.0,
                true,
                false,
                16,
                4_096,
                3L,
                Sampling.QMC,
                4,
                0,
                GreekMethod.PATHWISE);
        EuropeanTask bump = task(true, false, Sampling.PSEUDO, 16, 3_000, 0.0);
        bump = new EuropeanTask(
                bump.model(),
                bump.modelParameters(),
                bump.spot(),
                bump.strike(),
                bump.expiry(),
                bump.rate(),
                true,
                false,
                bump.steps(),
                bump.paths(),
                bump.seed(),
                bump.sampling(),
                1,
                0,
                GreekMethod.BUMP);
        for (EuropeanTask task : List.of(qmc, bump)) {
            List<String> warnings = new ArrayList<>();
            EuropeanRun run = Backends.runWithFallback(new OpenClBackend(), task, ProgressSink.NONE, warnings::add);
            assertThat(warnings)
                    .singleElement()
                    .asString()
                    .contains("cannot run this task")
                    .contains(task == qmc ? "QMC" : "bump");
            EuropeanRun cpu = new CpuBackend().simulateEuropean(task, ProgressSink.NONE);
            assertThat(run.estimates()).hasSize(cpu.estimates().size());
            assertThat(run.estimates().get(0).mean(Estimator.GAMMA))
                    .isEqualTo(cpu.estimates().get(0).mean(Estimator.GAMMA));
        }
    }

    static EstimatorSums single(EuropeanRun run) {
        assertThat(run.estimates()).hasSize(1);
        return run.estimates().get(0);
    }

    static double blackScholesCall(double s, double k, double t, double r, double vol) {
        NormalDistribution n = new NormalDistribution();
        double d1 = (Math.log(s / k) + (r + 0.5 * vol * vol) * t) / (vol * Math.sqrt(t));
        return s * n.cumulativeProbability(d1)
                - k * Math.exp(-r * t) * n.cumulativeProbability(d1 - vol * Math.sqrt(t));
    }
}
