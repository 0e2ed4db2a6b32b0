package io.vaultrisk.executor;

/** A failure that retrying will not fix: bad configuration, a refused API key, an unusable answer. */
public final class ExecutorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ExecutorException(String message) {
        super(message);
    }

    public ExecutorException(String message, Throwable cause) {
        super(message, cause);
    }
}
