package io.vaultrisk.montecarlo.backtest;

/**
 * A backtest setting out of its limits, naming the {@link BacktestSpec} component ({@code "confidence"},
 * {@code "volModel"}, {@code "asOf"}, ...); each front end maps it to its own name for the field.
 */
public final class InvalidBacktestException extends IllegalArgumentException {
    private final String field;
    private final String reason;

    public InvalidBacktestException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
