package io.vaultrisk.service.vault;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vaultrisk.allocator.limits.VaultLimits;
import io.vaultrisk.montecarlo.book.Underlying;
import io.vaultrisk.service.allocation.Allocations;
import io.vaultrisk.service.auth.CurrentKey;
import io.vaultrisk.service.auth.RequiresRole;
import io.vaultrisk.service.auth.Role;
import io.vaultrisk.service.config.ServiceConfig;
import io.vaultrisk.service.error.ProblemException;
import io.vaultrisk.service.limits.LimitMonitor;
import io.vaultrisk.service.limits.LimitStore;
import io.vaultrisk.service.limits.LimitsRequest;
import io.vaultrisk.service.protection.ProtectionDesk;
import io.vaultrisk.service.protection.ProtectionVenueSpec;
import io.vaultrisk.service.support.BookField;
import io.vaultrisk.service.support.Params;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.net.URI;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/vaults")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "vaults")
public class VaultResource {
    @Inject
    Vaults vaults;

    @Inject
    ServiceConfig config;

    @Inject
    Allocations allocations;

    @Inject
    AllocationStream stream;

    @Inject
    ExecutorEvents executorEvents;

    @Inject
    LimitStore limitStore;

    @Inject
    LimitMonitor monitor;

    @Inject
    CurrentKey key;

    @Inject
    Holdings holdings;

    @Inject
    ProtectionDesk protection;

    /** Executors poll; they must revalidate every time (the ETag makes that a 304 with no body). */
    static final String CACHE_CONTROL = "private, no-cache";

    /**
     * chainId defaults to the service's chain; strategies are the vault's sleeves in contract order; capsBps their
     * on-chain caps (optional); protection its options venue for protective puts on a breach (optional).
     */
    public record RegisterVault(
            String address,
            Long chainId,
            List<String> strategies,
            JsonNode book,
            List<Integer> capsBps,
            ProtectionVenueSpec protection) {}

    @POST
    @RequiresRole(Role.ADMIN)
    @Operation(
            summary =
                    "Register a vault: address, chain id, strategies in sleeve order, optional book for stress and on-chain caps (capsBps)")
    public Response register(RegisterVault body) {
        if (body == null) {
            throw ProblemException.badRequest(null, "request body is required: {\"address\":…,\"strategies\":[…]}");
        }
        Vault declared = Vault.of(
                body.address(),
                body.chainId() == null ? config.signer().chainId() : body.chainId(),
                body.strategies(),
                body.book(),
                body.capsBps());
        ProtectionVenueSpec venue =
                body.protection() == null ? null : ProtectionVenueSpec.of(body.protection(), declared);
        Vault vault = vaults.register(declared);
        if (venue != null) {
            protection.declare(vault, venue);
        }
        return Response.created(URI.create("/api/v1/vaults/" + vault.address()))
                .entity(vault)
                .build();
    }

    @GET
    @RequiresRole({Role.RISK, Role.EXECUTOR})
    @Operation(summary = "List registered vaults")
    public List<Vault> list() {
        return vaults.all();
    }

    @GET
    @Path("/{address}")
    @RequiresRole({Role.RISK, Role.EXECUTOR})
    @Operation(summary = "One registered vault")
    public Vault get(@PathParam("address") String address) {
        return vaults.require(address);
    }

    @GET
    @Path("/{address}/protection-venue")
    @RequiresRole({Role.RISK, Role.EXECUTOR})
    @Operation(summary = "The vault's options venue for protective puts, as its registration declared it")
    public ProtectionVenueSpec protectionVenue(@PathParam("address") String address) {
        Vault vault = vaults.require(address);
        return protection
                .venue(vault)
                .orElseThrow(() -> ProblemException.notFound(
                        "protection", "vault " + vault.address() + " has no protection venue"));
    }

