package io.vaultrisk.kernels.opencl;

import static org.jocl.CL.CL_MEM_COPY_HOST_PTR;
import static org.jocl.CL.CL_MEM_READ_ONLY;
import static org.jocl.CL.CL_MEM_WRITE_ONLY;
import static org.jocl.CL.CL_TRUE;
import static org.jocl.CL.clCreateBuffer;
import static org.jocl.CL.clCreateKernel;
import static org.jocl.CL.clEnqueueNDRangeKernel;
import static org.jocl.CL.clEnqueueReadBuffer;
import static org.jocl.CL.clFinish;
import static org.jocl.CL.clReleaseMemObject;
import static org.jocl.CL.clSetKernelArg;

import io.vaultrisk.kernels.BackendException;
import io.vaultrisk.kernels.PathBlock;
import io.vaultrisk.kernels.ProgressSink;
import io.vaultrisk.kernels.device.DeviceBackend;
import io.vaultrisk.kernels.device.EuropeanKernelParameters;
import io.vaultrisk.kernels.device.GroupSums;
import io.vaultrisk.kernels.device.KernelSource;
import io.vaultrisk.kernels.device.PathKernelParameters;
import io.vaultrisk.kernels.device.Precision;
import java.util.HashMap;
import java.util.Map;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

/**
 * OpenCL backend (JOCL): paths and pathwise greeks run on the device, 16 paths per work-item in explicit vector
 * types (PoCL does not vectorise across work-items), and only per-work-group sums come back, added on the host in
 * group order. {@code opencl} steps paths in double and matches the CPU backend to rounding; {@code opencl-float}
 * ({@link OpenClFloatBackend}) steps them in float with native functions, for screening.
 *
 * <p>The program is built once per process and warmed up with the work-group size every run uses (PoCL compiles
 * again for each new local size). Double paths draw their normals with the header's log and cos, the CPU's
 * rng/ReproducibleMath operation for operation, never the device library's: the same bits as the CPU.
 *
 * <p>Book paths ({@link #simulatePaths}) run {@code vr_correlated_paths}, 16 paths per work-item as well, from a program
 * built once per task shape (underlyings, stream dimensions), and read back each launch's observations and checkpoint
 * states straight into its slice of the block.
 */
public class OpenClBackend extends DeviceBackend<OpenClDevice> {
    /** Work-items per work-group: PoCL performs the same from 8 to 512; 64 keeps groups many on small runs. */
    public static final int LOCAL_SIZE = 64;
    /** Path-steps per launch (about 0.1 s on 2 CPU cores): bounds the output buffer and paces progress. */
    static final long STEPS_PER_LAUNCH = 1L << 26;

    private static final int LANES = 16;
    /** Work-items per group of the book-path kernel: 256 paths, so a few thousand paths still fill every core. */
    static final int PATH_LOCAL_SIZE = 16;

    /** Kernels by precision and local size, built and warmed up once per process (guarded by the device). */
    private static final Map<String, cl_kernel> KERNELS = new HashMap<>();

    private final int localSize;

    public OpenClBackend() {
        this(Precision.DOUBLE, localSizeProperty());
    }

    /** {@code -Dvaultrisk.opencl.localSize=N} (a power of two) overrides {@link #LOCAL_SIZE}, for tuning. */
    static int localSizeProperty() {
        String v = System.getProperty("vaultrisk.opencl.localSize");
        try {
            return v == null ? LOCAL_SIZE : Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("vaultrisk.opencl.localSize must be an integer, got '" + v + "'");
        }
    }

    /** A backend stepping paths in {@code precision}, with {@code localSize} work-items per group. */
    public OpenClBackend(Precision precision, int localSize) {
        this(precision, localSize, 0);
    }

    /** As above, with at most {@code pathChunk} book paths per launch (0: as many as 64 MiB of output hold). */
    OpenClBackend(Precision precision, int localSize, int pathChunk) {
        super("opencl", "OpenCL", 20, OpenClDevice.PROCESS, precision, pathChunk);
        if (localSize < 1 || Integer.bitCount(localSize) != 1) {
            throw new IllegalArgumentException("localSize must be a power of two, got " + localSize);
        }
        this.localSize = localSize;
    }

