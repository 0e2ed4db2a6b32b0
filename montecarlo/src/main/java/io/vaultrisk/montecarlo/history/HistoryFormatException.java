package io.vaultrisk.montecarlo.history;

/**
 * A price history that cannot be used, naming the line of the file (1 = the header; 0 when the problem is not on one
 * line) and the column or field ({@code "date"}, {@code "BTC"}, {@code "BTC_high"}, {@code "asOf"}). Front ends map
 * it to their own vocabulary (the CLI: {@code --history}, exit 2, one line).
 */
public final class HistoryFormatException extends IllegalArgumentException {
    private final int line;
    private final String field;
    private final String reason;

    public HistoryFormatException(int line, String field, String reason) {
        super((line > 0 ? "line " + line + ": " : "") + field + ": " + reason);
        this.line = line;
        this.field = field;
        this.reason = reason;
    }

    public int line() {
        return line;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
