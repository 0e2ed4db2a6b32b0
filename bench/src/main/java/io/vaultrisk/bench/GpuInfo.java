package io.vaultrisk.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;

/**
 * The NVIDIA GPU of this machine as {@code nvidia-smi} names it, and the share of its double-precision peak that a
 * throughput reaches. The peak is looked up by name in {@link #FP64_PEAKS}; the share counts
 * {@link #FP64_OPS_PER_PATH_STEP} operations per path-step, an estimate, not a counted figure.
 */
public record GpuInfo(String name, String driver, String memory) {
    /**
     * FP64 operations per path-step of the core workload: one normal is half a Box–Muller pair (a log, a square root
     * and a sine or cosine, ~28 operations with their polynomial evaluations) plus the log-Euler update (an FMA, 2).
     * Philox's integer multiplies and the payoff are not counted.
     */
    public static final double FP64_OPS_PER_PATH_STEP = 30;

    /**
     * Vector (non-tensor-core) FP64 peak in TFLOP/s at boost clock, from NVIDIA's data sheets, matched as a substring
     * of the name in this order (the more specific names first). The kernels use no tensor cores, so the tensor-core
     * FP64 figure (twice these on Hopper) is not the bound.
     */
    public static final List<Peak> FP64_PEAKS = List.of(
            new Peak("GH200", 34.0),
            new Peak("H200 NVL", 30.0),
            new Peak("H200", 34.0),
            new Peak("H100 NVL", 30.0),
            new Peak("H100 PCIe", 25.6),
            new Peak("H100", 34.0),
            new Peak("A100", 9.7),
            new Peak("A30", 5.2),
            new Peak("V100", 7.8));

    public static final String ASSUMPTION = "fraction of FP64 peak = path-steps/s × " + (int) FP64_OPS_PER_PATH_STEP
            + " FP64 operations per path-step (an estimate: half a Box–Muller pair plus the log-Euler FMA) ÷ the"
            + " vector FP64 peak of the GPU's data sheet (SXM boost clock unless the name says PCIe or NVL; tensor"
            + " cores are not used)";

    /** A GPU name fragment and its FP64 peak. */
    public record Peak(String name, double tflops) {}

    public GpuInfo {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a GPU needs a name");
        }
    }

    /** The first GPU {@code nvidia-smi} lists, or empty when there is no nvidia-smi or it finds no GPU. */
    public static Optional<GpuInfo> detect() {
        try {
            Process p = new ProcessBuilder(
                            "nvidia-smi", "--query-gpu=name,driver_version,memory.total", "--format=csv,noheader")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return p.exitValue() == 0 ? parse(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The first line of {@code nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader}. */
    static Optional<GpuInfo> parse(String csv) {
        String line = csv.lines().filter(l -> !l.isBlank()).findFirst().orElse("");
        String[] f = line.split(",");
        if (f.length < 3 || f[0].isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new GpuInfo(f[0].trim(), f[1].trim(), f[2].trim()));
    }

    /** The vector FP64 peak of this GPU in TFLOP/s, when its name is in {@link #FP64_PEAKS}. */
    public OptionalDouble fp64PeakTflops() {
        String n = name.toUpperCase(Locale.ROOT);
        return FP64_PEAKS.stream()
                .filter(p -> n.contains(p.name().toUpperCase(Locale.ROOT)))
                .mapToDouble(Peak::tflops)
                .findFirst();
    }

    /** The share of the FP64 peak that {@code pathStepsPerSecond} of the core workload means (see the assumption). */
    public OptionalDouble fractionOfFp64Peak(double pathStepsPerSecond) {
        OptionalDouble peak = fp64PeakTflops();
        return peak.isPresent()
                ? OptionalDouble.of(pathStepsPerSecond * FP64_OPS_PER_PATH_STEP / (peak.getAsDouble() * 1e12))
                : OptionalDouble.empty();
    }

    @Override
    public String toString() {
        return name + " (driver " + driver + ", " + memory + ")";
    }
}
