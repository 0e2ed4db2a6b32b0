package io.vaultrisk.montecarlo.risk;

/**
 * A risk setting out of its limits, naming the {@link RiskSettings} component ({@code "horizonDays"}, ...). Each front
 * end maps that name to its own (a CLI flag, a JSON field); the message never has to be parsed for it. An
 * IllegalArgumentException, so a caller that does not map it still reports a bad input.
 */
public final class InvalidSettingException extends IllegalArgumentException {
    private final String field;
    private final int index;
    private final String reason;

    public InvalidSettingException(String field, String reason) {
        this(field, -1, reason);
    }

    /** A bad element of a list setting, {@code index} counting from 0 in the order given. */
    public InvalidSettingException(String field, int index, String reason) {
        super(field + (index < 0 ? "" : "[" + index + "]") + ": " + reason);
        this.field = field;
        this.index = index;
        this.reason = reason;
    }

    /** The name of the {@link RiskSettings} component that is out of its limits. */
    public String field() {
        return field;
    }

    /** The position of the bad element in a list setting as given (before sorting), or -1 for the whole setting. */
    public int index() {
        return index;
    }

    /** What is wrong, without the field name (the caller prefixes its own name for the field). */
    public String reason() {
        return reason;
    }
}
