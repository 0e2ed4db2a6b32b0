package io.vaultrisk.kernels.opencl;

import static org.jocl.CL.CL_CONTEXT_PLATFORM;
import static org.jocl.CL.CL_DEVICE_DOUBLE_FP_CONFIG;
import static org.jocl.CL.CL_DEVICE_GLOBAL_MEM_SIZE;
import static org.jocl.CL.CL_DEVICE_MAX_WORK_GROUP_SIZE;
import static org.jocl.CL.CL_DEVICE_NAME;
import static org.jocl.CL.CL_DEVICE_TYPE;
import static org.jocl.CL.CL_DEVICE_TYPE_ALL;
import static org.jocl.CL.CL_DEVICE_TYPE_GPU;
import static org.jocl.CL.CL_PLATFORM_VERSION;
import static org.jocl.CL.CL_PROGRAM_BUILD_LOG;
import static org.jocl.CL.clBuildProgram;
import static org.jocl.CL.clCreateCommandQueueWithProperties;
import static org.jocl.CL.clCreateContext;
import static org.jocl.CL.clCreateProgramWithSource;
import static org.jocl.CL.clGetDeviceIDs;
import static org.jocl.CL.clGetDeviceInfo;
import static org.jocl.CL.clGetPlatformIDs;
import static org.jocl.CL.clGetPlatformInfo;
import static org.jocl.CL.clGetProgramBuildInfo;
import static org.jocl.CL.clReleaseProgram;

import io.vaultrisk.kernels.BackendException;
import io.vaultrisk.kernels.device.ComputeDevice;
import io.vaultrisk.kernels.device.ProcessDevice;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;
import org.jocl.cl_program;
import org.jocl.cl_queue_properties;

/**
 * The one OpenCL device this process computes on (a GPU with double support when there is one, else the first
 * device with double support, e.g. PoCL on the CPU), its context and queue, and programs built once per process:
 * a first build costs about half a second on PoCL, so programs are cached by source and options.
 */
final class OpenClDevice implements ComputeDevice {
    /** The device, opened on first use. */
    static final ProcessDevice<OpenClDevice> PROCESS = new ProcessDevice<>(
            OpenClDevice::open,
            CLException.class,
            e -> "no OpenCL runtime (" + e.getMessage() + "); on Debian: apt-get install "
                    + "pocl-opencl-icd ocl-icd-libopencl1");

    final cl_device_id device;
    final cl_context context;
    final cl_command_queue queue;
    private final String name;
    final long maxWorkGroupSize;
    final long globalMemory;
    private final Map<String, cl_program> programs = new HashMap<>();

    private OpenClDevice(cl_platform_id platform, cl_device_id device) {
        this.device = device;
        cl_context_properties properties = new cl_context_properties();
        properties.addProperty(CL_CONTEXT_PLATFORM, platform);
        this.context = clCreateContext(properties, 1, new cl_device_id[] {device}, null, null, null);
        this.queue = clCreateCommandQueueWithProperties(context, device, new cl_queue_properties(), null);
        String version = platformString(platform, CL_PLATFORM_VERSION).trim();
        String[] words = version.split("\\s+");
        // e.g. "OpenCL 3.0 PoCL 3.1+debian  Linux, ..." -> "OpenCL 3.0 PoCL 3.1+debian"
        String shortVersion = String.join(" ", java.util.Arrays.copyOf(words, Math.min(4, words.length)))
                .replaceAll(",$", "");
        this.name = "opencl: " + deviceString(device, CL_DEVICE_NAME).trim() + " (" + shortVersion + ")";
        this.maxWorkGroupSize = deviceLong(device, CL_DEVICE_MAX_WORK_GROUP_SIZE, Sizeof.size_t);
        this.globalMemory = deviceLong(device, CL_DEVICE_GLOBAL_MEM_SIZE, Sizeof.cl_ulong);
    }

    @Override
    public String name() {
        return name;
    }

