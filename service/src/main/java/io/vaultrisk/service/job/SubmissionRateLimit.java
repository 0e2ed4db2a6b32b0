package io.vaultrisk.service.job;

import io.vaultrisk.service.config.ServiceConfig;
import io.vaultrisk.service.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Job submissions per API key: a token bucket of {@code vaultrisk.jobs.rate-burst} tokens refilled at
 * {@code rate-per-minute}. One key flooding the queues gets 429 with Retry-After while other keys go on. In memory:
 * a restart refills every bucket.
 */
@ApplicationScoped
public class SubmissionRateLimit {
    @Inject
    ServiceConfig config;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long lastNanos;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.lastNanos = now;
        }
    }

    /** Takes one submission of {@code keyId}'s allowance, or throws 429 with the seconds until the next one. */
    public void acquire(String keyId) {
        int perMinute = config.jobs().ratePerMinute();
        int burst = Math.max(1, config.jobs().rateBurst());
        if (keyId == null || perMinute <= 0) {
            return; // the service's own submissions (nightly stress), or the limit switched off
        }
        double perNano = perMinute / 60e9;
        long now = System.nanoTime();
        Bucket b = buckets.computeIfAbsent(keyId, k -> new Bucket(burst, now));
        synchronized (b) {
            b.tokens = Math.min(burst, b.tokens + (now - b.lastNanos) * perNano);
            b.lastNanos = now;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return;
            }
            int wait = (int) Math.ceil((1 - b.tokens) / perNano / 1e9);
            throw ProblemException.tooManyRequests(
                    "API key " + keyId + " submitted more than " + perMinute + " jobs a minute (burst " + burst
                            + "); retry in " + wait + " s",
                    Math.max(1, wait));
        }
    }
}
