package io.vaultrisk.service.job;

import io.vaultrisk.service.error.ProblemException;

/**
 * The {@code Idempotency-Key} of a job submission and the API key that sent it: a retry with the same pair gets the
 * job the first request queued, never a second one.
 */
public record Idempotency(String owner, String key) {
    public static final String HEADER = "Idempotency-Key";

    /** The header's value checked (1..200 visible ASCII characters), or null when the client sent none. */
    public static Idempotency of(String owner, String header) {
        if (header == null) {
            return null;
        }
        if (header.isEmpty() || header.length() > 200 || !header.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw ProblemException.badRequest(HEADER, HEADER + " must be 1..200 visible ASCII characters");
        }
        return new Idempotency(owner, header);
    }
}