    @Override
    protected GroupSums launch(
            OpenClDevice device,
            String kernelName,
            EuropeanKernelParameters kp,
            long samples,
            int pathsPerSample,
            ProgressSink progress) {
        if (localSize > device.maxWorkGroupSize) {
            throw new BackendException("work-group size " + localSize + " exceeds the maximum "
                    + device.maxWorkGroupSize + " of " + device.name());
        }
        return launchAll(device, kernel(device, kp, kernelName), kp, samples, progress, pathsPerSample);
    }

    /**
     * The kernel, built and warmed up on first use with the local size every launch uses: the warm-up is one work-group
     * of the task itself, so PoCL's per-local-size compile is not timed with the run.
     */
    private cl_kernel kernel(OpenClDevice device, EuropeanKernelParameters kp, String name) {
        String key = name + "/" + precision() + "/" + localSize;
        cl_kernel k = KERNELS.get(key);
        if (k == null) {
            k = clCreateKernel(device.program(KernelSource.openClEuropean(precision()), ""), name, null);
            launchAll(device, k, kp, LANES, ProgressSink.NONE, 1);
            KERNELS.put(key, k);
        }
        return k;
    }

    private GroupSums launchAll(
            OpenClDevice device,
            cl_kernel k,
            EuropeanKernelParameters kp,
            long samples,
            ProgressSink progress,
            int pathsPerSample) {
        long samplesPerGroup = (long) localSize * LANES;
        long groupsPerLaunch = Math.max(1, STEPS_PER_LAUNCH / Math.max(1, kp.steps()) / samplesPerGroup);
        long totalGroups = (samples + samplesPerGroup - 1) / samplesPerGroup;
        groupsPerLaunch = Math.min(groupsPerLaunch, totalGroups);
        double[] out = new double[(int) (groupsPerLaunch * EuropeanKernelParameters.OUT_STRIDE)];
        GroupSums sums = new GroupSums();
        cl_mem params = null, outBuffer = null;
        try {
            double[] values = kp.values();
            params = clCreateBuffer(
                    device.context,
                    CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR,
                    (long) Sizeof.cl_double * values.length,
                    Pointer.to(values),
                    null);
            outBuffer =
                    clCreateBuffer(device.context, CL_MEM_WRITE_ONLY, (long) Sizeof.cl_double * out.length, null, null);
            clSetKernelArg(k, 0, Sizeof.cl_mem, Pointer.to(params));
            clSetKernelArg(k, 1, Sizeof.cl_uint, Pointer.to(new int[] {kp.steps()}));
            clSetKernelArg(k, 2, Sizeof.cl_uint, Pointer.to(new int[] {kp.seedLo()}));
            clSetKernelArg(k, 3, Sizeof.cl_uint, Pointer.to(new int[] {kp.seedHi()}));
            clSetKernelArg(k, 5, Sizeof.cl_ulong, Pointer.to(new long[] {samples}));
            clSetKernelArg(k, 6, Sizeof.cl_uint, Pointer.to(new int[] {kp.flags()}));
            clSetKernelArg(k, 7, Sizeof.cl_mem, Pointer.to(outBuffer));
            clSetKernelArg(k, 8, (long) Sizeof.cl_double * EuropeanKernelParameters.OUT_STRIDE * localSize, null);
            for (long g = 0; g < totalGroups; g += groupsPerLaunch) {
                int groups = (int) Math.min(groupsPerLaunch, totalGroups - g);
                long first = g * samplesPerGroup;
                clSetKernelArg(k, 4, Sizeof.cl_ulong, Pointer.to(new long[] {first}));
                clEnqueueNDRangeKernel(
                        device.queue,
                        k,
                        1,
                        null,
                        new long[] {(long) groups * localSize},
                        new long[] {localSize},
                        0,
                        null,
                        null);
                clEnqueueReadBuffer(
                        device.queue,
                        outBuffer,
                        CL_TRUE,
                        0,
                        (long) Sizeof.cl_double * groups * EuropeanKernelParameters.OUT_STRIDE,
                        Pointer.to(out),
                        0,
                        null,
                        null);
                sums.add(out, groups);
                progress.advance(Math.min(samples - first, (long) groups * samplesPerGroup) * pathsPerSample);
            }
            clFinish(device.queue);
            return sums;
        } finally {
            if (params != null) {
                clReleaseMemObject(params);
            }
            if (outBuffer != null) {
                clReleaseMemObject(outBuffer);
            }
        }
    }

