package io.vaultrisk.service.risk;

import com.fasterxml.jackson.databind.JsonNode;
import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.BookReader;
import io.vaultrisk.montecarlo.risk.RiskEngine;
import io.vaultrisk.montecarlo.risk.RiskReport;
import io.vaultrisk.montecarlo.risk.RiskReportJson;
import io.vaultrisk.montecarlo.risk.RiskSettings;
import io.vaultrisk.service.error.ProblemException;
import io.vaultrisk.service.job.JobContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;

/** {@link RiskEngineAdapter} on the montecarlo module: the same book reader, engine and JSON as {@code vaultrisk risk}. */
@ApplicationScoped
public class MontecarloRiskEngine implements RiskEngineAdapter {

    static Book book(JsonNode tree) {
        try {
            return BookReader.DEFAULT.fromTree(tree);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("book", "book: " + e.getMessage());
        }
    }

    static RiskSettings settings(RiskRunRequest r) {
        try {
            return new RiskSettings(r.paths(), r.seed(), r.horizonDays().stream().mapToInt(Integer::intValue).toArray(),
                    r.confidence().stream().mapToDouble(Double::doubleValue).toArray(), r.stepsPerDay(), 0,
                    r.repairCorrelation());
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            int colon = m.indexOf(": ");
            String field = colon > 0 && !m.substring(0, colon).contains(" ") ? m.substring(0, colon) : null;
            throw ProblemException.badRequest(field, m);
        }
    }

    @Override
    public void validate(RiskRunRequest request) {
        book(request.book());
        settings(request);
    }

    @Override
    public JsonNode run(RiskRunRequest request, JobContext context) {
        Book book = book(request.book());
        RiskSettings settings = settings(request);
        AtomicLong done = new AtomicLong();
        long total = settings.paths();
        RiskReport report;
        try {
            report = RiskEngine.DEFAULT.run(book, settings, n -> {
                context.simulatedPaths(n);
                context.progress(Math.min(0.99, (double) done.addAndGet(n) / total));
            });
        } catch (IllegalArgumentException e) {
            // problems only visible once the book meets the settings (correlations, funding intervals)
            throw ProblemException.badRequest("book", e.getMessage());
        }
        return RiskReportJson.toJson(report);
    }
}
