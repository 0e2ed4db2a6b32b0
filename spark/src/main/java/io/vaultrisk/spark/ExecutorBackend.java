package io.vaultrisk.spark;

import io.vaultrisk.montecarlo.compute.ComputeBackend;
import java.util.Locale;

/**
 * The backend an executor runs its paths on, set per executor where the cluster knows its hardware: the system
 * property {@code vaultrisk.backend} ({@code --conf spark.executor.extraJavaOptions=-Dvaultrisk.backend=opencl}) or
 * the environment variable {@code VAULTRISK_BACKEND} ({@code --conf spark.executorEnv.VAULTRISK_BACKEND=cuda}), else
 * the CPU. An absent or failing device falls back to the CPU with a warning in the book's report (the nightly run
 * goes on; the report says which backend ran the paths) unless {@code vaultrisk.fallback} / {@code
 * VAULTRISK_FALLBACK} is {@code false}. Every backend gives the same paths to 1e-12 relative, the CPU the same bits.
 */
final class ExecutorBackend {
    private ExecutorBackend() {}

    static ComputeBackend compute() {
        String id = setting("vaultrisk.backend", "VAULTRISK_BACKEND", "cpu");
        boolean fallback = !"false".equals(setting("vaultrisk.fallback", "VAULTRISK_FALLBACK", "true"));
        return id.equals("cpu") ? ComputeBackend.CPU : ComputeBackend.of(id, fallback);
    }

    private static String setting(String property, String env, String otherwise) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            v = System.getenv(env);
        }
        return v == null || v.isBlank() ? otherwise : v.trim().toLowerCase(Locale.ROOT);
    }
}
