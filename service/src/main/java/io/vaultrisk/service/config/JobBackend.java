package io.vaultrisk.service.config;

import io.quarkus.runtime.StartupEvent;
import io.vaultrisk.montecarlo.compute.ComputeBackend;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** The {@link ComputeBackend} of risk runs, stress reports and allocations, from {@code vaultrisk.compute.*}. */
@ApplicationScoped
public class JobBackend {
    @Inject
    ServiceConfig config;

    private volatile ComputeBackend compute;

    /** An unknown backend stops the service at start rather than failing every job. */
    void onStart(@Observes StartupEvent event) {
        get();
    }

    public ComputeBackend get() {
        ComputeBackend c = compute;
        if (c == null) {
            try {
                c = ComputeBackend.of(
                        config.compute().backend(), config.compute().fallback());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("vaultrisk.compute.backend: " + e.getMessage(), e);
            }
            compute = c;
        }
        return c;
    }
}
