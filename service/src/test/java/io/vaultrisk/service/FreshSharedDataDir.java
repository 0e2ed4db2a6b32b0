package io.vaultrisk.service;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** Starts the shared test app on an empty data directory, so a test run never sees the previous run's database. */
public class FreshSharedDataDir implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        wipe(Api.SHARED_DATA);
        return Map.of("vaultrisk.data-dir", Api.SHARED_DATA.toAbsolutePath().toString());
    }

    @Override
    public void stop() {}

    public static void wipe(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
