package io.vaultrisk.executor;

import java.io.IOException;

/**
 * The risk service or the RPC node did not answer after every retry: a condition that waiting may cure, so a polling
 * executor reports it in one line and tries again at the next interval instead of exiting.
 */
public final class UnavailableException extends IOException {

    private static final long serialVersionUID = 1L;

    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
