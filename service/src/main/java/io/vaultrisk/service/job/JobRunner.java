package io.vaultrisk.service.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vaultrisk.service.config.ServiceConfig;
import io.vaultrisk.service.db.Database;
import io.vaultrisk.service.error.ProblemException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The job table and the workers draining it. Every state change is written before it is acted on: a job queued is in
 * the table (on disk) before its id is returned, and a job found 'running' at start-up (the service stopped under it)
 * is queued again behind the jobs that were waiting, or failed with the reason once it has been interrupted
 * {@code vaultrisk.jobs.max-attempts} times. Each {@link JobQueue} has its own workers and a bounded number of waiting
 * jobs (429 beyond it); a queued or running job can be cancelled (it ends 'failed' with the error "cancelled").
 */
@ApplicationScoped
public class JobRunner {
    private static final Logger LOG = Logger.getLogger(JobRunner.class);
    private static final String COLUMNS =
            "id, kind, status, progress, request, result, error, attempts, created_at, started_at, finished_at";

    @Inject
    Database db;

    @Inject
    ObjectMapper json;

    @Inject
    ServiceConfig config;

    @Inject
    MeterRegistry metrics;

    @Inject
    Instance<JobHandler> handlerBeans;

    /** The error of a cancelled job. */
    public static final String CANCELLED = "cancelled";

    private final Map<String, JobHandler> handlers = new HashMap<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final Map<JobQueue, AtomicInteger> waiting = new EnumMap<>(JobQueue.class);
    private final Map<JobQueue, ExecutorService> workers = new EnumMap<>(JobQueue.class);
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    private Counter paths;

