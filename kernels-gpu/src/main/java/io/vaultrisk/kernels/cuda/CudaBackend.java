package io.vaultrisk.kernels.cuda;

import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuCtxSynchronize;
import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;

import io.vaultrisk.kernels.PathBlock;
import io.vaultrisk.kernels.ProgressSink;
import io.vaultrisk.kernels.device.DeviceBackend;
import io.vaultrisk.kernels.device.EuropeanKernelParameters;
import io.vaultrisk.kernels.device.GroupSums;
import io.vaultrisk.kernels.device.PathKernelParameters;
import io.vaultrisk.kernels.device.Precision;
import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;

/**
 * CUDA backend (JCuda driver API): the kernel of {@code vaultrisk_math.h} compiled by nvcc to PTX at build time, one
 * path per thread, per-block sums back to the host and added in block order. Unavailable, with one line saying why,
 * when the machine has no CUDA driver or the build had no nvcc. Book paths ({@link #simulatePaths}) run
 * {@code vr_correlated_paths}, one path per thread, each launch's outputs copied back into its slice of the block.
 */
public class CudaBackend extends DeviceBackend<CudaDevice> {
    /** Threads per block; each block reduces its paths into one row of 16 doubles in shared memory. */
    public static final int BLOCK_SIZE = 128;
    /** Path-steps per launch: short enough for a display watchdog, long enough to hide launch latency. */
    static final long STEPS_PER_LAUNCH = 1L << 31;

    public CudaBackend() {
        this(Precision.DOUBLE);
    }

    protected CudaBackend(Precision precision) {
        this(precision, 0);
    }

    /** As above, with at most {@code pathChunk} book paths per launch (0: as many as 64 MiB of output hold). */
    CudaBackend(Precision precision, int pathChunk) {
        super("cuda", "CUDA", 30, CudaDevice.PROCESS, precision, pathChunk);
    }

    @Override
    protected GroupSums launch(
            CudaDevice device,
            String kernelName,
            EuropeanKernelParameters kp,
            long samples,
            int pathsPerSample,
            ProgressSink progress) {
        cuCtxSetCurrent(device.context);
        return launchAll(device.kernel(precision(), kernelName), kp, samples, progress, pathsPerSample);
    }

    private static GroupSums launchAll(
            CUfunction kernel, EuropeanKernelParameters kp, long samples, ProgressSink progress, int pathsPerSample) {
        long totalBlocks = (samples + BLOCK_SIZE - 1) / BLOCK_SIZE;
        long blocksPerLaunch = Math.min(
                totalBlocks,
                Math.max(1, Math.min(Integer.MAX_VALUE / 2, STEPS_PER_LAUNCH / Math.max(1, kp.steps()) / BLOCK_SIZE)));
        double[] out = new double[(int) (blocksPerLaunch * EuropeanKernelParameters.OUT_STRIDE)];
        double[] values = kp.values();
        CUdeviceptr params = new CUdeviceptr(), outBuffer = new CUdeviceptr();
        boolean paramsAllocated = false, outAllocated = false;
        GroupSums sums = new GroupSums();
        try {
            cuMemAlloc(params, (long) Sizeof.DOUBLE * values.length);
            paramsAllocated = true;
            cuMemcpyHtoD(params, Pointer.to(values), (long) Sizeof.DOUBLE * values.length);
            cuMemAlloc(outBuffer, (long) Sizeof.DOUBLE * out.length);
            outAllocated = true;
            for (long b = 0; b < totalBlocks; b += blocksPerLaunch) {
                int blocks = (int) Math.min(blocksPerLaunch, totalBlocks - b);
                long first = b * BLOCK_SIZE;
                Pointer args = Pointer.to(
                        Pointer.to(params),
                        Pointer.to(new int[] {kp.steps()}),
                        Pointer.to(new int[] {kp.seedLo()}),
                        Pointer.to(new int[] {kp.seedHi()}),
                        Pointer.to(new long[] {first}),
                        Pointer.to(new long[] {samples}),
                        Pointer.to(new int[] {kp.flags()}),
                        Pointer.to(outBuffer));
                cuLaunchKernel(
                        kernel,
                        blocks,
                        1,
                        1,
                        BLOCK_SIZE,
                        1,
                        1,
                        Sizeof.DOUBLE * EuropeanKernelParameters.OUT_STRIDE * BLOCK_SIZE,
                        null,
                        args,
                        null);
                cuCtxSynchronize();
                cuMemcpyDtoH(
                        Pointer.to(out),
                        outBuffer,
                        (long) Sizeof.DOUBLE * blocks * EuropeanKernelParameters.OUT_STRIDE);
                sums.add(out, blocks);
                progress.advance(Math.min(samples - first, (long) blocks * BLOCK_SIZE) * pathsPerSample);
            }
            return sums;
        } finally {
            if (paramsAllocated) {
                cuMemFree(params);
            }
            if (outAllocated) {
                cuMemFree(outBuffer);
            }
        }
    }

