package io.vaultrisk.service.error;

/**
 * An error the client can act on, rendered as RFC 9457 problem+json. {@code field} names the offending request field
 * (JSON pointer-like dotted path) or resource, when there is one.
 */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String title;
    private final String field;
    private final Integer retryAfterSeconds;

    public ProblemException(int status, String title, String detail, String field) {
        super(detail);
        this.status = status;
        this.title = title;
        this.field = field;
        this.retryAfterSeconds = null;
    }

    private ProblemException(int status, String title, String detail, String field, int retryAfterSeconds) {
        super(detail);
        this.status = status;
        this.title = title;
        this.field = field;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 429 with a Retry-After header: a bounded queue or a rate limit is full. */
    public static ProblemException tooManyRequests(String detail, int retryAfterSeconds) {
        return new ProblemException(429, "Too many requests", detail, null, retryAfterSeconds);
    }

    /** Seconds for the Retry-After header, or null. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public static ProblemException badRequest(String field, String detail) {
        return new ProblemException(400, "Invalid request", detail, field);
    }

    public static ProblemException notFound(String resource, String detail) {
        return new ProblemException(404, "Not found", detail, resource);
    }

    public static ProblemException conflict(String field, String detail) {
        return new ProblemException(409, "Conflict", detail, field);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String field() {
        return field;
    }
}
