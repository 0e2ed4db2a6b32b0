package io.vaultrisk.kernels.opencl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jocl.CL.CL_MEM_COPY_HOST_PTR;
import static org.jocl.CL.CL_MEM_READ_ONLY;
import static org.jocl.CL.CL_MEM_WRITE_ONLY;
import static org.jocl.CL.CL_TRUE;
import static org.jocl.CL.clCreateBuffer;
import static org.jocl.CL.clCreateKernel;
import static org.jocl.CL.clEnqueueNDRangeKernel;
import static org.jocl.CL.clEnqueueReadBuffer;
import static org.jocl.CL.clReleaseKernel;
import static org.jocl.CL.clReleaseMemObject;
import static org.jocl.CL.clSetKernelArg;

import io.vaultrisk.kernels.device.KernelSource;
import io.vaultrisk.kernels.rng.BoxMuller;
import io.vaultrisk.kernels.rng.ReproducibleMath;
import io.vaultrisk.kernels.rng.Uniforms;
import java.util.SplittableRandom;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The device's log, cos, exp and Box–Muller (vaultrisk_math.h, vaultrisk_models.h) against the CPU's ReproducibleMath and
 * BoxMuller: equal to the bit, for every word pair and every input of the transform's range tried.
 */
class OpenClNormalsTest {
    private static final int N = 1 << 18;
    private static final String KERNELS = """
            __kernel void vr_test_math(__global const double *x, __global const double *y, __global double *out) {
                size_t g = get_global_id(0);
                vstore16(vr_log_bm(vload16(g, x)), 3 * g, out);
                vstore16(vr_cos_bm(vload16(g, y)), 3 * g + 1, out);
                vstore16(vr_exp_bm(vload16(g, y) * 100.0 - 350.0), 3 * g + 2, out);
            }
            __kernel void vr_test_normals(__global const uint *w0, __global const uint *w1, __global double *out) {
                size_t g = get_global_id(0);
                vr_word a = convert_ulong16(vload16(g, w0)), b = convert_ulong16(vload16(g, w1));
                vr_r even, odd;
                vr_path_normals(a, b, &even, &odd);
                vr_d z[2];
                vr_box_muller(a, b, z);
                vstore16(even, 4 * g, out);
                vstore16(odd, 4 * g + 1, out);
                vstore16(z[0], 4 * g + 2, out);
                vstore16(z[1], 4 * g + 3, out);
            }
            """;

    @BeforeEach
    void openClPresent() {
        OpenClAssumptions.requireOpenCl();
    }

    @Test
    void logCosAndExp_transformRange_equalCpuBitForBit() {
        SplittableRandom random = new SplittableRandom(11);
        double[] x = new double[N], y = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = (i & 1) == 0
                    ? Uniforms.open01(random.nextInt())
                    : Math.scalb(1 + random.nextDouble(), -random.nextInt(40)) / 2; // every binade of (0, 1]
            y[i] = (i & 1) == 0 ? BoxMuller.TWO_PI * Uniforms.open01(random.nextInt()) : random.nextDouble(0, 7);
        }
        x[0] = 1.0;
        y[0] = 0.0;
        double[] out = run("vr_test_math", 3, Pointer.to(x), Pointer.to(y), (long) Sizeof.cl_double * N);
        long differ = 0;
        for (int g = 0; g < N / 16; g++) {
            for (int l = 0; l < 16; l++) {
                int i = 16 * g + l;
                differ += bits(out[48 * g + l]) == bits(ReproducibleMath.log(x[i])) ? 0 : 1;
                differ += bits(out[48 * g + 16 + l]) == bits(ReproducibleMath.cos(y[i])) ? 0 : 1;
                differ += bits(out[48 * g + 32 + l]) == bits(ReproducibleMath.exp(y[i] * 100.0 - 350.0)) ? 0 : 1;
            }
        }
        assertThat(differ).isZero();
    }

    @Test
    void boxMuller_randomAndEdgeWords_equalCpuBitForBit() {
        SplittableRandom random = new SplittableRandom(12);
        int[] w0 = new int[N], w1 = new int[N];
        for (int i = 0; i < N; i++) {
            w0[i] = random.nextInt();
            w1[i] = random.nextInt();
        }
        int[] edges = {0, 1, -1, 0x4000_0000, 0x7FFF_FFFF, 0x8000_0000, 0xBFFF_FFFF, 0xC000_0000};
        for (int i = 0; i < edges.length * edges.length; i++) {
            w0[i] = edges[i / edges.length];
            w1[i] = edges[i % edges.length];
        }
        double[] out = run("vr_test_normals", 4, Pointer.to(w0), Pointer.to(w1), (long) Sizeof.cl_uint * N);
        double[] z = new double[2];
        long differ = 0;
        for (int g = 0; g < N / 16; g++) {
            for (int l = 0; l < 16; l++) {
                BoxMuller.pair(w0[16 * g + l], w1[16 * g + l], z, 0);
                for (int k = 0; k < 4; k++) {
                    differ += bits(out[64 * g + 16 * k + l]) == bits(z[k & 1]) ? 0 : 1;
                }
            }
        }
        assertThat(differ).isZero();
    }

    private static long bits(double v) {
        return Double.doubleToRawLongBits(v);
    }

    /** Runs {@code name} over N / 16 work-items on inputs a and b ({@code bytes} each): {@code outputs} doubles each. */
    private static double[] run(String name, int outputs, Pointer a, Pointer b, long bytes) {
        OpenClDevice device = OpenClDevice.PROCESS.get();
        String source = "#define VR_FLOAT 0\n" + KernelSource.resource(KernelSource.HEADER) + "\n"
                + KernelSource.resource(KernelSource.MODELS_HEADER) + "\n" + KERNELS;
        cl_kernel kernel = clCreateKernel(device.program(source, ""), name, null);
        double[] out = new double[outputs * N];
        cl_mem ma = clCreateBuffer(device.context, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, bytes, a, null);
        cl_mem mb = clCreateBuffer(device.context, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, bytes, b, null);
        cl_mem mo = clCreateBuffer(device.context, CL_MEM_WRITE_ONLY, (long) Sizeof.cl_double * out.length, null, null);
        try {
            clSetKernelArg(kernel, 0, Sizeof.cl_mem, Pointer.to(ma));
            clSetKernelArg(kernel, 1, Sizeof.cl_mem, Pointer.to(mb));
            clSetKernelArg(kernel, 2, Sizeof.cl_mem, Pointer.to(mo));
            clEnqueueNDRangeKernel(device.queue, kernel, 1, null, new long[] {N / 16}, null, 0, null, null);
            clEnqueueReadBuffer(
                    device.queue, mo, CL_TRUE, 0, (long) Sizeof.cl_double * out.length, Pointer.to(out), 0, null, null);
        } finally {
            clReleaseMemObject(ma);
            clReleaseMemObject(mb);
            clReleaseMemObject(mo);
            clReleaseKernel(kernel);
        }
        return out;
    }
}
