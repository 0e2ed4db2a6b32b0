package io.vaultrisk.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The C speed reference (shared/perf/gbm_limit_simd.c, shipped as a resource): built with gcc exactly as
 * shared/perf/run-c-reference builds it, run in the same sitting as the JVM benchmarks so ratios compare like with like.
 */
public final class CReference {
    private static final Pattern SECONDS = Pattern.compile("seconds=([0-9.eE+-]+)");
    private final Path binary;

    private CReference(Path binary) {
        this.binary = binary;
    }

    /** Compiles the reference, or empty (with the reason in {@code why[0]}) when gcc is absent or fails. */
    public static Optional<CReference> build(String[] why) {
        try {
            Path dir = Files.createTempDirectory("vaultrisk-cref");
            Path source = dir.resolve("gbm_limit_simd.c");
            try (InputStream in = CReference.class.getResourceAsStream("gbm_limit_simd.c")) {
                Files.write(source, in.readAllBytes());
            }
            Path binary = dir.resolve("gbm_limit_simd");
            Process gcc = new ProcessBuilder(List.of(
                            "gcc",
                            "-O3",
                            "-march=native",
                            "-ffast-math",
                            "-fopenmp",
                            source.toString(),
                            "-o",
                            binary.toString(),
                            "-lm",
                            "-lmvec"))
                    .redirectErrorStream(true)
                    .start();
            String log = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!gcc.waitFor(120, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
                why[0] = "gcc failed: " + log.lines().findFirst().orElse("");
                return Optional.empty();
            }
            return Optional.of(new CReference(binary));
        } catch (IOException e) {
            why[0] = "gcc is not available (" + e.getMessage() + ")";
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            why[0] = "interrupted";
            return Optional.empty();
        }
    }

    /** Mean seconds of {@code runs} runs of the reference at {@code paths} and {@code steps}. */
    public BenchPoint measure(long paths, int steps, int runs) throws IOException, InterruptedException {
        double total = 0;
        for (int i = 0; i < runs; i++) {
            Process p = new ProcessBuilder(List.of(binary.toString(), Long.toString(paths), Integer.toString(steps)))
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IOException("C reference failed: " + out);
            }
            Matcher m = SECONDS.matcher(out);
            if (!m.find()) {
                throw new IOException("C reference printed no seconds: " + out);
            }
            total += Double.parseDouble(m.group(1));
        }
        return BenchPoint.of(
                BenchPoint.C_REFERENCE,
                "gcc -O3 -march=native, OpenMP, " + Runtime.getRuntime().availableProcessors() + " threads",
                paths,
                steps,
                Math.max(total / runs, 1e-6),
                Double.NaN);
    }
}
