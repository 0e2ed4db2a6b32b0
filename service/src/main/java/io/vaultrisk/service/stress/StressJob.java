package io.vaultrisk.service.stress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vaultrisk.service.config.ServiceConfig;
import io.vaultrisk.service.error.ProblemException;
import io.vaultrisk.service.job.JobContext;
import io.vaultrisk.service.job.JobHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.file.Path;

/** One stress report: request {"vault":…, "book":{…}, "trigger":"nightly"|"manual"}. */
@ApplicationScoped
public class StressJob implements JobHandler {
    public static final String KIND = "stress";

    @Inject
    ObjectMapper json;

    @Inject
    ServiceConfig config;

    @Inject
    Instance<StressAdapter> engine;

    @Override
    public String kind() {
        return KIND;
    }

    public StressAdapter engine() {
        if (!engine.isResolvable()) {
            throw ProblemException.notAvailable("Stress reports (montecarlo stress engine)");
        }
        return engine.get();
    }

    public Path reportDir(String jobId) {
        return config.dataDir().resolve("reports").resolve(jobId);
    }

    @Override
    public JsonNode run(JsonNode request, JobContext context) throws Exception {
        return engine().run(request.get("book"), config.stress().paths(), reportDir(context.jobId()), context);
    }
}