    @Override
    protected void launchPaths(
            OpenClDevice device, PathKernelParameters kp, PathBlock out, int chunk, ProgressSink progress) {
        // one program per task shape: constant loop bounds let PoCL keep each path's state in registers
        String shape = "-DVR_PATH_U=" + kp.underlyings() + " -DVR_PATH_DIMS=" + kp.dims();
        String key = "vr_correlated_paths/" + precision() + "/" + shape;
        cl_kernel k = KERNELS.get(key);
        if (k == null) {
            k = clCreateKernel(
                    device.program(KernelSource.openClEuropean(precision()), shape), "vr_correlated_paths", null);
            KERNELS.put(key, k);
        }
        int nObs = kp.observations(), perCheckpoint = kp.checkpoints() * kp.underlyings();
        double[] values = kp.values();
        int[] ints = kp.ints();
        cl_mem[] buffers = new cl_mem[6];
        try {
            buffers[0] = clCreateBuffer(
                    device.context,
                    CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR,
                    (long) Sizeof.cl_double * values.length,
                    Pointer.to(values),
                    null);
            buffers[1] = clCreateBuffer(
                    device.context,
                    CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR,
                    (long) Sizeof.cl_int * ints.length,
                    Pointer.to(ints),
                    null);
            // a zero-sized buffer is an error in OpenCL: a task without observations or checkpoints gets one double
            long obsBytes = (long) Sizeof.cl_double * Math.max(1, (long) chunk * nObs);
            long cpBytes = (long) Sizeof.cl_double * Math.max(1, (long) chunk * perCheckpoint);
            buffers[2] = clCreateBuffer(device.context, CL_MEM_WRITE_ONLY, obsBytes, null, null);
            for (int b = 3; b < 6; b++) {
                buffers[b] = clCreateBuffer(device.context, CL_MEM_WRITE_ONLY, cpBytes, null, null);
            }
            for (int a = 0; a < 2; a++) {
                clSetKernelArg(k, a, Sizeof.cl_mem, Pointer.to(buffers[a]));
            }
            clSetKernelArg(k, 2, Sizeof.cl_uint, Pointer.to(new int[] {kp.seedLo()}));
            clSetKernelArg(k, 3, Sizeof.cl_uint, Pointer.to(new int[] {kp.seedHi()}));
            for (int a = 6; a < 10; a++) {
                clSetKernelArg(k, a, Sizeof.cl_mem, Pointer.to(buffers[a - 4]));
            }
            double[][] targets = {out.observed(), out.checkpointLn(), out.checkpointLow(), out.checkpointHigh()};
            int[] widths = {nObs, perCheckpoint, perCheckpoint, perCheckpoint};
            long groupPaths = (long) PATH_LOCAL_SIZE * LANES;
            for (int done = 0; done < out.count(); ) {
                int n = Math.min(chunk, out.count() - done);
                clSetKernelArg(k, 4, Sizeof.cl_ulong, Pointer.to(new long[] {out.first() + done}));
                clSetKernelArg(k, 5, Sizeof.cl_ulong, Pointer.to(new long[] {n}));
                long groups = (n + groupPaths - 1) / groupPaths;
                clEnqueueNDRangeKernel(
                        device.queue,
                        k,
                        1,
                        null,
                        new long[] {groups * PATH_LOCAL_SIZE},
                        new long[] {PATH_LOCAL_SIZE},
                        0,
                        null,
                        null);
                for (int t = 0; t < 4; t++) {
                    if (widths[t] == 0) {
                        continue;
                    }
                    clEnqueueReadBuffer(
                            device.queue,
                            buffers[2 + t],
                            CL_TRUE,
                            0,
                            (long) Sizeof.cl_double * n * widths[t],
                            Pointer.to(targets[t]).withByteOffset((long) Sizeof.cl_double * done * widths[t]),
                            0,
                            null,
                            null);
                }
                done += n;
                progress.advance(n);
            }
            clFinish(device.queue);
        } finally {
            for (cl_mem b : buffers) {
                if (b != null) {
                    clReleaseMemObject(b);
                }
            }
        }
    }
}
