package io.vaultrisk.kernels.cuda;

import static jcuda.driver.JCudaDriver.cuCtxCreate;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuInit;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;

import io.vaultrisk.kernels.BackendException;
import io.vaultrisk.kernels.device.ComputeDevice;
import io.vaultrisk.kernels.device.KernelSource;
import io.vaultrisk.kernels.device.Precision;
import io.vaultrisk.kernels.device.ProcessDevice;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import jcuda.CudaException;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;

/**
 * The CUDA device this process computes on (device 0), its context, and the kernels loaded from the PTX that nvcc
 * wrote into the build (resources {@code gbm_european.ptx} and {@code gbm_european_float.ptx}).
 */
final class CudaDevice implements ComputeDevice {
    /** Device 0, opened on first use. */
    static final ProcessDevice<CudaDevice> PROCESS = new ProcessDevice<>(CudaDevice::open, CudaException.class, e -> {
        String first = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        return "no CUDA driver (libcuda) on this machine: " + first;
    });

    final CUcontext context;
    private final String name;
    private final Map<Precision, CUmodule> modules = new EnumMap<>(Precision.class);
    private final Map<String, CUfunction> kernels = new HashMap<>();

    private CudaDevice(CUdevice device, String name) {
        this.context = new CUcontext();
        cuCtxCreate(context, 0, device);
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    private static CudaDevice open() {
        if (ptx(Precision.DOUBLE) == null) {
            throw new BackendException("this build has no CUDA PTX (nvcc was not on PATH when it was built)");
        }
        JCudaDriver.setExceptionsEnabled(true);
        cuInit(0);
        int[] count = new int[1];
        cuDeviceGetCount(count);
        if (count[0] == 0) {
            throw new BackendException("the CUDA driver reports no device");
        }
        CUdevice device = new CUdevice();
        cuDeviceGet(device, 0);
        byte[] name = new byte[256];
        cuDeviceGetName(name, name.length, device);
        int n = 0;
        while (n < name.length && name[n] != 0) {
            n++;
        }
        return new CudaDevice(device, "cuda: " + new String(name, 0, n, StandardCharsets.UTF_8));
    }

    /** The PTX text nvcc compiled for {@code precision}, or null when the build had no nvcc. */
    static String ptx(Precision precision) {
        String resource = KernelSource.DIRECTORY + ptxName(precision);
        try (InputStream in = CudaDevice.class.getResourceAsStream(resource)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BackendException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }

    static String ptxName(Precision precision) {
        return precision == Precision.FLOAT ? "gbm_european_float.ptx" : "gbm_european.ptx";
    }

    /** Kernel {@code name} of the PTX for {@code precision}, loaded once; the context must be current here. */
    synchronized CUfunction kernel(Precision precision, String kernelName) {
        String key = precision + "/" + kernelName;
        CUfunction f = kernels.get(key);
        if (f == null) {
            CUmodule module = modules.get(precision);
            if (module == null) {
                String ptx = ptx(precision);
                if (ptx == null) {
                    throw new BackendException("this build has no " + ptxName(precision));
                }
                module = new CUmodule();
                try {
                    cuModuleLoadData(module, ptx);
                } catch (CudaException e) {
                    throw new BackendException(
                            "loading " + ptxName(precision) + " failed on " + name + ": " + e.getMessage(), e);
                }
                modules.put(precision, module);
            }
            f = new CUfunction();
            cuModuleGetFunction(f, module, kernelName);
            kernels.put(key, f);
        }
        return f;
    }
}
