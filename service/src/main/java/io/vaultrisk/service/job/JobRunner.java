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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The job table and the workers draining it. Every state change is written before it is acted on: a job queued is in
 * the table before its id is returned, and a job found 'running' at start-up (the service stopped under it) is queued
 * again, or failed with the reason once it has been interrupted {@code vaultrisk.jobs.max-attempts} times.
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

    private final Map<String, JobHandler> handlers = new HashMap<>();
    private final AtomicInteger queued = new AtomicInteger();
    private ExecutorService workers;
    private Counter paths;

    void onStart(@Observes @Priority(20) StartupEvent event) throws SQLException {
        handlerBeans.forEach(h -> handlers.put(h.kind(), h));
        paths = Counter.builder("vaultrisk.paths.simulated")
                .description("Monte Carlo paths simulated by jobs")
                .register(metrics);
        metrics.gauge("vaultrisk.jobs.queue.depth", queued);
        AtomicInteger n = new AtomicInteger();
        workers = Executors.newFixedThreadPool(Math.max(1, config.jobs().threads()), r -> {
            Thread t = new Thread(r, "vaultrisk-job-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        recoverInterrupted();
        for (String id : ids("SELECT id FROM jobs WHERE status = 'queued' ORDER BY created_at")) {
            dispatch(id);
        }
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        if (workers != null) {
            workers.shutdownNow();
            workers.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** Validated request in, queued job out (already persisted). */
    public Job submit(String kind, JsonNode request) {
        if (!handlers.containsKey(kind)) {
            throw new IllegalStateException("no handler for job kind " + kind);
        }
        String id = UUID.randomUUID().toString();
        Instant created = Instant.now();
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO jobs(id, kind, status, progress, request, attempts, created_at) VALUES (?,?,?,?,?,?,?)")) {
            ps.setString(1, id);
            ps.setString(2, kind);
            ps.setString(3, JobStatus.QUEUED.id());
            ps.setDouble(4, 0);
            ps.setString(5, json.writeValueAsString(request));
            ps.setInt(6, 0);
            ps.setTimestamp(7, Timestamp.from(created));
            ps.executeUpdate();
            db.durable(c);
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot queue the job", e);
        }
        // the state as committed: a worker may already be running it by the time the caller answers
        Job queuedJob = new Job(id, kind, JobStatus.QUEUED, 0, request, null, null, 0, created, null, null);
        dispatch(id);
        return queuedJob;
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

    private void dispatch(String id) {
        queued.incrementAndGet();
        workers.execute(() -> {
            queued.decrementAndGet();
            run(id);
        });
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
                    "UPDATE jobs SET status = 'succeeded', progress = 1, result = ?, finished_at = ? WHERE id = ?",
                    json.writeValueAsString(result),
                    Timestamp.from(Instant.now()),
                    id);
            status = "succeeded";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.infof("job %s interrupted by shutdown; it is queued again on the next start", id);
            status = "interrupted";
        } catch (ProblemException | IllegalArgumentException e) {
            fail(id, e.getMessage());
        } catch (Exception | Error e) {
            if (Thread.currentThread().isInterrupted()) {
                status = "interrupted";
            } else {
                LOG.errorf(e, "job %s (%s) failed", id, job.kind());
                fail(id, "internal error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
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
                "UPDATE jobs SET status = 'failed', error = ?, finished_at = ? WHERE id = ?",
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

    private List<Job> query(String sql, String arg) {
        List<Job> out = new ArrayList<>();
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
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
