package io.vaultrisk.montecarlo.book;

/**
 * A book that cannot be used, with the position (when there is one) and the field that is wrong. An
 * IllegalArgumentException, so the CLI answers it with exit 2 and one line, and the service with a 400.
 */
public final class BookFormatException extends IllegalArgumentException {
    private final String positionId;
    private final String field;

    public BookFormatException(String positionId, String field, String message) {
        super((positionId == null ? "" : "position '" + positionId + "': ") + "field '" + field + "': " + message);
        this.positionId = positionId;
        this.field = field;
    }

    /** The id of the offending position, or null when the problem is outside the positions. */
    public String positionId() {
        return positionId;
    }

    public String field() {
        return field;
    }
}
