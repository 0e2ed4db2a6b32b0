package io.vaultrisk.service.risk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vaultrisk.service.error.ProblemException;
import io.vaultrisk.service.job.JobContext;
import io.vaultrisk.service.job.JobHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

@ApplicationScoped
public class RiskRunJob implements JobHandler {
    public static final String KIND = "risk-run";

    @Inject
    ObjectMapper json;

    @Inject
    Instance<RiskEngineAdapter> engine;

    @Override
    public String kind() {
        return KIND;
    }

    public RiskEngineAdapter engine() {
        if (!engine.isResolvable()) {
            throw ProblemException.notAvailable("Risk runs (montecarlo risk engine)");
        }
        return engine.get();
    }

    @Override
    public JsonNode run(JsonNode request, JobContext context) throws Exception {
        return engine().run(json.treeToValue(request, RiskRunRequest.class), context);
    }
}
