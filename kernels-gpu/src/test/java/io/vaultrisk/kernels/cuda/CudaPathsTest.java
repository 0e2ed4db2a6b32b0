package io.vaultrisk.kernels.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vaultrisk.kernels.Backends;
import io.vaultrisk.kernels.CorrelatedPathTask;
import io.vaultrisk.kernels.PathBlock;
import io.vaultrisk.kernels.ProgressSink;
import io.vaultrisk.kernels.cpu.CpuBackend;
import io.vaultrisk.kernels.device.BookPathTasks;
import io.vaultrisk.kernels.device.BookPathTasks.Dynamics;
import io.vaultrisk.kernels.device.Precision;
import java.util.ArrayList;
import java.util.List;
import jcuda.CudaException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The CUDA side of OpenClPathsTest: book paths on CUDA are the CPU's, path by path; skipped without a driver. */
class CudaPathsTest {
    private static final CpuBackend CPU = new CpuBackend();
    private static final int PATHS = 3_001;

    @BeforeEach
    void cudaPresent() {
        String reason = CudaDevice.PROCESS.unavailableReason();
        assumeTrue(reason == null, () -> "skipped: no CUDA device (" + reason + ")");
    }

    @ParameterizedTest
    @EnumSource(Dynamics.class)
    void simulatePaths_sameSeed_equalsCpuPathByPath(Dynamics dynamics) {
        CorrelatedPathTask task = BookPathTasks.task(dynamics);
        PathBlock device = new CudaBackend().simulatePaths(task, 0, PATHS, 1, ProgressSink.NONE);
        assertThat(device.device()).startsWith("cuda: ");
        BookPathTasks.assertSameBits(task, device, CPU.simulatePaths(task, 0, PATHS, 2, ProgressSink.NONE));
    }

    @Test
    void simulatePaths_farOffset_equalsCpuThere() {
        CorrelatedPathTask task = BookPathTasks.task(Dynamics.ALL);
        long first = (1L << 33) + 5;
        PathBlock device = new CudaBackend().simulatePaths(task, first, 517, 1, ProgressSink.NONE);
        BookPathTasks.assertSameBits(task, device, CPU.simulatePaths(task, first, 517, 2, ProgressSink.NONE));
    }

    @Test
    void simulatePaths_smallChunks_sameBitsAsOneLaunch() {
        CorrelatedPathTask task = BookPathTasks.task(Dynamics.ALL);
        PathBlock whole = new CudaBackend().simulatePaths(task, 77, PATHS, 1, ProgressSink.NONE);
        PathBlock chunked =
                new CudaBackend(Precision.DOUBLE, 1_000).simulatePaths(task, 77, PATHS, 1, ProgressSink.NONE);
        assertThat(chunked.observed()).isEqualTo(whole.observed());
        assertThat(chunked.checkpointLn()).isEqualTo(whole.checkpointLn());
        assertThat(chunked.checkpointLow()).isEqualTo(whole.checkpointLow());
        assertThat(chunked.checkpointHigh()).isEqualTo(whole.checkpointHigh());
    }

    @Test
    void pathsWithFallback_deviceFailsAfterTheFirstLaunch_cpuRunsTheWholeRequest() {
        CorrelatedPathTask task = BookPathTasks.task(Dynamics.ALL);
        boolean[] failed = {false};
        // fails like the driver once, after the first launch of 1,000 paths has been copied back
        ProgressSink failsOnce = paths -> {
            if (!failed[0]) {
                failed[0] = true;
                throw new CudaException("CUDA_ERROR_LAUNCH_FAILED");
            }
        };
        List<String> warnings = new ArrayList<>();
        PathBlock block = Backends.pathsWithFallback(
                new CudaBackend(Precision.DOUBLE, 1_000), task, 0, PATHS, 2, failsOnce, warnings::add);
        assertThat(warnings).singleElement().asString().contains("cuda failed").contains("running on the CPU");
        assertThat(block.device()).startsWith("cpu:");
        assertThat(block.observed())
                .isEqualTo(
                        CPU.simulatePaths(task, 0, PATHS, 2, ProgressSink.NONE).observed());
    }

    @Test
    void simulatePaths_floatPaths_agreeWithCpuToFloatRounding() {
        CorrelatedPathTask task = BookPathTasks.task(Dynamics.GBM);
        PathBlock device = new CudaFloatBackend().simulatePaths(task, 0, PATHS, 1, ProgressSink.NONE);
        // as in OpenClPathsTest, but __cosf's absolute error (2^-21.4 on [-π, π], more beyond) is ~3× the polynomial's,
        // so the sine √(1 − cos²) near cos = ±1 may be off by ~1.4e-3 and a path by a few 1e-3
        BookPathTasks.assertAgrees(task, device, CPU.simulatePaths(task, 0, PATHS, 2, ProgressSink.NONE), 5e-3);
    }
}
