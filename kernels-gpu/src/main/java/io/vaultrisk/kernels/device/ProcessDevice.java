package io.vaultrisk.kernels.device;

import io.vaultrisk.kernels.BackendException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one device of a compute API that this process runs on: opened on first use, and when it cannot be opened the
 * reason, kept, so that every later call answers the same without touching the driver again (a missing runtime
 * costs a native-library probe each time otherwise).
 *
 * @param <D> the API's device
 */
public final class ProcessDevice<D extends ComputeDevice> {
    private final Supplier<D> open;
    private final Class<? extends RuntimeException> apiError;
    private final Function<Throwable, String> noRuntime;
    private D instance;
    private String unavailableReason;

    /**
     * @param open opens the device; throws {@link BackendException} with the reason when there is none
     * @param apiError the exception the API's binding throws when a call fails (JOCL's, JCuda's)
     * @param noRuntime the reason to give when the binding or its native library cannot be loaded at all
     */
    public ProcessDevice(
            Supplier<D> open, Class<? extends RuntimeException> apiError, Function<Throwable, String> noRuntime) {
        this.open = open;
        this.apiError = apiError;
        this.noRuntime = noRuntime;
    }

    /** The process's device, opened on first use; throws {@link BackendException} when there is none. */
    public synchronized D get() {
        if (instance == null && unavailableReason == null) {
            try {
                instance = open.get();
            } catch (BackendException e) {
                unavailableReason = e.getMessage();
            } catch (RuntimeException | UnsatisfiedLinkError | NoClassDefFoundError e) {
                if (e instanceof RuntimeException && !isApiError(e)) {
                    throw e;
                }
                unavailableReason = noRuntime.apply(e);
            }
        }
        if (instance == null) {
            throw new BackendException(unavailableReason);
        }
        return instance;
    }

    /** Why there is no device, or null when there is one. */
    public synchronized String unavailableReason() {
        try {
            get();
            return null;
        } catch (BackendException e) {
            return e.getMessage();
        }
    }

    /** True when {@code e} is the API binding's own failure (a driver or runtime error, not a bug here). */
    public boolean isApiError(Throwable e) {
        return apiError.isInstance(e);
    }
}
