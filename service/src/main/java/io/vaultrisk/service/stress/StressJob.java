package io.vaultrisk.service.stress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.risk.RiskSettings;
import io.vaultrisk.montecarlo.stress.ScenarioLibrary;
import io.vaultrisk.montecarlo.stress.StressEngine;
import io.vaultrisk.montecarlo.stress.StressHtml;
import io.vaultrisk.montecarlo.stress.StressReport;
import io.vaultrisk.montecarlo.stress.StressReportJson;
import io.vaultrisk.service.config.JobBackend;
import io.vaultrisk.service.config.ServiceConfig;
import io.vaultrisk.service.job.JobContext;
import io.vaultrisk.service.job.JobHandler;
import io.vaultrisk.service.support.BookField;
import io.vaultrisk.service.vault.Vault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One stress report: request {"vault":…, "book":{…}, "trigger":"nightly"|"manual"}. As {@code vaultrisk stress}:
 * spot × vol risk matrix, the bundled historical crash replays and the simulated P&amp;L (1 and 7 days, 95 % and
 * 99 %); writes stress.json and {@link #HTML_REPORT} into the job's report directory.
 */
@ApplicationScoped
public class StressJob implements JobHandler {
    public static final String KIND = "stress";
    /** File name of the HTML report inside {@link #reportDir}. */
    public static final String HTML_REPORT = "stress.html";

    @Inject
    ObjectMapper json;

    @Inject
    ServiceConfig config;

    @Inject
    JobBackend backend;

    @Override
    public String kind() {
        return KIND;
    }

    /** The request that stresses vault {@code v}'s registered book, queued by {@code trigger}. */
    public ObjectNode request(Vault v, String trigger) {
        return json.createObjectNode()
                .put("vault", v.address())
                .put("trigger", trigger)
                .set("book", v.book());
    }

    public Path reportDir(String jobId) {
        return config.dataDir().resolve("reports").resolve(jobId);
    }

    @Override
    public JsonNode run(JsonNode request, JobContext context) throws Exception {
        Book book = BookField.read(request.get("book"));
        int paths = config.stress().paths();
        RiskSettings settings = RiskSettings.of(paths, 1, new int[] {1, 7}, new double[] {0.95, 0.99});
        AtomicLong done = new AtomicLong();
        StressReport report = StressEngine.on(backend.get()).run(book, ScenarioLibrary.historical(), settings, n -> {
            context.simulatedPaths(n);
            context.progress(Math.min(0.95, (double) done.addAndGet(n) / paths));
        });
        JsonNode out = StressReportJson.toJson(report);
        Path dir = reportDir(context.jobId());
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("stress.json"), json.writeValueAsString(out));
        Files.writeString(dir.resolve(HTML_REPORT), StressHtml.render(report));
        return out;
    }
}
