package io.vaultrisk.service.risk;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.vaultrisk.montecarlo.risk.InvalidSettingException;
import io.vaultrisk.montecarlo.risk.LiquidationMonitoring;
import io.vaultrisk.montecarlo.risk.MarginMethod;
import io.vaultrisk.montecarlo.risk.ReportingCurrency;
import io.vaultrisk.montecarlo.risk.RiskSettings;
import io.vaultrisk.service.error.ProblemException;
import java.util.List;

/**
 * {@code POST /risk-runs}: a book (the CLI's book JSON) and the run's parameters. The limits are those of
 * {@link RiskSettings}, the one spec of a run; this record only fills the defaults and names JSON fields.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RiskRunRequest(
        JsonNode book,
        List<Integer> horizonDays,
        List<Double> confidence,
        Long paths,
        Long seed,
        Integer stepsPerDay,
        Boolean repairCorrelation,
        String liquidationMonitoring,
        String currency,
        String margin,
        Integer marginPeriodDays,
        Double marginConfidence) {

    /** Fills the defaults and checks the parameters (the book itself is checked by the risk engine's reader). */
    public RiskRunRequest normalised() {
        if (book == null || !book.isObject()) {
            throw ProblemException.badRequest("book", "book is required and must be a JSON object");
        }
        RiskRunRequest filled = new RiskRunRequest(
                book,
                noNulls("horizonDays", horizonDays == null ? List.of(1) : horizonDays),
                noNulls("confidence", confidence == null ? List.of(0.95, 0.99) : confidence),
                paths == null ? RiskSettings.DEFAULT_PATHS : paths,
                seed == null ? RiskSettings.DEFAULT_SEED : seed,
                stepsPerDay == null ? RiskSettings.DEFAULT_STEPS_PER_DAY : stepsPerDay,
                repairCorrelation != null && repairCorrelation,
                liquidationMonitoring == null ? "steps" : liquidationMonitoring,
                currency == null ? "quote" : currency,
                margin == null ? "legacy" : margin,
                marginPeriodDays == null ? MarginMethod.DEFAULT_PERIOD_DAYS : marginPeriodDays,
                marginConfidence == null ? MarginMethod.DEFAULT_CONFIDENCE : marginConfidence);
        filled.settings();
        return filled;
    }

    /** The run's settings; a 400 naming the JSON field whose value is out of the engine's limits. */
    public RiskSettings settings() {
        if (!"legacy".equals(margin) && !"calibrated".equals(margin)) {
            throw ProblemException.badRequest(
                    "margin", "margin: must be 'legacy' or 'calibrated', got '" + margin + "'");
        }
        try {
            MarginMethod method = "calibrated".equals(margin)
                    ? MarginMethod.calibrated(marginPeriodDays, marginConfidence)
                    : MarginMethod.LEGACY;
            return new RiskSettings(
                    paths,
                    seed,
                    horizonDays.stream().mapToInt(Integer::intValue).toArray(),
                    confidence.stream().mapToDouble(Double::doubleValue).toArray(),
                    stepsPerDay,
                    0,
                    repairCorrelation,
                    LiquidationMonitoring.parse(liquidationMonitoring),
                    ReportingCurrency.parse(currency),
                    method);
        } catch (InvalidSettingException e) {
            String field = field(e.field()) + (e.index() < 0 ? "" : "[" + e.index() + "]");
            throw ProblemException.badRequest(field, field + ": " + e.reason());
        }
    }

    /** The JSON field of this request that sets a {@link RiskSettings} component. */
    static String field(String setting) {
        return switch (setting) {
            case "confidences" -> "confidence";
            case "paths",
                    "seed",
                    "horizonDays",
                    "stepsPerDay",
                    "repairCorrelation",
                    "liquidationMonitoring",
                    "currency",
                    "margin",
                    "marginPeriodDays",
                    "marginConfidence" -> setting;
            default -> throw new IllegalArgumentException("no request field sets risk setting '" + setting + "'");
        };
    }

    private static <T> List<T> noNulls(String field, List<T> values) {
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw ProblemException.badRequest(field + "[" + i + "]", field + "[" + i + "]: must be a number");
            }
        }
        return List.copyOf(values);
    }
}
