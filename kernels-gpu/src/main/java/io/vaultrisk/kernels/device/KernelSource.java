package io.vaultrisk.kernels.device;

import io.vaultrisk.kernels.BackendException;
import io.vaultrisk.kernels.ModelKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The device kernel sources shipped as resources: one shared header ({@code vaultrisk_math.h}) and thin per-language
 * wrappers. An OpenCL program built from a string has no include path, so the header is inlined here.
 */
public final class KernelSource {
    public static final String DIRECTORY = "/io/vaultrisk/kernels/device/";
    public static final String HEADER = "vaultrisk_math.h";
    public static final String MODELS_HEADER = "vaultrisk_models.h";
    private static final String INCLUDE = "#include \"" + HEADER + "\"";
    private static final String MODELS_INCLUDE = "#include \"" + MODELS_HEADER + "\"";

    private KernelSource() {}

    /** The text of resource {@code name} in the device directory. */
    public static String resource(String name) {
        try (InputStream in = KernelSource.class.getResourceAsStream(DIRECTORY + name)) {
            if (in == null) {
                throw new BackendException("kernel resource " + DIRECTORY + name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BackendException("cannot read kernel resource " + name + ": " + e.getMessage(), e);
        }
    }

    /** The kernel entry point for {@code model}: vr_gbm_european, vr_merton_european, vr_heston_european. */
    public static String europeanKernel(ModelKind model) {
        return "vr_" + model.name().toLowerCase(Locale.ROOT) + "_european";
    }

    /** The OpenCL program text of the GBM European kernel for {@code precision}, headers inlined. */
    public static String openClEuropean(Precision precision) {
        String wrapper = resource("gbm_european.cl");
        if (!wrapper.contains(INCLUDE) || !wrapper.contains(MODELS_INCLUDE)) {
            throw new BackendException("gbm_european.cl no longer includes " + HEADER + " and " + MODELS_HEADER);
        }
        return "#define VR_FLOAT " + (precision == Precision.FLOAT ? 1 : 0) + "\n"
                + wrapper.replace(INCLUDE, resource(HEADER)).replace(MODELS_INCLUDE, resource(MODELS_HEADER));
    }
}
