package io.vaultrisk.executor;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tells the risk service what the executor did with an allocation: {@code POST
 * /api/v1/vaults/{address}/executor-events} with {@code {"nonce": "<decimal>", "kind": "executed"|"refused",
 * "reason": ..., "tx": ..., "block": n, "weightsBps": [..], "inputsHash": "0x…"}} (the hash only for an executed
 * rebalance: the one the vault emitted in {@code Rebalanced}, which names the allocation's receipt). Reporting never stops execution: a service without the
 * endpoint (404) is logged once, any other failure once per event, and the executor carries on. A refusal is reported
 * once per nonce and reason, however often the polls that refuse it repeat.
 */
final class EventReporter {

    /**
     * One event.
     *
     * @param kind {@code executed} or {@code refused}
     * @param tx the rebalance transaction (executed only)
     * @param block the block it was mined in (executed), or the latest block when refused; null when unknown
     * @param weightsBps the allocation's signed weights, or the vault's weights after the rebalance when the
     *     allocation is no longer at hand (recovered from the state file after a restart)
     * @param inputsHash the receipt inputs hash the vault emitted in {@code Rebalanced} (executed only; else null)
     */
    record Event(
            BigInteger nonce,
            String kind,
            String reason,
            String tx,
            Long block,
            List<Integer> weightsBps,
            String inputsHash) {
        Event {
            weightsBps = weightsBps == null ? List.of() : List.copyOf(weightsBps);
        }

        Event(BigInteger nonce, String kind, String reason, String tx, Long block, List<Integer> weightsBps) {
            this(nonce, kind, reason, tx, block, weightsBps, null);
        }

        String json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("nonce", nonce == null ? null : nonce.toString());
            m.put("kind", kind);
            m.put("reason", reason);
            if (tx != null) {
                m.put("tx", tx);
            }
            if (block != null) {
                m.put("block", block);
            }
            if (!weightsBps.isEmpty()) {
                m.put("weightsBps", weightsBps);
            }
            if (inputsHash != null) {
                m.put("inputsHash", inputsHash);
            }
            try {
                return JSON.writeValueAsString(m);
            } catch (IOException e) { // a map of strings, numbers and a list always writes
                throw new IllegalStateException(e);
            }
        }
    }

    static final String EXECUTED = "executed";
    static final String REFUSED = "refused";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final System.Logger LOG = System.getLogger(EventReporter.class.getName());
    private static final int MAX_KEPT = 500;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI endpoint;
    private final String apiKey;
    private final List<Event> reported = new ArrayList<>();
    private final Set<String> refusals = new HashSet<>();
    private boolean missingLogged;

    EventReporter(URI serviceUrl, String apiKey, String vault) {
        String base = serviceUrl.toString().replaceAll("/+$", "");
        this.endpoint = URI.create(base + "/api/v1/vaults/" + vault + "/executor-events");
        this.apiKey = apiKey;
    }

    /** Posts the event (a repeated refusal is skipped); returns whether the service accepted it. */
    synchronized boolean report(Event e) {
        if (REFUSED.equals(e.kind()) && !refusals.add(e.nonce() + "|" + e.reason())) {
            return false;
        }
        reported.add(e);
        if (reported.size() > MAX_KEPT) {
            reported.remove(0);
        }
        LOG.log(System.Logger.Level.DEBUG, "executor event " + e.json());
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(5))
                .header("X-API-Key", apiKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(e.json()))
                .build();
        try {
            int status =
                    http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status == 404) {
                if (!missingLogged) {
                    missingLogged = true;
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "the service has no " + endpoint.getPath() + " (404): executor events are only logged");
                }
                return false;
            }
            if (status / 100 != 2) {
                LOG.log(System.Logger.Level.WARNING, "the service answered " + status + " to an executor event");
                return false;
            }
            return true;
        } catch (IOException ex) {
            String why = ex.getMessage() == null ? "no answer" : ex.getMessage();
            LOG.log(System.Logger.Level.WARNING, "cannot report an executor event to " + endpoint + ": " + why);
            return false;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** What the executor last saw of an allocation, for its report: the signed weights and the trigger. */
    private record Seen(List<Integer> weightsBps, String trigger) {}

    private final Map<BigInteger, Seen> seen = new LinkedHashMap<>();

    /** Remembers an allocation's signed weights and trigger, to report them with its outcome. */
    synchronized void remember(BigInteger nonce, List<Integer> weightsBps, String trigger) {
        seen.put(nonce, new Seen(weightsBps, trigger));
        if (seen.size() > 100) {
            seen.remove(seen.keySet().iterator().next());
        }
    }

    /** A node read that may fail; a report goes out without the block then. */
    interface BlockSource {
        long latest() throws IOException;
    }

    /**
     * Reports an outcome: a rebalance as {@code executed} (with {@code minedBlock}), a refusal, rejection, expiry or
     * revert as {@code refused} (with the latest block); the other outcomes change nothing the service does not know
     * (no allocation, already applied, within drift, waiting for gas, which the log says).
     */
    void report(Outcome o, Long minedBlock, BlockSource latest) {
        Seen known;
        synchronized (this) {
            known = o.nonce() == null ? null : seen.get(o.nonce());
        }
        switch (o.kind()) {
            case REBALANCED ->
                report(new Event(
                        o.nonce(),
                        EXECUTED,
                        known == null ? "" : known.trigger(),
                        o.txHash(),
                        minedBlock,
                        known == null ? o.weightsAfter() : known.weightsBps(),
                        o.inputsHash()));
            case REFUSED, REJECTED, EXPIRED, REVERTED -> {
                Long block;
                try {
                    block = latest.latest();
                } catch (IOException e) {
                    block = null;
                }
                String reason = o.kind() == Outcome.Kind.REFUSED
                        ? o.detail()
                        : o.kind().name().toLowerCase(java.util.Locale.ROOT) + ": " + o.detail();
                report(new Event(
                        o.nonce(), REFUSED, reason, o.txHash(), block, known == null ? List.of() : known.weightsBps()));
            }
            default -> {
                // nothing to tell
            }
        }
    }

    /** Events reported so far (posted or not), oldest first. */
    synchronized List<Event> reported() {
        return List.copyOf(reported);
    }

    URI endpoint() {
        return endpoint;
    }
}
