package io.vaultrisk.service.vault;

import io.quarkus.scheduler.Scheduled;
import io.vaultrisk.service.allocation.Allocations;
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
 * line every 15 s keeps the connection inside the HTTP idle timeout (30 s).
 */
@ApplicationScoped
public class AllocationStream {
    @Inject
    Allocations allocations;

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
        allocations.latest(vault).ifPresent(latest -> send(vault.key(), s, event(sse, latest)));
    }

    private void published(String key, Allocations.Latest latest) {
        Set<Subscriber> set = subscribers.get(key);
        if (set != null) {
            for (Subscriber s : set) {
                send(key, s, event(s.sse(), latest));
            }
        }
    }

    private static OutboundSseEvent event(Sse sse, Allocations.Latest latest) {
        return sse.newEventBuilder()
                .name("allocation")
                .id(latest.allocation().nonce().toString())
                .mediaType(MediaType.TEXT_PLAIN_TYPE)
                .data(String.class, new String(latest.body(), StandardCharsets.UTF_8))
                .build();
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
