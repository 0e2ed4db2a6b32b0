package io.vaultrisk.kernels.opencl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultrisk.kernels.BackendException;
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
import java.util.concurrent.atomic.AtomicLong;
import org.jocl.CL;
import org.jocl.CLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Book paths on OpenCL are the CPU's paths for the same seed, path by path, whatever the chunking or offset. */
class OpenClPathsTest {
    private static final CpuBackend CPU = new CpuBackend();
    private static final int PATHS = 3_001;

    @BeforeEach
    void openClPresent() {
        OpenClAssumptions.requireOpenCl();
    }

    @ParameterizedTest
    @EnumSource(Dynamics.class)
    void simulatePaths_sameSeed_equalsCpuPathByPath(Dynamics dynamics) {
        CorrelatedPathTask task = BookPathTasks.task(dynamics);
        OpenClBackend backend = new OpenClBackend();
        assertThat(backend.unsupported(task)).isEmpty();
        PathBlock device = backend.simulatePaths(task, 0, PATHS, 1, ProgressSink.NONE);
        assertThat(device.device()).startsWith("opencl: ");
        BookPathTasks.assertSameBits(task, device, CPU.simulatePaths(task, 0, PATHS, 2, ProgressSink.NONE));
    }

    @Test
    void simulatePaths_farOffset_equalsCpuThere() {
        CorrelatedPathTask task = BookPathTasks.task(Dynamics.ALL);
        long first = (1L << 33) + 5;
        PathBlock device = new OpenClBackend().simulatePaths(task, first, 517, 1, ProgressSink.NONE);
        BookPathTasks.assertSameBits(task, device, CPU.simulatePaths(task, first, 517, 2, ProgressSink.NONE));
    }

    @Test
    void simulatePaths_smallChunks_sameBitsAsOneLaunch() {
        CorrelatedPathTask task = BookPathTasks.task(Dynamics.ALL);
        PathBlock whole = new OpenClBackend().simulatePaths(task, 77, PATHS, 1, ProgressSink.NONE);
        AtomicLong progress = new AtomicLong();
        // 1,000 paths per launch: launches start mid work-item and mid work-group of the unchunked run
        PathBlock chunked = new OpenClBackend(Precision.DOUBLE, OpenClBackend.LOCAL_SIZE, 1_000)
                .simulatePaths(task, 77, PATHS, 1, progress::addAndGet);
        assertThat(progress.get()).isEqualTo(PATHS);
        assertThat(chunked.observed()).isEqualTo(whole.observed());
        assertThat(chunked.checkpointLn()).isEqualTo(whole.checkpointLn());
        assertThat(chunked.checkpointLow()).isEqualTo(whole.checkpointLow());
        assertThat(chunked.checkpointHigh()).isEqualTo(whole.checkpointHigh());
    }

    /** A progress sink that fails like the OpenCL runtime once, after the first launch of a run, then counts. */
    private static final class FailsOnce implements ProgressSink {
        long seen;
        boolean failed;

        @Override
        public void advance(long paths) {
            seen += paths;
            if (!failed) {
                failed = true;
                throw new CLException("CL_OUT_OF_RESOURCES", CL.CL_OUT_OF_RESOURCES);
            }
        }
    }

    @Test
    void pathsWithFallback_deviceFailsAfterTheFirstLaunch_cpuRunsTheWholeRequest() {
        CorrelatedPathTask task = BookPathTasks.task(Dynamics.ALL);
        OpenClBackend backend = new OpenClBackend(Precision.DOUBLE, OpenClBackend.LOCAL_SIZE, 1_000);
        assertThatThrownBy(() -> backend.simulatePaths(task, 0, PATHS, 1, new FailsOnce()))
                .isInstanceOf(BackendException.class)
                .hasMessageStartingWith("OpenCL run failed on opencl: ")
                .hasMessageContaining("CL_OUT_OF_RESOURCES");
        FailsOnce progress = new FailsOnce();
        List<String> warnings = new ArrayList<>();
        PathBlock block = Backends.pathsWithFallback(backend, task, 0, PATHS, 2, progress, warnings::add);
        assertThat(warnings)
                .singleElement()
                .asString()
                .contains("opencl failed")
                .contains("running on the CPU");
        assertThat(block.device()).startsWith("cpu:");
        PathBlock cpu = CPU.simulatePaths(task, 0, PATHS, 2, ProgressSink.NONE);
        assertThat(block.observed()).isEqualTo(cpu.observed());
        assertThat(block.checkpointLow()).isEqualTo(cpu.checkpointLow());
        // the device's first launch (1,000 paths) counted, then the CPU's whole run
        assertThat(progress.seen).isEqualTo(1_000 + PATHS);
    }

    @Test
    void simulatePaths_floatPaths_agreeWithCpuToFloatRounding() {
        CorrelatedPathTask task = BookPathTasks.task(Dynamics.GBM);
        PathBlock device = new OpenClFloatBackend().simulatePaths(task, 0, PATHS, 1, ProgressSink.NONE);
        PathBlock cpu = CPU.simulatePaths(task, 0, PATHS, 2, ProgressSink.NONE);
        // per path: a float cosine off by ε ≈ 6e-8 near ±1 moves the sine √(1 − cos²) by up to √(2ε) ≈ 3.5e-4, so a
        // normal by up to about 1e-3 and 7 log-steps of at most 0.058·Z by about 4e-4: 1e-3 bounds every path
        BookPathTasks.assertAgrees(task, device, cpu, 1e-3);
        // averages: those errors have no sign, and the mean spot of each observation agrees to 1e-5
        for (int o = 0; o < task.observations(); o++) {
            double d = 0, c = 0;
            for (int i = 0; i < PATHS; i++) {
                d += device.observed(i, o);
                c += cpu.observed(i, o);
            }
            assertThat(Math.abs(d - c)).as("mean of observation %d", o).isLessThanOrEqualTo(1e-5 * c);
        }
    }

    @Test
    void pathsWithFallback_floatWithJumps_warnsAndRunsTheCpu() {
        CorrelatedPathTask task = BookPathTasks.task(Dynamics.MERTON);
        OpenClFloatBackend backend = new OpenClFloatBackend();
        assertThat(backend.unsupported(task)).get().asString().contains("plain correlated GBM only");
        assertThatThrownBy(() -> backend.simulatePaths(task, 0, 10, 1, ProgressSink.NONE))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("OpenCL backend");
        List<String> warnings = new ArrayList<>();
        PathBlock block = Backends.pathsWithFallback(backend, task, 0, 100, 1, ProgressSink.NONE, warnings::add);
        assertThat(warnings).singleElement().asString().contains("opencl-float cannot run this task");
        assertThat(block.device()).startsWith("cpu:");
        assertThat(block.observed())
                .isEqualTo(CPU.simulatePaths(task, 0, 100, 1, ProgressSink.NONE).observed());
    }

    @Test
    void unsupported_moreUnderlyingsThanTheKernelHolds_namesTheLimit() {
        OpenClBackend backend = new OpenClBackend();
        assertThat(backend.unsupported(BookPathTasks.wide(16))).isEmpty();
        assertThat(backend.unsupported(BookPathTasks.wide(17)))
                .get()
                .asString()
                .contains("at most 16 underlyings, got 17");
        CorrelatedPathTask sixteen = BookPathTasks.wide(16);
        BookPathTasks.assertSameBits(
                sixteen,
                backend.simulatePaths(sixteen, 0, 40, 1, ProgressSink.NONE),
                CPU.simulatePaths(sixteen, 0, 40, 1, ProgressSink.NONE));
    }
}
