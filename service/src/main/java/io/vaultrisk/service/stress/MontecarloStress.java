package io.vaultrisk.service.stress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.BookReader;
import io.vaultrisk.montecarlo.risk.RiskSettings;
import io.vaultrisk.montecarlo.stress.ScenarioLibrary;
import io.vaultrisk.montecarlo.stress.StressEngine;
import io.vaultrisk.montecarlo.stress.StressHtml;
import io.vaultrisk.montecarlo.stress.StressReport;
import io.vaultrisk.montecarlo.stress.StressReportJson;
import io.vaultrisk.service.error.ProblemException;
import io.vaultrisk.service.job.JobContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link StressAdapter} on the montecarlo module, as {@code vaultrisk stress}: spot × vol risk matrix, the bundled
 * historical crash replays and the simulated P&amp;L (1 and 7 days, 95 % and 99 %); writes stress.json and stress.html.
 */
@ApplicationScoped
public class MontecarloStress implements StressAdapter {
    @Inject
    ObjectMapper json;

    private static Book book(JsonNode tree) {
        try {
            return BookReader.DEFAULT.fromTree(tree);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("book", "book: " + e.getMessage());
        }
    }

    @Override
    public void validate(JsonNode book) {
        book(book);
    }

    @Override
    public JsonNode run(JsonNode bookTree, int paths, Path outDir, JobContext context) throws Exception {
        Book book = book(bookTree);
        RiskSettings settings = new RiskSettings(paths, 1, new int[] {1, 7}, new double[] {0.95, 0.99}, 24, 0, false);
        AtomicLong done = new AtomicLong();
        StressReport report = StressEngine.DEFAULT.run(book, ScenarioLibrary.historical(), settings, n -> {
            context.simulatedPaths(n);
            context.progress(Math.min(0.95, (double) done.addAndGet(n) / paths));
        });
        JsonNode out = StressReportJson.toJson(report);
        Files.createDirectories(outDir);
        Files.writeString(outDir.resolve("stress.json"), json.writeValueAsString(out));
        Files.writeString(outDir.resolve(htmlReport()), StressHtml.render(report));
        return out;
    }

    @Override
    public String htmlReport() {
        return "stress.html";
    }
}
