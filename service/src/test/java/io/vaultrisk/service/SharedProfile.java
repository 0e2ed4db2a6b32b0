package io.vaultrisk.service;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** The one app start shared by most test classes (same profile, same resources: Quarkus starts it once). */
public class SharedProfile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FreshSharedDataDir.class));
    }
}
