package io.vaultrisk.kernels;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** Finds compute backends by name; {@code auto} picks the most preferred one that is available. */
public final class Backends {
    private Backends() {}

    public static List<PathBackend> all() {
        List<PathBackend> list = new ArrayList<>();
        ServiceLoader.load(PathBackend.class, Backends.class.getClassLoader()).forEach(list::add);
        list.sort(Comparator.comparingInt(PathBackend::preference).reversed());
        return list;
    }

    public static List<String> names() {
        List<String> names = all().stream().map(PathBackend::id).collect(Collectors.toList());
        names.add(0, "auto");
        return names;
    }

    /** The backend called {@code name}, or the best available one for "auto". */
    public static PathBackend select(String name) {
        List<PathBackend> all = all();
        if ("auto".equals(name)) {
            return all.stream()
                    .filter(PathBackend::isAvailable)
                    .findFirst()
                    .orElseThrow(() -> new BackendException("no compute backend is available"));
        }
        return all.stream()
                .filter(b -> b.id().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown backend '" + name + "' (allowed: " + String.join(", ", names()) + ")"));
    }

    /**
     * Runs {@code task} on {@code backend}, or on the CPU when that backend is absent, has no kernel for the task, or
     * fails on its device (no driver, out of memory, lost device): the reason goes to {@code warnings} as one line
     * and the run still completes. Bad input ({@link IllegalArgumentException}) is not retried.
     */
    public static EuropeanRun runWithFallback(
            PathBackend backend, EuropeanTask task, ProgressSink progress, Consumer<String> warnings) {
        PathBackend cpu = select("cpu");
        if (backend.id().equals(cpu.id())) {
            return cpu.simulateEuropean(task, progress);
        }
        if (!backend.isAvailable()) {
            warnings.accept("warning: backend " + backend.id() + " is not available (" + backend.device()
                    + "); running on the CPU");
            return cpu.simulateEuropean(task, progress);
        }
        Optional<String> unsupported = backend.unsupported(task);
        if (unsupported.isPresent()) {
            warnings.accept("warning: backend " + backend.id() + " cannot run this task (" + unsupported.get()
                    + "); running on the CPU");
            return cpu.simulateEuropean(task, progress);
        }
        try {
            return backend.simulateEuropean(task, progress);
        } catch (BackendException e) {
            warnings.accept("warning: backend " + backend.id() + " failed ("
                    + e.getMessage().lines().findFirst().orElse("") + "); running on the CPU");
            return cpu.simulateEuropean(task, progress);
        }
    }

    /**
     * Paths [first, first + count) of a book-path task on {@code backend}, or on the CPU when that backend is absent,
     * has no kernel for the task, or fails on its device: the reason goes to {@code warnings} as one line, and a
     * failed device never leaves a partial block behind. Bad input is not retried.
     */
    public static PathBlock pathsWithFallback(
            PathBackend backend,
            CorrelatedPathTask task,
            long first,
            int count,
            int threads,
            ProgressSink progress,
            Consumer<String> warnings) {
        PathBackend cpu = select("cpu");
        if (backend.id().equals(cpu.id())) {
            return cpu.simulatePaths(task, first, count, threads, progress);
        }
        if (!backend.isAvailable()) {
            warnings.accept("warning: backend " + backend.id() + " is not available (" + backend.device()
                    + "); running on the CPU");
            return cpu.simulatePaths(task, first, count, threads, progress);
        }
        Optional<String> unsupported = backend.unsupported(task);
        if (unsupported.isPresent()) {
            warnings.accept("warning: backend " + backend.id() + " cannot run this task (" + unsupported.get()
                    + "); running on the CPU");
            return cpu.simulatePaths(task, first, count, threads, progress);
        }
        try {
            return backend.simulatePaths(task, first, count, threads, progress);
        } catch (BackendException e) {
            warnings.accept("warning: backend " + backend.id() + " failed ("
                    + e.getMessage().lines().findFirst().orElse("") + "); running on the CPU");
            return cpu.simulatePaths(task, first, count, threads, progress);
        }
    }
}