    @GET
    @Path("/{address}/allocation/latest")
    @RequiresRole(Role.EXECUTOR)
    @Operation(summary = "The vault's latest signed allocation, with ETag (If-None-Match gives 304)")
    public Uni<Response> latest(
            @PathParam("address") String address, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        // Executors poll this constantly: answered on the I/O thread from memory when the vault and its latest
        // allocation are cached, on a worker thread when the database must be read first.
        Vault cached = vaults.cached(Vault.checksumAddress("address", address));
        if (cached != null) {
            Optional<Allocations.Latest> latest = allocations.cachedLatest(cached);
            if (latest != null) {
                return Uni.createFrom().item(render(cached, latest, ifNoneMatch));
            }
        }
        return Uni.createFrom()
                .item(() -> {
                    Vault vault = vaults.require(address);
                    return render(vault, allocations.latest(vault), ifNoneMatch);
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private static Response render(Vault vault, Optional<Allocations.Latest> found, String ifNoneMatch) {
        Allocations.Latest latest = found.orElseThrow(() -> ProblemException.notFound(
                "allocation", "vault " + vault.address() + " has no published allocation yet"));
        Date modified = Date.from(Instant.parse(latest.allocation().createdAt()));
        if (ifNoneMatch != null
                && (ifNoneMatch.contains(latest.etag()) || ifNoneMatch.trim().equals("*"))) {
            return Response.notModified()
                    .header(HttpHeaders.ETAG, latest.etag())
                    .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)
                    .lastModified(modified)
                    .build();
        }
        return Response.ok(latest.body(), MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.ETAG, latest.etag())
                .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)
                .lastModified(modified)
                .build();
    }

    @GET
    @Path("/{address}/allocations")
    @RequiresRole({Role.RISK, Role.EXECUTOR})
    @Operation(summary = "The vault's published allocations, newest first")
    public List<Allocations.Published> history(
            @PathParam("address") String address, @QueryParam("limit") String limitText) {
        int limit = Params.intIn("limit", limitText, 100, 1, 1000);
        return allocations.history(vaults.require(address), limit);
    }

    @GET
    @Path("/{address}/allocations/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RequiresRole(Role.EXECUTOR)
    @Operation(
            summary = "Server-sent events: on connect and on every publication, event 'allocation' with the body of "
                    + "…/allocation/latest (urgent, trigger included)")
    public void stream(@PathParam("address") String address, @Context SseEventSink sink, @Context Sse sse) {
        stream.subscribe(vaults.require(address), sink, sse);
    }

    @POST
    @Path("/{address}/executor-events")
    @RequiresRole(Role.EXECUTOR)
    @Operation(summary = "An executor reports an allocation executed on chain (tx, block, weights held) or refused")
    public Response executorEvent(@PathParam("address") String address, ExecutorEvents.Report body) {
        Vault vault = vaults.require(address);
        ExecutorEvents.Event e = executorEvents.record(vault, body, key.id());
        if ("executed".equals(e.kind()) && e.weightsBps() != null && e.block() != null) {
            // what an executed rebalance left in the vault is its holdings: the next allocation's turnover reference
            try {
                holdings.report(vault, e.weightsBps(), e.block());
            } catch (ProblemException olderBlock) {
                // a newer holdings report is already stored; the event itself is kept either way
            }
        }
        return Response.created(URI.create("/api/v1/vaults/" + vault.address() + "/executor-events/" + e.id()))
                .entity(e)
                .build();
    }

    @GET
    @Path("/{address}/executor-events")
    @RequiresRole({Role.RISK, Role.EXECUTOR})
    @Operation(summary = "What executors reported, newest first; ?kind=refused for refusals only")
    public List<ExecutorEvents.Event> executorEvents(
            @PathParam("address") String address,
            @QueryParam("kind") String kind,
            @QueryParam("limit") String limitText) {
        int limit = Params.intIn("limit", limitText, 100, 1, 1000);
        if (kind != null && !kind.equals("executed") && !kind.equals("refused")) {
            throw ProblemException.badRequest("kind", "kind must be executed or refused");
        }
        return executorEvents.list(vaults.require(address), kind, limit);
    }

    @PUT
    @Path("/{address}/limits")
    @RequiresRole(Role.RISK)
    @Operation(
            summary = "Set the vault's limits (fractions of its value): VaR/ES at a confidence and horizon, delta per "
                    + "underlying, drawdown, and of its book: vega per underlying, liquidation probability of each perpetual, margin "
                    + "use; the monitor evaluates them at once and then on its schedule and on moves")
    public LimitsRequest putLimits(@PathParam("address") String address, LimitsRequest body) {
        Vault vault = vaults.require(address);
        if (body == null) {
            throw ProblemException.badRequest(null, "request body is required: {\"es\":0.12,…}");
        }
        VaultLimits limits = body.limits();
        String volModel = body.volModel();
        Set<String> bookUnderlyings = vault.book() == null
                ? null
                : BookField.read(vault.book()).market().underlyings().stream()
                        .map(Underlying::name)
                        .collect(Collectors.toSet());
        String field = LimitsRequest.unevaluable(limits, bookUnderlyings);
        if (field != null) {
            throw ProblemException.badRequest(
                    field,
                    field + ": "
                            + (bookUnderlyings == null
                                    ? "a limit of the vault's book, and the vault was registered without a book"
                                    : "the vault's book has no such underlying"));
        }
        LimitsRequest stored = limitStore.put(vault, LimitsRequest.of(limits, volModel));
        monitor.request(vault.key(), "limits set");
        return stored;
    }

    @GET
    @Path("/{address}/limits")
    @RequiresRole({Role.RISK, Role.EXECUTOR})
    @Operation(summary = "The vault's limits")
    public LimitsRequest limits(@PathParam("address") String address) {
        Vault vault = vaults.require(address);
        return limitStore
                .get(vault)
                .orElseThrow(() -> ProblemException.notFound("limits", "vault " + vault.address() + " has no limits"));
    }

    @POST
    @Path("/{address}/limit-evaluations")
    @RequiresRole(Role.RISK)
    @Operation(summary = "Evaluate the vault's limits now (a breach publishes the urgent allocation); the evaluation")
    public LimitStore.Stored evaluateNow(@PathParam("address") String address) {
        return monitor.evaluate(vaults.require(address), "on request");
    }

    @GET
    @Path("/{address}/limit-evaluations")
    @RequiresRole({Role.RISK, Role.EXECUTOR})
    @Operation(summary = "The vault's limit evaluations, newest first, with their inputs and results")
    public List<LimitStore.Stored> evaluations(
            @PathParam("address") String address, @QueryParam("limit") String limitText) {
        int limit = Params.intIn("limit", limitText, 20, 1, 1000);
        return limitStore.list(vaults.require(address), limit);
    }

    @GET
    @Path("/{address}/limit-evaluations/{id}")
    @RequiresRole({Role.RISK, Role.EXECUTOR})
    @Operation(summary = "One stored limit evaluation: reason, inputs (prices, vols, surface, seed, paths), result")
    public LimitStore.Stored evaluation(@PathParam("address") String address, @PathParam("id") String id) {
        return limitStore.require(vaults.require(address), Params.idIn("id", id));
    }

    @POST
    @Path("/{address}/limit-evaluations/{id}/replay")
    @RequiresRole(Role.RISK)
    @Operation(summary = "Recompute a stored evaluation from its inputs: identical is true when every number is equal")
    public JsonNode replay(@PathParam("address") String address, @PathParam("id") String id) {
        return monitor.replay(vaults.require(address), Params.idIn("id", id));
    }

    @GET
    @Path("/{address}/allocations/{nonce}/receipt")
    @RequiresRole({Role.RISK, Role.EXECUTOR})
    @Operation(
            summary = "The receipt of a published allocation: its inputs, their SHA-256 inputsHash (signed inside the "
                    + "allocation and emitted by the vault in Rebalanced), the optimiser's weights and the signed "
                    + "allocation; `vaultrisk verify --receipt FILE` recomputes the allocation from it offline")
    public Allocations.Receipt receipt(@PathParam("address") String address, @PathParam("nonce") String nonceText) {
        Vault vault = vaults.require(address);
        long nonce;
        try {
            nonce = Long.parseLong(nonceText.trim());
        } catch (NumberFormatException e) {
            nonce = 0;
        }
        if (nonce < 1) {
            throw ProblemException.badRequest("nonce", "nonce must be a whole number from 1, got '" + nonceText + "'");
        }
        long n = nonce;
        return allocations
                .receipt(vault, n)
                .orElseThrow(() -> ProblemException.notFound(
                        "nonce",
                        "vault " + vault.address() + " has no allocation receipt with nonce " + n
                                + " (allocations published before receipts existed have none)"));
    }

    /** The executor's report: weights in basis points (sleeve order, summing to 10,000) read at a block. */
    public record ReportHoldings(List<Integer> weightsBps, Long blockNumber) {}

    @PUT
    @Path("/{address}/holdings")
    @RequiresRole(Role.EXECUTOR)
    @Operation(
            summary =
                    "Report what the vault holds on chain (weightsBps at blockNumber), as the executor reads it after "
                            + "a rebalance: the next allocation's turnover and its cost are measured from it. 409 for an older "
                            + "block than the newest reported")
    public Holdings.Holding reportHoldings(@PathParam("address") String address, ReportHoldings body) {
        if (body == null) {
            throw ProblemException.badRequest(null, "request body is required: {\"weightsBps\":[…],\"blockNumber\":…}");
        }
        return holdings.report(vaults.require(address), body.weightsBps(), body.blockNumber());
    }

    @GET
    @Path("/{address}/holdings")
    @RequiresRole({Role.RISK, Role.EXECUTOR})
    @Operation(summary = "The newest holdings the executor reported (404 before the first report)")
    public Holdings.Holding holdings(@PathParam("address") String address) {
        Vault vault = vaults.require(address);
        return holdings.latest(vault)
                .orElseThrow(() -> ProblemException.notFound(
                        "holdings", "vault " + vault.address() + " has no reported holdings yet"));
    }
}
