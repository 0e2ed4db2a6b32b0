package io.vaultrisk.kernels.opencl;

import static org.assertj.core.api.Assertions.assertThat;
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
import io.vaultrisk.kernels.cpu.CpuBackend;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Merton and Heston on OpenCL give the CPU kernels' sums for the same seed, estimator by estimator. */
class OpenClModelsTest {
    // Merton: vol, jumps per year, mean log jump, log jump vol (frequent, large jumps so n > 1 occurs)
    private static final double[] MERTON = {0.5, 3.0, -0.1, 0.25};
    // Heston: v0, kappa, theta, xi, rho: xi² > 3κθ, so psi passes 1.5 near zero variance and both QE branches run
    private static final double[] HESTON = {0.5, 2.0, 0.4, 2.0, -0.6};

    @BeforeEach
    void openClPresent() {
        OpenClAssumptions.requireOpenCl();
    }

    private static EuropeanTask task(
            ModelKind model, boolean call, boolean inverse, Sampling sampling, int steps, long paths) {
        return new EuropeanTask(
                model,
                model == ModelKind.MERTON ? MERTON : HESTON,
                100,
                95,
                0.75,
                0.03,
                call,
                inverse,
                steps,
                paths,
                424242L,
                sampling,
                1,
                0,
                GreekMethod.PATHWISE);
    }

    @ParameterizedTest
    @CsvSource({
        "MERTON, true, false, PSEUDO, 24, 8001",
        "MERTON, false, true, ANTITHETIC, 25, 6000",
        "HESTON, true, false, PSEUDO, 24, 8001",
        "HESTON, false, true, ANTITHETIC, 25, 6000",
    })
    void simulateEuropean_sameSeed_equalsCpuForPriceAndEveryGreek(
            ModelKind model, boolean call, boolean inverse, Sampling sampling, int steps, long paths) {
        EuropeanTask task = task(model, call, inverse, sampling, steps, paths);
        EstimatorSums cpu = new CpuBackend()
                .simulateEuropean(task, ProgressSink.NONE)
                .estimates()
                .get(0);
        EstimatorSums gpu = new OpenClBackend()
                .simulateEuropean(task, ProgressSink.NONE)
                .estimates()
                .get(0);
        assertThat(gpu.count()).isEqualTo(cpu.count());
        assertThat(cpu.mean(Estimator.PRICE)).isPositive();
        for (Estimator e : Estimator.values()) {
            double c = cpu.mean(e);
            assertThat(gpu.mean(e)).as("mean %s", e).isCloseTo(c, within(1e-12 * Math.abs(c)));
            assertThat(gpu.sumSquares(e))
                    .as("sum of squares %s", e)
                    .isCloseTo(cpu.sumSquares(e), within(1e-12 * cpu.sumSquares(e)));
        }
    }

    @Test
    void runWithFallback_floatPathsForHeston_runOnTheCpuAndSayWhy() {
        EuropeanTask task = task(ModelKind.HESTON, true, false, Sampling.PSEUDO, 8, 2_000);
        List<String> warnings = new ArrayList<>();
        EuropeanRun run = Backends.runWithFallback(new OpenClFloatBackend(), task, ProgressSink.NONE, warnings::add);
        assertThat(warnings).singleElement().asString().contains("float paths are implemented for gbm only");
        assertThat(run.device()).startsWith("cpu:");
    }
}
