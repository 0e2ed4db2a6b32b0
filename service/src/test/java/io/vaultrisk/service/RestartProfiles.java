package io.vaultrisk.service;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Two app starts on one data directory: the first (fresh directory) writes, the second reads what survived. Quarkus
 * orders test classes by profile name, so RestartFirst runs before RestartSecond, and each is a real restart.
 */
public final class RestartProfiles {
    public static final Path DATA = Path.of("target/test-data/restart");
    public static final Path EXPECT = Path.of("target/test-data/restart-expect.properties");

    private RestartProfiles() {
    }

    public static class RestartFirstProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vaultrisk.data-dir", DATA.toAbsolutePath().toString());
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(Wipe.class));
        }
    }

    public static class RestartSecondProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vaultrisk.data-dir", DATA.toAbsolutePath().toString());
        }
    }

    public static class Wipe implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            FreshSharedDataDir.wipe(DATA);
            return Map.of();
        }

        @Override
        public void stop() {
        }
    }
}
