package io.vaultrisk.executor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.web3j.protocol.exceptions.ClientConnectionException;

/**
 * Retries a network call with exponential backoff. Only transport failures are retried (connection refused or reset,
 * timeouts, 5xx from the service); answers that will not change on retry (4xx, reverts, bad signatures) are not.
 */
final class Backoff {

    /** A call that may fail with a transport error. */
    interface NetworkCall<T> {
        T call() throws IOException;
    }

    private final int maxAttempts;
    private final Duration initial;
    private int retries;

    Backoff(int maxAttempts, Duration initial) {
        this.maxAttempts = maxAttempts;
        this.initial = initial;
    }

    <T> T call(String what, NetworkCall<T> call) throws IOException {
        long delay = initial.toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                return call.call();
            } catch (IOException | UncheckedIOException | ClientConnectionException e) {
                if (attempt >= maxAttempts) {
                    throw new UnavailableException(what + " failed after " + attempt + " attempts: " + reason(e), e);
                }
            }
            retries++;
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(what + " interrupted", e);
            }
            delay = Math.min(delay * 2, 30_000);
        }
    }

    /**
     * A cause in words: many transport exceptions (a refused connection among them) carry no message, and "null" says
     * nothing about what is down.
     */
    static String reason(Throwable e) {
        Throwable t = e;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        String name = e.getClass().getSimpleName();
        return t.getMessage() == null ? name : name + ": " + t.getMessage();
    }

    /** Retries made so far (attempts beyond the first of each call). */
    int retries() {
        return retries;
    }
}
