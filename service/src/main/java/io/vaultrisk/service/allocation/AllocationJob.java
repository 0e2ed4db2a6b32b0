package io.vaultrisk.service.allocation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vaultrisk.allocator.AllocationReplay;
import io.vaultrisk.protocol.BasisPoints;
import io.vaultrisk.protocol.SignedAllocation;
import io.vaultrisk.service.error.ProblemException;
import io.vaultrisk.service.job.JobContext;
import io.vaultrisk.service.job.JobHandler;
import io.vaultrisk.service.job.JobQueue;
import io.vaultrisk.service.signing.ReferencePrices;
import io.vaultrisk.service.support.BookField;
import io.vaultrisk.service.vault.Vault;
import io.vaultrisk.service.vault.Vaults;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/** Computes (or takes) the weights, then signs and publishes the allocation: the job behind POST /allocations. */
@ApplicationScoped
public class AllocationJob implements JobHandler {
    public static final String KIND = "allocation";

    @Inject
    ObjectMapper json;

    @Inject
    Vaults vaults;

    @Inject
    Allocations allocations;

    @Inject
    AllocationOptimizer optimizer;

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public JobQueue queue() {
        return JobQueue.PUBLISH;
    }

    /** Everything checkable before queuing, so that a bad request is a 400 and not a failed job. */
    public Vault validate(AllocationRequest r) {
        if (r == null) {
            throw ProblemException.badRequest(null, "request body is required");
        }
        if (r.vault() == null) {
            throw ProblemException.badRequest("vault", "vault (the vault's address) is required");
        }
        Vault vault = vaults.require("vault", r.vault());
        List<String> given = new ArrayList<>();
        if (r.weights() != null) {
            given.add("weights");
        }
        if (r.weightsBps() != null) {
            given.add("weightsBps");
        }
        if (r.scenarios() != null) {
            given.add("scenarios");
        }
        if (r.book() != null) {
            given.add("book");
        }
        if (given.size() != 1) {
            // two given: the second is the one too many (weightsBps with a stray book names book, not weights)
            throw ProblemException.badRequest(
                    given.size() > 1 ? given.get(1) : "weights",
                    "give exactly one of weights, weightsBps, scenarios or book");
        }
        int n = vault.strategies().size();
        if (r.acceptSuboptimal() != null && !r.optimised()) {
            throw ProblemException.badRequest(
                    "acceptSuboptimal", "acceptSuboptimal applies to optimised weights (scenarios or book) only");
        }
        if (r.weights() != null) {
            if (r.weights().size() != n) {
                throw ProblemException.badRequest(
                        "weights",
                        "weights must hold one fraction per strategy (" + n + "), got "
                                + r.weights().size());
            }
            withinCaps("weights", BasisPoints.fromWeights("weights", toArray(r.weights())), vault);
        } else if (r.weightsBps() != null) {
            withinCaps("weightsBps", BasisPoints.validate("weightsBps", r.weightsBps(), n), vault);
        } else {
            if (r.objective() == null || r.objective().isBlank()) {
                throw ProblemException.badRequest("objective", "objective is required when weights are optimised");
            }
            if (r.scenarios() != null) {
                if (r.scenarios().isEmpty()) {
                    throw ProblemException.badRequest("scenarios", "scenarios must hold at least one row");
                }
                for (int i = 0; i < r.scenarios().size(); i++) {
                    List<Double> row = r.scenarios().get(i);
                    if (row == null || row.size() != n) {
                        throw ProblemException.badRequest(
                                "scenarios[" + i + "]",
                                "each scenario row must hold one " + "return per strategy (" + n + "), got "
                                        + (row == null ? 0 : row.size()));
                    }
                    for (int j = 0; j < n; j++) {
                        if (row.get(j) == null || !Double.isFinite(row.get(j))) {
                            throw ProblemException.badRequest(
                                    "scenarios[" + i + "][" + j + "]", "scenario returns must be finite numbers");
                        }
                    }
                }
            }
            optimizer.validate(r, vault);
        }
        return vault;
    }

    @Override
    public JsonNode run(JsonNode request, JobContext context) throws Exception {
        AllocationRequest r = json.treeToValue(request, AllocationRequest.class);
        Vault vault = vaults.require("vault", r.vault());
        ObjectNode result = json.createObjectNode();
        AllocationOptimizer.Reference reference = optimizer.reference(vault);
        double[] current = reference.weights();
        List<Integer> bps;
        double[] optimised = null;
        if (r.weightsBps() != null) {
            bps = r.weightsBps();
        } else if (r.weights() != null) {
            bps = BasisPoints.fromWeights("weights", toArray(r.weights()));
        } else {
            AllocationOptimizer.Result optimal = optimizer.allocate(request, vault, reference, context);
            optimised = optimal.weights();
            // rounded within the bounds the weights were solved under: a cap holds after rounding too
            bps = BasisPoints.fromWeights("weights", optimised, optimal.lowerBps(), optimal.upperBps());
            result.set("optimizer", optimal.report());
        }
        context.progress(0.95);
        // a book's allocation is signed with the book's spots (the market it was computed on); given weights and
        // scenarios carry no prices, so the vault has none to check
        SignedAllocation signed = allocations
                .publish(
                        vault,
                        bps,
                        context.jobId(),
                        new Allocations.ReceiptInputs(inputs(request, vault, current), optimised),
                        false,
                        Allocations.SCHEDULED,
                        r.book() != null && r.weights() == null && r.weightsBps() == null
                                ? ReferencePrices.fromBook(
                                        vault.strategies(),
                                        BookField.read(r.book()).market())
                                : ReferencePrices.NONE)
                .allocation();
        result.set("allocation", json.valueToTree(signed));
        return result;
    }

    /**
     * What the allocation is computed from, as its receipt stores it: the request as queued (objective, parameters,
     * constraints, and scenarios, a book with its market data and the seed and paths in parameters, or given weights),
     * the vault's chain, strategies and caps, the weights turnover was measured from, and the code's version.
     */
    private ObjectNode inputs(JsonNode request, Vault vault, double[] current) {
        ObjectNode in = json.createObjectNode();
        in.put("codeVersion", AllocationReplay.CODE_VERSION);
        in.put("vault", vault.address());
        in.put("chainId", vault.chainId());
        in.set("strategies", json.valueToTree(vault.strategies()));
        in.set("currentWeights", json.valueToTree(current));
        in.set("capsBps", json.valueToTree(vault.capsOrFull()));
        in.set("request", request);
        return in;
    }

    /** Given weights over a sleeve's on-chain cap would revert in the contract: a 400 here instead. */
    private static void withinCaps(String field, List<Integer> bps, Vault vault) {
        int[] caps = vault.capsOrFull();
        for (int i = 0; i < caps.length; i++) {
            if (bps.get(i) > caps[i]) {
                throw ProblemException.badRequest(
                        field + "[" + i + "]",
                        field + "[" + i + "] is " + bps.get(i) + " bps, above the cap of sleeve '"
                                + vault.strategies().get(i) + "' (" + caps[i] + " bps)");
            }
        }
    }

    private static double[] toArray(List<Double> list) {
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (list.get(i) == null) {
                throw ProblemException.badRequest("weights[" + i + "]", "weights must be numbers");
            }
            out[i] = list.get(i);
        }
        return out;
    }
}
