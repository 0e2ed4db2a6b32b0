package io.vaultrisk.service.risk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.risk.CorrelationNotPsdException;
import io.vaultrisk.montecarlo.risk.InvalidSettingException;
import io.vaultrisk.montecarlo.risk.RiskEngine;
import io.vaultrisk.montecarlo.risk.RiskReport;
import io.vaultrisk.montecarlo.risk.RiskReportJson;
import io.vaultrisk.montecarlo.risk.RiskSettings;
import io.vaultrisk.service.config.JobBackend;
import io.vaultrisk.service.error.ProblemException;
import io.vaultrisk.service.job.JobContext;
import io.vaultrisk.service.job.JobHandler;
import io.vaultrisk.service.support.BookField;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicLong;

/** One risk run on the montecarlo module: the same book reader, engine and JSON as {@code vaultrisk risk}. */
@ApplicationScoped
public class RiskRunJob implements JobHandler {
    public static final String KIND = "risk-run";

    @Inject
    ObjectMapper json;

    @Inject
    JobBackend backend;

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public JsonNode run(JsonNode requestTree, JobContext context) throws Exception {
        RiskRunRequest request = json.treeToValue(requestTree, RiskRunRequest.class);
        Book book = BookField.read(request.book());
        RiskSettings settings = request.settings();
        AtomicLong done = new AtomicLong();
        long total = settings.paths();
        RiskReport report;
        try {
            report = RiskEngine.on(backend.get()).run(book, settings, n -> {
                context.simulatedPaths(n);
                context.progress(Math.min(0.99, (double) done.addAndGet(n) / total));
            });
        } catch (CorrelationNotPsdException e) {
            throw ProblemException.badRequest(
                    "book", e.withRemedy("set " + RiskRunRequest.field(e.setting()) + ": true"));
        } catch (InvalidSettingException e) {
            // a setting only the book can check (the coin of "currency")
            String field = RiskRunRequest.field(e.field());
            throw ProblemException.badRequest(field, field + ": " + e.reason());
        } catch (IllegalArgumentException e) {
            // problems only visible once the book meets the settings (funding intervals)
            throw ProblemException.badRequest("book", e.getMessage());
        }
        return RiskReportJson.toJson(report);
    }
}
