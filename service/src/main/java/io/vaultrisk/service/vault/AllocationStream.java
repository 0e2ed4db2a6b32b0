package io.vaultrisk.service.vault;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.scheduler.Scheduled;
import io.vaultrisk.service.allocation.Allocations;
import io.vaultrisk.service.protection.ProtectionDesk;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The allocation stream executors follow ({@code GET …/allocations/stream}, server-sent events): on connect and on
 * every publication of the vault, {@code event: allocation} with the body of {@code …/allocation/latest}. A comment
 * line every 15 s keeps the connection inside the HTTP idle timeout (30 s). An urgent allocation of a vault with a
 * protection venue also carries {@code protection}: the puts the executor should get a quote for
 * ({@link ProtectionDesk#request}).
 */
@ApplicationScoped
public class AllocationStream {
    @Inject
    Allocations allocations;

    @Inject
    ProtectionDesk protection;

    @Inject
    ObjectMapper json;

    @Inject
    Vaults vaults;

    private record Subscriber(SseEventSink sink, Sse sse) {}

    private final Map<String, Set<Subscriber>> subscribers = new ConcurrentHashMap<>();

    @PostConstruct
    void init() {
        allocations.addListener(this::published);
    }

    public void subscribe(Vault vault, SseEventSink sink, Sse sse) {
        Subscriber s = new Subscriber(sink, sse);
        subscribers
                .computeIfAbsent(vault.key(), k -> ConcurrentHashMap.newKeySet())
                .add(s);
        allocations.latest(vault).ifPresent(latest -> send(vault.key(), s, event(sse, vault, latest)));
    }

    private void published(String key, Allocations.Latest latest) {
        Set<Subscriber> set = subscribers.get(key);
        if (set != null && !set.isEmpty()) {
            Vault vault = vaults.find(key).orElse(null);
            for (Subscriber s : set) {
                send(key, s, event(s.sse(), vault, latest));
            }
        }
    }

    private OutboundSseEvent event(Sse sse, Vault vault, Allocations.Latest latest) {
        return sse.newEventBuilder()
                .name("allocation")
                .id(latest.allocation().nonce().toString())
                .mediaType(MediaType.TEXT_PLAIN_TYPE)
                .data(String.class, body(vault, latest))
                .build();
    }

    /** The latest allocation's body, with the protection to seek when it is urgent and the vault has a venue. */
    private String body(Vault vault, Allocations.Latest latest) {
        String plain = new String(latest.body(), StandardCharsets.UTF_8);
        if (vault == null || !latest.published().urgent()) {
            return plain;
        }
        try {
            var request = protection.request(vault, latest.published());
            if (request.isEmpty()) {
                return plain;
            }
            ObjectNode tree = (ObjectNode) json.readTree(latest.body());
            tree.set("protection", json.valueToTree(request.get()));
            return json.writeValueAsString(tree);
        } catch (java.io.IOException | RuntimeException e) {
            return plain; // the urgent allocation goes out without protection rather than not at all
        }
    }

    private void send(String key, Subscriber s, OutboundSseEvent event) {
        if (s.sink().isClosed()) {
            drop(key, s);
            return;
        }
        s.sink().send(event).exceptionally(e -> {
            drop(key, s);
            return null;
        });
    }

    private void drop(String key, Subscriber s) {
        Set<Subscriber> set = subscribers.get(key);
        if (set != null) {
            set.remove(s);
        }
        try {
            s.sink().close();
        } catch (RuntimeException e) {
            // already closed by the client
        }
    }

    @Scheduled(every = "15s", identity = "allocation-stream-keepalive")
    void keepAlive() {
        subscribers.forEach((key, set) -> {
            for (Subscriber s : set) {
                send(key, s, s.sse().newEventBuilder().comment("keep-alive").build());
            }
        });
    }

    /** Open streams (for tests and metrics). */
    public int open() {
        return subscribers.values().stream().mapToInt(Set::size).sum();
    }
}
