package io.vaultrisk.protocol;

/**
 * Weights that cannot become an allocation, naming the offending field as the caller called it ({@code weights[2]},
 * {@code weightsBps}), so that a service can answer with the field instead of parsing the message.
 */
public class InvalidWeightsException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidWeightsException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
