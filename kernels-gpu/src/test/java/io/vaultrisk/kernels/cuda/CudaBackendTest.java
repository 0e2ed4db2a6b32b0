package io.vaultrisk.kernels.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CudaBackendTest {

    private static boolean nvccOnPath() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && new File(dir, "nvcc").canExecute()) {
                return true;
            }
        }
        return false;
    }

    private static void requireDriver() {
        String reason = CudaDevice.PROCESS.unavailableReason();
        assumeTrue(reason == null, () -> "skipped: no CUDA device (" + reason + ")");
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void ptx_builtWithNvcc_containsTheKernelEntry(Precision precision) {
        assumeTrue(nvccOnPath(), "skipped: nvcc is not on PATH, so the build wrote no PTX");
        String ptx = CudaDevice.ptx(precision);
        assertThat(ptx)
                .as(CudaDevice.ptxName(precision))
                .isNotNull()
                .contains(".visible .entry vr_gbm_european(")
                .contains(".visible .entry vr_correlated_paths(")
                .contains(".target sm_");
        if (precision == Precision.DOUBLE) {
            assertThat(ptx).contains(".visible .entry vr_merton_european(", ".visible .entry vr_heston_european(");
        }
    }

    @Test
    void device_withoutDriver_saysWhyInOneLine() {
        CudaBackend backend = new CudaBackend();
        if (backend.isAvailable()) {
            assertThat(backend.device()).startsWith("cuda: ").doesNotContain("unavailable");
        } else {
            assertThat(backend.device()).startsWith("cuda: unavailable (").doesNotContain("\n");
        }
    }

    @Test
    void runWithFallback_noCudaDevice_warnsAndRunsOnTheCpu() {
        CudaBackend backend = new CudaBackend();
        assumeTrue(!backend.isAvailable(), "skipped: this machine has a CUDA device (the fallback is not taken)");
        EuropeanTask task = task(Sampling.PSEUDO);
        List<String> warnings = new ArrayList<>();
        EuropeanRun run = Backends.runWithFallback(backend, task, ProgressSink.NONE, warnings::add);
        assertThat(warnings)
                .singleElement()
                .asString()
                .contains("cuda is not available")
                .contains("running on the CPU");
        assertThat(run.device()).startsWith("cpu:");
        assertThat(run.estimates().get(0).mean(Estimator.PRICE))
                .isEqualTo(new CpuBackend()
                        .simulateEuropean(task, ProgressSink.NONE)
                        .estimates()
                        .get(0)
                        .mean(Estimator.PRICE));
    }

    @ParameterizedTest
    @EnumSource(
            value = Sampling.class,
            names = {"PSEUDO", "ANTITHETIC"})
    void simulateEuropean_sameSeed_equalsCpuForPriceAndEveryGreek(Sampling sampling) {
        requireDriver();
        EuropeanTask task = task(sampling);
        EstimatorSums cpu = new CpuBackend()
                .simulateEuropean(task, ProgressSink.NONE)
                .estimates()
                .get(0);
        EstimatorSums gpu = new CudaBackend()
                .simulateEuropean(task, ProgressSink.NONE)
                .estimates()
                .get(0);
        for (Estimator e : Estimator.values()) {
            assertThat(gpu.mean(e)).as("mean %s", e).isCloseTo(cpu.mean(e), within(1e-12 * Math.abs(cpu.mean(e))));
        }
    }

    private static EuropeanTask task(Sampling sampling) {
        return new EuropeanTask(
                ModelKind.GBM,
                new double[] {0.8},
                100,
                95,
                1.0,
                0.02,
                true,
                false,
                51,
                10_001,
                99L,
                sampling,
                1,
                0,
                GreekMethod.PATHWISE);
    }
}
