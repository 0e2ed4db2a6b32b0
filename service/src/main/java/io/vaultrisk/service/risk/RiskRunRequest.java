package io.vaultrisk.service.risk;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.vaultrisk.service.error.ProblemException;
import java.util.List;

/** {@code POST /risk-runs}: a book (the CLI's book JSON) and the run's parameters, defaults as in the CLI. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RiskRunRequest(JsonNode book, List<Integer> horizonDays, List<Double> confidence, Long paths, Long seed,
                             Integer stepsPerDay, Boolean repairCorrelation) {
    public static final long MAX_PATHS = 10_000_000L;

    /** Fills the defaults and checks the parameters (the book itself is checked by the risk engine). */
    public RiskRunRequest normalised() {
        if (book == null || !book.isObject()) {
            throw ProblemException.badRequest("book", "book is required and must be a JSON object");
        }
        List<Integer> h = horizonDays == null ? List.of(1) : horizonDays;
        if (h.isEmpty() || h.size() > 10) {
            throw ProblemException.badRequest("horizonDays", "horizonDays must list 1..10 horizons");
        }
        for (int i = 0; i < h.size(); i++) {
            if (h.get(i) == null || h.get(i) < 1 || h.get(i) > 3650) {
                throw ProblemException.badRequest("horizonDays[" + i + "]", "horizons must be 1..3650 days, got " + h.get(i));
            }
        }
        List<Double> c = confidence == null ? List.of(0.95, 0.99) : confidence;
        if (c.isEmpty() || c.size() > 10) {
            throw ProblemException.badRequest("confidence", "confidence must list 1..10 levels");
        }
        for (int i = 0; i < c.size(); i++) {
            if (c.get(i) == null || !(c.get(i) > 0.5 && c.get(i) < 1)) {
                throw ProblemException.badRequest("confidence[" + i + "]", "confidence levels must be in (0.5, 1), got "
                        + c.get(i));
            }
        }
        long p = paths == null ? 100_000L : paths;
        if (p < 100 || p > MAX_PATHS) {
            throw ProblemException.badRequest("paths", "paths must be in 100.." + MAX_PATHS + ", got " + p);
        }
        int steps = stepsPerDay == null ? 24 : stepsPerDay;
        if (steps < 1 || steps > 1440) {
            throw ProblemException.badRequest("stepsPerDay", "stepsPerDay must be in 1..1440, got " + steps);
        }
        return new RiskRunRequest(book, List.copyOf(h), List.copyOf(c), p, seed == null ? 1L : seed, steps,
                repairCorrelation != null && repairCorrelation);
    }
}
