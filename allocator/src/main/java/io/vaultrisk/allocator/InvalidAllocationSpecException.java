package io.vaultrisk.allocator;

/**
 * An allocation request parameter out of its limits, naming it neutrally ({@code "beta"}, {@code "paths"}, ...). Each
 * front end maps the name to its own (a CLI flag, a JSON field); the message never has to be parsed for it. An
 * IllegalArgumentException, so a caller that does not map it still reports a bad input.
 */
public final class InvalidAllocationSpecException extends IllegalArgumentException {
    private final String field;
    private final String reason;

    public InvalidAllocationSpecException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    /** The parameter that is out of its limits, as named by {@link ObjectiveSpec} or {@code ScenarioSimulation}. */
    public String field() {
        return field;
    }

    /** What is wrong, without the field name (the caller prefixes its own name for the field). */
    public String reason() {
        return reason;
    }
}