    @Override
    protected void launchPaths(
            CudaDevice device, PathKernelParameters kp, PathBlock out, int chunk, ProgressSink progress) {
        cuCtxSetCurrent(device.context);
        CUfunction kernel = device.kernel(precision(), "vr_correlated_paths");
        int nObs = kp.observations(), perCheckpoint = kp.checkpoints() * kp.underlyings();
        double[] values = kp.values();
        int[] ints = kp.ints();
        long[] bytes = {
            (long) Sizeof.DOUBLE * values.length,
            (long) Sizeof.INT * ints.length,
            (long) Sizeof.DOUBLE * Math.max(1, (long) chunk * nObs),
            (long) Sizeof.DOUBLE * Math.max(1, (long) chunk * perCheckpoint),
            (long) Sizeof.DOUBLE * Math.max(1, (long) chunk * perCheckpoint),
            (long) Sizeof.DOUBLE * Math.max(1, (long) chunk * perCheckpoint)
        };
        CUdeviceptr[] buffers = new CUdeviceptr[6];
        try {
            for (int b = 0; b < 6; b++) {
                CUdeviceptr ptr = new CUdeviceptr();
                cuMemAlloc(ptr, bytes[b]);
                buffers[b] = ptr;
            }
            cuMemcpyHtoD(buffers[0], Pointer.to(values), bytes[0]);
            cuMemcpyHtoD(buffers[1], Pointer.to(ints), bytes[1]);
            double[][] targets = {out.observed(), out.checkpointLn(), out.checkpointLow(), out.checkpointHigh()};
            int[] widths = {nObs, perCheckpoint, perCheckpoint, perCheckpoint};
            for (int done = 0; done < out.count(); ) {
                int n = Math.min(chunk, out.count() - done);
                Pointer args = Pointer.to(
                        Pointer.to(buffers[0]),
                        Pointer.to(buffers[1]),
                        Pointer.to(new int[] {kp.seedLo()}),
                        Pointer.to(new int[] {kp.seedHi()}),
                        Pointer.to(new long[] {out.first() + done}),
                        Pointer.to(new long[] {n}),
                        Pointer.to(buffers[2]),
                        Pointer.to(buffers[3]),
                        Pointer.to(buffers[4]),
                        Pointer.to(buffers[5]));
                cuLaunchKernel(kernel, (n + BLOCK_SIZE - 1) / BLOCK_SIZE, 1, 1, BLOCK_SIZE, 1, 1, 0, null, args, null);
                cuCtxSynchronize();
                for (int t = 0; t < 4; t++) {
                    if (widths[t] > 0) {
                        cuMemcpyDtoH(
                                Pointer.to(targets[t]).withByteOffset((long) Sizeof.DOUBLE * done * widths[t]),
                                buffers[2 + t],
                                (long) Sizeof.DOUBLE * n * widths[t]);
                    }
                }
                done += n;
                progress.advance(n);
            }
        } finally {
            for (CUdeviceptr b : buffers) {
                if (b != null) {
                    cuMemFree(b);
                }
            }
        }
    }
}
