package io.vaultrisk.executor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Follows the service's allocation stream, {@code GET /api/v1/vaults/{address}/allocations/stream}: server-sent
 * events, an {@code allocation} event with the {@code /allocation/latest} JSON on connect and on every new allocation.
 * It runs on its own daemon thread and only wakes the executor's loop ({@link #next}); polling stays the fallback, so
 * a stream that is down, absent (404) or silent costs reaction time, never correctness.
 * <p>
 * A dropped or refused connection is retried with exponential backoff from the executor's initial backoff up to 30 s,
 * reset once events flow again. A 404 (a service without the stream) is said once; a refused key (401/403) once, and
 * the stream stops: the polls then report the refusal.
 */
final class AllocationStream implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(AllocationStream.class.getName());
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI endpoint;
    private final String apiKey;
    private final Duration initialBackoff;
    private final Consumer<String> notices;
    private final Semaphore arrived = new Semaphore(0);
    private final Thread thread;
    private volatile AllocationNotice latest;
    private volatile InputStream body;
    private volatile boolean closed;
    private volatile int connections;
    private boolean missingSaid;

    private AllocationStream(
            URI serviceUrl, String apiKey, String vault, Duration initialBackoff, Consumer<String> notices) {
        String base = serviceUrl.toString().replaceAll("/+$", "");
        this.endpoint = URI.create(base + "/api/v1/vaults/" + vault + "/allocations/stream");
        this.apiKey = apiKey;
        this.initialBackoff = initialBackoff.isZero() ? Duration.ofMillis(100) : initialBackoff;
        this.notices = notices;
        this.thread = new Thread(this::follow, "allocation-stream-" + vault);
        thread.setDaemon(true);
    }

    /** Starts following the stream of {@code vault}; {@code notices} gets one line per state change worth saying. */
    static AllocationStream start(
            URI serviceUrl, String apiKey, String vault, Duration initialBackoff, Consumer<String> notices) {
        AllocationStream s = new AllocationStream(serviceUrl, apiKey, vault, initialBackoff, notices);
        s.thread.start();
        return s;
    }

    /**
     * Waits up to {@code timeout} for an allocation announced since the last call; returns the newest one (earlier ones
     * it superseded are skipped), or null when none came.
     */
    AllocationNotice next(Duration timeout) throws InterruptedException {
        if (!arrived.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return null;
        }
        arrived.drainPermits();
        return latest;
    }

    /** Hands a notice back, to be returned by the next {@link #next} at once (it could not be acted on yet). */
    void offer(AllocationNotice n) {
        if (latest == null || latest == n) {
            latest = n;
            arrived.release();
        }
    }

    /** Connections opened so far (for tests: a reconnect shows as a second one). */
    int connections() {
        return connections;
    }

    URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        InputStream b = body;
        if (b != null) {
            try {
                b.close();
            } catch (IOException ignored) {
                // closing is best effort: the thread is a daemon and sees closed on its next line
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ internals

    private void follow() {
        Duration delay = initialBackoff;
        while (!closed) {
            try {
                if (connectAndRead()) {
                    delay = initialBackoff; // events flowed: the next drop starts the backoff afresh
                }
            } catch (Refused e) {
                notices.accept("executor: " + e.getMessage() + "; allocation stream stopped, polling continues");
                return;
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "allocation stream " + endpoint + ": " + Backoff.reason(e));
            }
            if (closed) {
                return;
            }
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            delay = delay.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay.multipliedBy(2);
        }
    }

    private static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /** One connection: reads events until the stream ends; true when at least one allocation arrived. */
    private boolean connectAndRead() throws IOException {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .header("X-API-Key", apiKey)
                .header("Accept", "text/event-stream")
                .GET()
                .build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        int status = response.statusCode();
        try (InputStream in = response.body()) {
            if (status == 404) {
                if (!missingSaid) {
                    missingSaid = true;
                    notices.accept("executor: the service has no allocation stream (404 for " + endpoint.getPath()
                            + "); polling only");
                }
                return false;
            }
            if (status == 401 || status == 403) {
                throw new Refused("the service refused the API key for the allocation stream (" + status + ")");
            }
            if (status != 200) {
                throw new IOException("allocation stream answered " + status);
            }
            connections++;
            body = in;
            return read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } finally {
            body = null;
        }
    }

    /** Server-sent events: {@code event:} and {@code data:} lines, dispatched at a blank line; comments ignored. */
    private boolean read(BufferedReader reader) throws IOException {
        boolean any = false;
        String event = "message";
        StringBuilder data = new StringBuilder();
        for (String line = reader.readLine(); line != null && !closed; line = reader.readLine()) {
            if (line.isEmpty()) {
                if (data.length() > 0 && event.equals("allocation")) {
                    any |= dispatch(data.toString());
                }
                event = "message";
                data.setLength(0);
            } else if (line.startsWith(":")) {
                continue; // keep-alive comment
            } else {
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1);
                if (value.startsWith(" ")) {
                    value = value.substring(1);
                }
                if (field.equals("event")) {
                    event = value;
                } else if (field.equals("data")) {
                    if (data.length() > 0) {
                        data.append('\n');
                    }
                    data.append(value);
                }
            }
        }
        return any;
    }

    private boolean dispatch(String json) {
        try {
            latest = AllocationNotice.parse(json);
            arrived.release();
            return true;
        } catch (ExecutorException e) {
            LOG.log(System.Logger.Level.WARNING, "allocation stream: " + e.getMessage());
            return false;
        }
    }
}