    private static OpenClDevice open() {
        CL.setExceptionsEnabled(true);
        int[] count = new int[1];
        try {
            clGetPlatformIDs(0, null, count);
        } catch (CLException e) {
            throw new BackendException("no OpenCL platform is installed (" + e.getMessage() + "); on Debian: "
                    + "apt-get install pocl-opencl-icd ocl-icd-libopencl1");
        }
        cl_platform_id[] platforms = new cl_platform_id[count[0]];
        clGetPlatformIDs(count[0], platforms, null);
        List<Object[]> candidates = new ArrayList<>();
        for (cl_platform_id platform : platforms) {
            int[] devices = new int[1];
            try {
                clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, 0, null, devices);
            } catch (CLException e) {
                continue; // a platform with no devices
            }
            cl_device_id[] ids = new cl_device_id[devices[0]];
            clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, ids.length, ids, null);
            for (cl_device_id id : ids) {
                if (deviceLong(id, CL_DEVICE_DOUBLE_FP_CONFIG, Sizeof.cl_ulong) != 0) {
                    candidates.add(new Object[] {platform, id});
                }
            }
        }
        if (candidates.isEmpty()) {
            throw new BackendException(
                    "no OpenCL device with double precision among " + platforms.length + " platform(s)");
        }
        Object[] chosen = candidates.stream()
                .filter(c ->
                        (deviceLong((cl_device_id) c[1], CL_DEVICE_TYPE, Sizeof.cl_ulong) & CL_DEVICE_TYPE_GPU) != 0)
                .findFirst()
                .orElse(candidates.get(0));
        return new OpenClDevice((cl_platform_id) chosen[0], (cl_device_id) chosen[1]);
    }

    /**
     * The program built from {@code source}, built once per process. A build failure throws a
     * {@link BackendException} naming the device and carrying the compiler's log.
     */
    synchronized cl_program program(String source, String options) {
        String key = options + "\n" + source;
        cl_program cached = programs.get(key);
        if (cached != null) {
            return cached;
        }
        cl_program program = clCreateProgramWithSource(context, 1, new String[] {source}, null, null);
        try {
            clBuildProgram(program, 1, new cl_device_id[] {device}, options, null, null);
        } catch (CLException e) {
            String log = buildLog(program);
            clReleaseProgram(program);
            throw new BackendException(
                    "OpenCL kernel build failed on " + name + " (" + e.getMessage() + "); build log:\n" + log, e);
        }
        programs.put(key, program);
        return program;
    }

    private String buildLog(cl_program program) {
        try {
            long[] size = new long[1];
            clGetProgramBuildInfo(program, device, CL_PROGRAM_BUILD_LOG, 0, null, size);
            byte[] bytes = new byte[(int) size[0]];
            clGetProgramBuildInfo(program, device, CL_PROGRAM_BUILD_LOG, bytes.length, Pointer.to(bytes), null);
            return cString(bytes);
        } catch (CLException e) {
            return "(no build log: " + e.getMessage() + ")";
        }
    }

    private static String platformString(cl_platform_id platform, int param) {
        long[] size = new long[1];
        clGetPlatformInfo(platform, param, 0, null, size);
        byte[] bytes = new byte[(int) size[0]];
        clGetPlatformInfo(platform, param, bytes.length, Pointer.to(bytes), null);
        return cString(bytes);
    }

    private static String deviceString(cl_device_id device, int param) {
        long[] size = new long[1];
        clGetDeviceInfo(device, param, 0, null, size);
        byte[] bytes = new byte[(int) size[0]];
        clGetDeviceInfo(device, param, bytes.length, Pointer.to(bytes), null);
        return cString(bytes);
    }

    private static long deviceLong(cl_device_id device, int param, int bytes) {
        long[] value = new long[1];
        if (bytes == Sizeof.cl_ulong || bytes == 8) {
            clGetDeviceInfo(device, param, 8, Pointer.to(value), null);
            return value[0];
        }
        int[] small = new int[1];
        clGetDeviceInfo(device, param, 4, Pointer.to(small), null);
        return small[0] & 0xFFFF_FFFFL;
    }

    private static String cString(byte[] bytes) {
        int n = 0;
        while (n < bytes.length && bytes[n] != 0) {
            n++;
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }
}