    void onStart(@Observes @Priority(20) StartupEvent event) throws SQLException {
        handlerBeans.forEach(h -> handlers.put(h.kind(), h));
        paths = Counter.builder("vaultrisk.paths.simulated")
                .description("Monte Carlo paths simulated by jobs")
                .register(metrics);
        metrics.gauge("vaultrisk.jobs.queue.depth", queued);
        for (JobQueue q : JobQueue.values()) {
            AtomicInteger n = new AtomicInteger();
            String name = "vaultrisk-" + q.name().toLowerCase(Locale.ROOT) + "-";
            int threads = q == JobQueue.COMPUTE ? Math.max(1, config.jobs().threads()) : 1;
            workers.put(q, Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, name + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            }));
            waiting.put(q, new AtomicInteger());
        }
        List<String> interrupted = ids("SELECT id FROM jobs WHERE status = 'running' ORDER BY created_at");
        recoverInterrupted();
        // jobs that were waiting first: a job that was running at a crash does not jump ahead of them again
        List<String> again = new ArrayList<>();
        for (String id : ids("SELECT id FROM jobs WHERE status = 'queued' ORDER BY created_at")) {
            if (interrupted.contains(id)) {
                again.add(id);
            } else {
                dispatch(id, kindOf(id));
            }
        }
        for (String id : again) {
            dispatch(id, kindOf(id));
        }
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        for (ExecutorService w : workers.values()) {
            w.shutdownNow();
        }
        for (ExecutorService w : workers.values()) {
            w.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** Validated request in, queued job out (already persisted). */
    public Job submit(String kind, JsonNode request) {
        return submit(kind, request, null);
    }

    /**
     * As {@link #submit(String, JsonNode)}; with an idempotency key already used by the same API key for this kind,
     * the job that first request queued (the same request again) or a 422 naming the header (another request).
     */
    public Job submit(String kind, JsonNode request, Idempotency idempotency) {
        if (!handlers.containsKey(kind)) {
            throw new IllegalStateException("no handler for job kind " + kind);
        }
        if (idempotency != null) {
            Optional<Job> earlier = earlier(kind, request, idempotency);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        JobQueue queue = handlers.get(kind).queue();
        AtomicInteger slots = waiting.get(queue);
        if (slots.incrementAndGet() > Math.max(1, config.jobs().queueCapacity())) {
            slots.decrementAndGet();
            throw ProblemException.tooManyRequests(
                    queue.name().toLowerCase(Locale.ROOT) + " queue is full ("
                            + config.jobs().queueCapacity() + " jobs waiting); retry later",
                    retryAfterSeconds(queue));
        }
        String id = UUID.randomUUID().toString();
        Instant created = Instant.now();
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO jobs(id, kind, status, progress, request, attempts, created_at, idem_owner, "
                                + "idem_key) VALUES (?,?,?,?,?,?,?,?,?)")) {
            ps.setString(1, id);
            ps.setString(2, kind);
            ps.setString(3, JobStatus.QUEUED.id());
            ps.setDouble(4, 0);
            ps.setString(5, json.writeValueAsString(request));
            ps.setInt(6, 0);
            ps.setTimestamp(7, Timestamp.from(created));
            ps.setString(8, idempotency == null ? null : idempotency.owner());
            ps.setString(9, idempotency == null ? null : idempotency.key());
            ps.executeUpdate();
            db.durable(c);
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            slots.decrementAndGet();
            if (idempotency != null) {
                // the same key sent twice at once: the unique index let one in, the other answers with its job
                Optional<Job> raced = earlier(kind, request, idempotency);
                if (raced.isPresent()) {
                    return raced.get();
                }
            }
            throw new IllegalStateException("cannot queue the job", e);
        }
        // the state as committed: a worker may already be running it by the time the caller answers
        Job queuedJob = new Job(id, kind, JobStatus.QUEUED, 0, request, null, null, 0, created, null, null);
        execute(id, queue);
        return queuedJob;
    }

    /**
     * Cancels a queued or running job of this kind: it ends 'failed' with the error {@value #CANCELLED} (a running
     * job stops at its next progress report). 404 for an unknown id, 409 when it has already finished.
     */
    public Job cancel(String kind, String id) {
        Job job = require(kind, id);
        cancelled.add(id);
        int n = update(
                "UPDATE jobs SET status = 'failed', error = ?, finished_at = ? "
                        + "WHERE id = ? AND status IN ('queued', 'running')",
                CANCELLED,
                Timestamp.from(Instant.now()),
                id);
        if (n == 0) {
            cancelled.remove(id);
            throw ProblemException.conflict(
                    "id",
                    kind + " job " + id + " has already finished ("
                            + job.status().id() + ")");
        }
        // no Thread.interrupt: an interrupt during H2's file I/O closes its file channel; the job sees the flag
        return require(kind, id);
    }

    /** Seconds a client refused for a full queue should wait: the time a worker of it takes to free a slot, roughly. */
    private static int retryAfterSeconds(JobQueue queue) {
        return queue == JobQueue.PUBLISH ? 1 : 30;
    }

    private Optional<Job> earlier(String kind, JsonNode request, Idempotency idempotency) {
        Optional<Job> earlier = query(
                        "SELECT " + COLUMNS + " FROM jobs WHERE kind = ? AND idem_owner = ? AND idem_key = ?",
                        kind,
                        idempotency.owner(),
                        idempotency.key())
                .stream()
                .findFirst();
        if (earlier.isPresent() && !earlier.get().request().equals(stored(request))) {
            throw new ProblemException(
                    422,
                    "Idempotency key reused",
                    Idempotency.HEADER + " " + idempotency.key() + " was used for job "
                            + earlier.get().id() + " with another request body; use a new key for a new request",
                    Idempotency.HEADER);
        }
        return earlier;
    }

    /** The request as it reads back from the table (numbers re-parsed), to compare with a stored one. */
    private JsonNode stored(JsonNode request) {
        try {
            return json.readTree(json.writeValueAsString(request));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot compare the request", e);
        }
    }

    public Optional<Job> find(String id) {
        return query("SELECT " + COLUMNS + " FROM jobs WHERE id = ?", id).stream()
                .findFirst();
    }

    /** The job of this kind, or a 404 naming the id. */
    public Job require(String kind, String id) {
        return find(id).filter(j -> j.kind().equals(kind))
                .orElseThrow(() -> ProblemException.notFound("id", "no " + kind + " job with id " + id));
    }

    /** Newest first. */
    public List<Job> list(String kind, int limit) {
        return query("SELECT " + COLUMNS + " FROM jobs WHERE kind = ? ORDER BY created_at DESC LIMIT " + limit, kind);
    }

    /** Jobs accepted into this queue that no worker has taken yet (the count the capacity bounds). */
    public int waiting(JobQueue queue) {
        return waiting.get(queue).get();
    }

    /** A job accepted before this start (recovered): queued whatever the capacity. */
    private void dispatch(String id, String kind) {
        JobHandler handler = handlers.get(kind);
        if (handler == null) {
            fail(id, "no handler for job kind " + kind + " in this build");
            return;
        }
        waiting.get(handler.queue()).incrementAndGet();
        execute(id, handler.queue());
    }

    private void execute(String id, JobQueue queue) {
        queued.incrementAndGet();
        workers.get(queue).execute(() -> {
            queued.decrementAndGet();
            waiting.get(queue).decrementAndGet();
            try {
                run(id);
            } finally {
                cancelled.remove(id);
            }
        });
    }

    private String kindOf(String id) {
        return find(id).map(Job::kind).orElse("");
    }

    private void run(String id) {
        Instant started = Instant.now();
        if (update(
                        "UPDATE jobs SET status = 'running', started_at = ?, attempts = attempts + 1 "
                                + "WHERE id = ? AND status = 'queued'",
                        Timestamp.from(started),
                        id)
                == 0) {
            return; // someone else ran it, or it is no longer queued
        }
        Job job = find(id).orElseThrow();
        JobHandler handler = handlers.get(job.kind());
        Timer.Sample sample = Timer.start(metrics);
        String status = "failed";
        try {
            JsonNode result = handler.run(job.request(), new Context(id));
            update(
                    "UPDATE jobs SET status = 'succeeded', progress = 1, result = ?, finished_at = ? "
                            + "WHERE id = ? AND status = 'running'",
                    json.writeValueAsString(result),
                    Timestamp.from(Instant.now()),
                    id);
            status = "succeeded";
        } catch (Exception | Error e) {
            if (cancelled.contains(id)) {
                status = CANCELLED;
            } else if (e instanceof InterruptedException
                    || Thread.currentThread().isInterrupted()) {
                LOG.infof("job %s interrupted by shutdown; it is queued again on the next start", id);
                status = "interrupted";
            } else if (e instanceof ProblemException || e instanceof IllegalArgumentException) {
                fail(id, e.getMessage());
            } else if (e instanceof OutOfMemoryError) {
                LOG.errorf(e, "job %s (%s) ran out of memory", id, job.kind());
                fail(id, "out of memory: the job needs more memory than the service has; use fewer paths or horizons");
            } else {
                // the class and message stay in the log: a job's error is shown to clients
                LOG.errorf(e, "job %s (%s) failed", id, job.kind());
                fail(id, "internal error; the server log has details (job " + id + ")");
            }
        } finally {
            sample.stop(Timer.builder("vaultrisk.jobs.duration")
                    .tag("kind", job.kind())
                    .tag("status", status)
                    .description("wall time of jobs")
                    .register(metrics));
        }
    }

    private void fail(String id, String reason) {
        update(
                "UPDATE jobs SET status = 'failed', error = ?, finished_at = ? WHERE id = ? AND status <> 'failed'",
                reason == null ? "failed" : reason,
                Timestamp.from(Instant.now()),
                id);
    }

    private void recoverInterrupted() {
        int max = Math.max(1, config.jobs().maxAttempts());
        int failed = update(
                "UPDATE jobs SET status = 'failed', finished_at = ?, error = ? "
                        + "WHERE status = 'running' AND attempts >= ?",
                Timestamp.from(Instant.now()),
                "interrupted by a service shutdown " + max + " times; not retried",
                max);
        int requeued = update(
                "UPDATE jobs SET status = 'queued', progress = 0, started_at = NULL " + "WHERE status = 'running'");
        if (failed + requeued > 0) {
            LOG.infof("recovered jobs interrupted by the last shutdown: %d queued again, %d failed", requeued, failed);
        }
    }

    private final class Context implements JobContext {
        private final String id;
        private long lastWrite;

        Context(String id) {
            this.id = id;
        }

        @Override
        public String jobId() {
            return id;
        }

        @Override
        public void progress(double fraction) {
            checkCancelled();
            long now = System.nanoTime();
            if (now - lastWrite < Duration.ofMillis(200).toNanos() && fraction < 1) {
                return; // progress is advisory: a write every 200 ms is plenty
            }
            lastWrite = now;
            update(
                    "UPDATE jobs SET progress = ? WHERE id = ? AND status = 'running'",
                    Math.max(0, Math.min(1, fraction)),
                    id);
        }

        @Override
        public void checkCancelled() {
            if (cancelled.contains(id)) {
                throw new CancellationException("job " + id + " was cancelled");
            }
        }

        @Override
        public void simulatedPaths(long n) {
            paths.increment(n);
        }
    }

    private int update(String sql, Object... args) {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("job table update failed", e);
        }
    }

    private List<String> ids(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private List<Job> query(String sql, String... args) {
        List<Job> out = new ArrayList<>();
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String result = rs.getString(6);
                    out.add(new Job(
                            rs.getString(1),
                            rs.getString(2),
                            JobStatus.parse(rs.getString(3)),
                            rs.getDouble(4),
                            json.readTree(rs.getString(5)),
                            result == null ? null : json.readTree(result),
                            rs.getString(7),
                            rs.getInt(8),
                            instant(rs.getTimestamp(9)),
                            instant(rs.getTimestamp(10)),
                            instant(rs.getTimestamp(11))));
                }
            }
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("cannot read jobs", e);
        }
        return out;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
