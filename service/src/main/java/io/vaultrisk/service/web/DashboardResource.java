package io.vaultrisk.service.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vaultrisk.protocol.SignedAllocation;
import io.vaultrisk.service.allocation.Allocations;
import io.vaultrisk.service.auth.RequiresRole;
import io.vaultrisk.service.auth.Role;
import io.vaultrisk.service.config.ServiceConfig;
import io.vaultrisk.service.job.Job;
import io.vaultrisk.service.job.JobRunner;
import io.vaultrisk.service.job.JobStatus;
import io.vaultrisk.service.limits.LimitStore;
import io.vaultrisk.service.protection.ProtectionDesk;
import io.vaultrisk.service.risk.RiskRunJob;
import io.vaultrisk.service.signing.Signer;
import io.vaultrisk.service.stress.StressJob;
import io.vaultrisk.service.surface.SurfaceResource;
import io.vaultrisk.service.vault.ExecutorEvents;
import io.vaultrisk.service.vault.Vault;
import io.vaultrisk.service.vault.Vaults;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What the dashboard at / draws, in one request: latest runs, stress reports, smiles, allocation history. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "dashboard")
public class DashboardResource {
    @Inject
    JobRunner jobs;

    @Inject
    Vaults vaults;

    @Inject
    Allocations allocations;

    @Inject
    SurfaceResource surfaces;

    @Inject
    Signer signer;

    @Inject
    ServiceConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    LimitStore limits;

    @Inject
    ExecutorEvents executorEvents;

    @Inject
    ProtectionDesk protection;

    @GET
    @Path("/signer")
    @Operation(summary = "The address allocations are signed with, and the default chain id (public)")
    public JsonNode signer() {
        return json.createObjectNode()
                .put("address", signer.address())
                .put("chainId", config.signer().chainId());
    }

    @GET
    @Path("/dashboard")
    @RequiresRole({Role.RISK, Role.VIEWER})
    @Operation(summary = "Data behind the dashboard: latest risk runs and stress reports, smiles, allocation history")
    public JsonNode dashboard() {
        ObjectNode out = json.createObjectNode();
        out.set("riskRuns", finished(jobs.list(RiskRunJob.KIND, 20), 5));
        out.set("stressReports", finished(jobs.list(StressJob.KIND, 20), 3));
        JsonNode surface;
        try {
            surface = surfaces.latest();
        } catch (RuntimeException e) {
            surface = null;
        }
        out.set("surface", surface);
        ArrayNode vaultsOut = out.putArray("vaults");
        for (Vault v : vaults.all()) {
            ObjectNode vo = vaultsOut.addObject().put("address", v.address()).put("chainId", v.chainId());
            vo.set("strategies", json.valueToTree(v.strategies()));
            List<Allocations.Published> history = allocations.history(v, 200);
            ArrayNode h = vo.putArray("allocations");
            for (int i = history.size() - 1; i >= 0; i--) {
                SignedAllocation a = history.get(i).allocation();
                h.addObject()
                        .put("nonce", a.nonce())
                        .put("createdAt", a.createdAt().toString())
                        .put("urgent", history.get(i).urgent())
                        .put("trigger", history.get(i).trigger())
                        .set("weightsBps", json.valueToTree(a.weightsBps()));
            }
            limits.get(v).ifPresent(l -> vo.set("limits", json.valueToTree(l)));
            // the loop's timeline: breached evaluations and executors' refusals, newest first
            ArrayNode timeline = vo.putArray("timeline");
            for (LimitStore.Stored e : limits.list(v, 50)) {
                if (e.breached()) {
                    ObjectNode t = timeline.addObject()
                            .put("at", e.createdAt())
                            .put("kind", "breach")
                            .put("evaluation", e.id());
                    t.set("breaches", e.result().path("current").path("breaches"));
                    if (e.nonce() != null) {
                        t.put("nonce", e.nonce());
                    }
                }
            }
            for (ExecutorEvents.Event e : executorEvents.list(v, "refused", 50)) {
                timeline.addObject()
                        .put("at", e.createdAt())
                        .put("kind", "refused")
                        .put("nonce", e.nonce())
                        .put("reason", e.reason());
            }
            for (ProtectionDesk.SignedOrder o : protection.list(v, 20)) {
                timeline.addObject()
                        .put("at", o.createdAt())
                        .put("kind", "put order")
                        .put("nonce", o.allocationNonce())
                        .put(
                                "reason",
                                String.format(
                                        java.util.Locale.ROOT,
                                        "order %d signed: premium ≤ %s (service's Black–Scholes price %s at vol %.1f%%,"
                                                + " %s), strike %s, expiry %d, amount %s",
                                        o.nonce(),
                                        o.maxPremium(),
                                        o.servicePremium(),
                                        100 * o.vol(),
                                        o.volSource(),
                                        o.strike(),
                                        o.expiry(),
                                        o.amount()));
            }
        }
        return out;
    }

    private ArrayNode finished(List<Job> list, int max) {
        ArrayNode out = json.createArrayNode();
        for (Job j : list) {
            if (j.status() == JobStatus.SUCCEEDED && out.size() < max) {
                out.addObject()
                        .put("id", j.id())
                        .put("createdAt", j.createdAt().toString())
                        .set("result", j.result());
            }
        }
        return out;
    }
}
