package io.vaultrisk.montecarlo.risk;

/**
 * The book's correlation matrix is not positive semi-definite and repair was not asked for. The remedy is a setting
 * ({@link #setting()}, the {@link RiskSettings} component) whose name each front end spells its own way, so the
 * message is built by {@link #withRemedy(String)} rather than recovered from text.
 */
public final class CorrelationNotPsdException extends IllegalArgumentException {
    /** The book field that is wrong. */
    public static final String FIELD = "market.correlations";

    private final String problem;

    CorrelationNotPsdException(String problem) {
        super(FIELD + ": " + problem + "; fix the correlations or set repairCorrelation to use the nearest "
                + "correlation matrix");
        this.problem = problem;
    }

    /** The {@link RiskSettings} component that would let the run use the nearest correlation matrix instead. */
    public String setting() {
        return "repairCorrelation";
    }

    /** The message, naming the remedy as the caller's user knows it (e.g. {@code --repair-correlation}). */
    public String withRemedy(String remedy) {
        return FIELD + ": " + problem + "; fix the correlations or " + remedy
                + " to use the nearest correlation matrix";
    }
}
