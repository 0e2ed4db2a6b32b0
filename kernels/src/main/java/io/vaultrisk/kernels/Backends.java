package io.vaultrisk.kernels;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** Finds compute backends by name; {@code auto} picks the most preferred one that is available. */
public final class Backends {
    private Backends() {
    }

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
            return all.stream().filter(PathBackend::isAvailable).findFirst()
                    .orElseThrow(() -> new BackendException("no compute backend is available"));
        }
        return all.stream().filter(b -> b.id().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown backend '" + name + "' (allowed: "
                        + String.join(", ", names()) + ")"));
    }
}
