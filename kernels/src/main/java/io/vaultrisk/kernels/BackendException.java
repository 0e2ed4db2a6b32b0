package io.vaultrisk.kernels;

/** A device or runtime failure (no driver, build error, out of memory); callers may fall back to the CPU. */
public class BackendException extends RuntimeException {
    public BackendException(String message) {
        super(message);
    }

    public BackendException(String message, Throwable cause) {
        super(message, cause);
    }
}
