package io.vaultrisk.executor;

import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.web3j.crypto.WalletUtils;

/**
 * Everything one executor needs: where the signed allocations come from, which chain and vault they are for, the key
 * that pays for rebalances, and when not to rebalance.
 *
 * @param serviceUrl base URL of the risk service, e.g. {@code http://127.0.0.1:8080}
 * @param apiKey key with the {@code executor} role, sent as {@code X-API-Key}
 * @param rpcUrl JSON-RPC endpoint of the chain
 * @param vault vault address
 * @param keyFile text file holding the executor account's hex private key
 * @param stateFile where submitted and confirmed nonces are kept across restarts
 * @param driftThresholdBps skip when no sleeve is further than this from its target
 * @param maxGasPriceWei skip while the gas price this executor would pay is above this
 * @param pollInterval time between polls when not {@code once}
 * @param maxAttempts attempts per network call before giving up (backoff doubles from {@code initialBackoff})
 * @param initialBackoff first retry delay
 * @param once poll once and return
 * @param bumpAfter how long a sent transaction may stay unmined before it is replaced with higher fees (or cancelled
 *     when its allocation expired or was superseded)
 * @param urgentMaxGasPriceWei the ceiling for urgent allocations (a limit breach), at least {@code maxGasPriceWei}: a
 *     normal allocation waits while gas is above {@code maxGasPriceWei}, an urgent one goes up to this
 * @param maxFeedAgeSeconds circuit breaker: refuse while any sleeve's feed answer is older than this (or than the
 *     vault's own heartbeat for it, whichever is shorter) at the latest block
 * @param maxFeedPoolDeviationBps circuit breaker: refuse while any pool's spot price is further than this from its
 *     feed
 * @param followStream follow the service's allocation stream (server-sent events) between polls when not {@code once}
 * @param feeds forwarding each new round of the vault's feeds to the service's market data when not {@code once}
 */
public record ExecutorConfig(
        URI serviceUrl,
        String apiKey,
        String rpcUrl,
        String vault,
        Path keyFile,
        Path stateFile,
        int driftThresholdBps,
        BigInteger maxGasPriceWei,
        Duration pollInterval,
        int maxAttempts,
        Duration initialBackoff,
        boolean once,
        Duration bumpAfter,
        BigInteger urgentMaxGasPriceWei,
        long maxFeedAgeSeconds,
        int maxFeedPoolDeviationBps,
        boolean followStream,
        FeedForwarding feeds) {

    public static final int DEFAULT_DRIFT_BPS = 50;
    public static final BigInteger DEFAULT_MAX_GAS_PRICE_WEI =
            BigInteger.valueOf(200).multiply(BigInteger.TEN.pow(9));
    public static final Duration DEFAULT_POLL = Duration.ofSeconds(30);
    /** Three 12-second blocks. */
    public static final Duration DEFAULT_BUMP_AFTER = Duration.ofSeconds(36);
    /** Five times the normal ceiling: a breach is worth paying for, within reason. */
    public static final BigInteger DEFAULT_URGENT_MAX_GAS_PRICE_WEI =
            BigInteger.valueOf(1000).multiply(BigInteger.TEN.pow(9));
    /** The vault's default heartbeat (SafetyLimits.DEFAULT): an hour. */
    public static final long DEFAULT_MAX_FEED_AGE_SECONDS = 3600;
    /** The vault's default pool deviation limit (SafetyLimits.DEFAULT): 1%. */
    public static final int DEFAULT_MAX_FEED_POOL_DEVIATION_BPS = 100;

    public ExecutorConfig {
        Objects.requireNonNull(serviceUrl, "serviceUrl");
        Objects.requireNonNull(keyFile, "keyFile");
        Objects.requireNonNull(stateFile, "stateFile");
        Objects.requireNonNull(maxGasPriceWei, "maxGasPriceWei");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(bumpAfter, "bumpAfter");
        Objects.requireNonNull(urgentMaxGasPriceWei, "urgentMaxGasPriceWei");
        feeds = feeds == null ? FeedForwarding.DEFAULT : feeds;
        String scheme = serviceUrl.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme) || serviceUrl.getHost() == null) {
            throw new IllegalArgumentException("serviceUrl: must be an http(s) URL, got " + serviceUrl);
        }
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("apiKey: required");
        }
        if (rpcUrl == null || !(rpcUrl.startsWith("http://") || rpcUrl.startsWith("https://"))) {
            throw new IllegalArgumentException("rpcUrl: must be an http(s) URL, got " + rpcUrl);
        }
        if (vault == null || !vault.startsWith("0x") || !WalletUtils.isValidAddress(vault)) {
            throw new IllegalArgumentException("vault: not a 0x-prefixed 20-byte address: " + vault);
        }
        vault = vault.toLowerCase(Locale.ROOT);
        if (driftThresholdBps < 0 || driftThresholdBps > 10_000) {
            throw new IllegalArgumentException("driftThresholdBps: must be in [0, 10000], got " + driftThresholdBps);
        }
        if (maxGasPriceWei.signum() <= 0) {
            throw new IllegalArgumentException("maxGasPriceWei: must be > 0, got " + maxGasPriceWei);
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval: must be > 0, got " + pollInterval);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts: must be >= 1, got " + maxAttempts);
        }
        if (initialBackoff.isNegative()) {
            throw new IllegalArgumentException("initialBackoff: must be >= 0, got " + initialBackoff);
        }
        if (bumpAfter.isNegative() || bumpAfter.isZero()) {
            throw new IllegalArgumentException("bumpAfter: must be > 0, got " + bumpAfter);
        }
        if (urgentMaxGasPriceWei.compareTo(maxGasPriceWei) < 0) {
            throw new IllegalArgumentException("urgentMaxGasPriceWei: must be >= maxGasPriceWei (" + maxGasPriceWei
                    + "), got " + urgentMaxGasPriceWei);
        }
        if (maxFeedAgeSeconds <= 0) {
            throw new IllegalArgumentException("maxFeedAgeSeconds: must be > 0, got " + maxFeedAgeSeconds);
        }
        if (maxFeedPoolDeviationBps < 0 || maxFeedPoolDeviationBps >= 10_000) {
            throw new IllegalArgumentException(
                    "maxFeedPoolDeviationBps: must be in [0, 10000), got " + maxFeedPoolDeviationBps);
        }
    }

    /**
     * The configuration of an executor from before the loop (issue 18): urgent ceiling the larger of its default and
     * {@code maxGasPriceWei}, the circuit breaker at the vault's default limits, following the stream.
     */
    public ExecutorConfig(
            URI serviceUrl,
            String apiKey,
            String rpcUrl,
            String vault,
            Path keyFile,
            Path stateFile,
            int driftThresholdBps,
            BigInteger maxGasPriceWei,
            Duration pollInterval,
            int maxAttempts,
            Duration initialBackoff,
            boolean once,
            Duration bumpAfter) {
        this(
                serviceUrl,
                apiKey,
                rpcUrl,
                vault,
                keyFile,
                stateFile,
                driftThresholdBps,
                maxGasPriceWei,
                pollInterval,
                maxAttempts,
                initialBackoff,
                once,
                bumpAfter,
                maxGasPriceWei == null ? null : DEFAULT_URGENT_MAX_GAS_PRICE_WEI.max(maxGasPriceWei),
                DEFAULT_MAX_FEED_AGE_SECONDS,
                DEFAULT_MAX_FEED_POOL_DEVIATION_BPS,
                true,
                FeedForwarding.DEFAULT);
    }

    /**
     * Configuration with the defaults: drift 50 bps, gas ceiling 200 gwei (1,000 gwei for urgent allocations), poll
     * every 30 s and follow the allocation stream between polls, 5 attempts from 250 ms, fee bump after 36 s unmined,
     * circuit breaker at feeds older than an hour or pools 1% from their feeds, state kept next to the key file as
     * {@code executor-state-<vault>.json}.
     */
    public static ExecutorConfig of(
            URI serviceUrl, String apiKey, String rpcUrl, String vault, Path keyFile, boolean once) {
        Objects.requireNonNull(keyFile, "keyFile");
        Objects.requireNonNull(vault, "vault");
        Path dir = keyFile.toAbsolutePath().getParent();
        Path state = dir.resolve("executor-state-" + vault.toLowerCase(Locale.ROOT) + ".json");
        return new ExecutorConfig(
                serviceUrl,
                apiKey,
                rpcUrl,
                vault,
                keyFile,
                state,
                DEFAULT_DRIFT_BPS,
                DEFAULT_MAX_GAS_PRICE_WEI,
                DEFAULT_POLL,
                5,
                Duration.ofMillis(250),
                once,
                DEFAULT_BUMP_AFTER);
    }

    public ExecutorConfig withStateFile(Path file) {
        Builder b = edit();
        b.stateFile = file;
        return b.build();
    }

    public ExecutorConfig withThresholds(int driftBps, BigInteger maxGasWei) {
        Builder b = edit();
        b.driftThresholdBps = driftBps;
        b.maxGasPriceWei = maxGasWei;
        b.urgentMaxGasPriceWei = maxGasWei == null ? urgentMaxGasPriceWei : urgentMaxGasPriceWei.max(maxGasWei);
        return b.build();
    }

    public ExecutorConfig withPolling(Duration interval, int attempts, Duration backoff) {
        Builder b = edit();
        b.pollInterval = interval;
        b.maxAttempts = attempts;
        b.initialBackoff = backoff;
        return b.build();
    }

    public ExecutorConfig withBumpAfter(Duration after) {
        Builder b = edit();
        b.bumpAfter = after;
        return b.build();
    }

    /** The normal and the urgent gas ceilings ({@code urgent} >= {@code normal}). */
    public ExecutorConfig withGasCeilings(BigInteger normal, BigInteger urgent) {
        Builder b = edit();
        b.maxGasPriceWei = normal;
        b.urgentMaxGasPriceWei = urgent;
        return b.build();
    }

    public ExecutorConfig withCircuitBreaker(long feedAgeSeconds, int feedPoolDeviationBps) {
        Builder b = edit();
        b.maxFeedAgeSeconds = feedAgeSeconds;
        b.maxFeedPoolDeviationBps = feedPoolDeviationBps;
        return b.build();
    }

    /**
     * The configuration of an executor from before feed forwarding: every field but {@code feeds}, which is
     * {@link FeedForwarding#DEFAULT}.
     */
    public ExecutorConfig(
            URI serviceUrl,
            String apiKey,
            String rpcUrl,
            String vault,
            Path keyFile,
            Path stateFile,
            int driftThresholdBps,
            BigInteger maxGasPriceWei,
            Duration pollInterval,
            int maxAttempts,
            Duration initialBackoff,
            boolean once,
            Duration bumpAfter,
            BigInteger urgentMaxGasPriceWei,
            long maxFeedAgeSeconds,
            int maxFeedPoolDeviationBps,
            boolean followStream) {
        this(
                serviceUrl,
                apiKey,
                rpcUrl,
                vault,
                keyFile,
                stateFile,
                driftThresholdBps,
                maxGasPriceWei,
                pollInterval,
                maxAttempts,
                initialBackoff,
                once,
                bumpAfter,
                urgentMaxGasPriceWei,
                maxFeedAgeSeconds,
                maxFeedPoolDeviationBps,
                followStream,
                FeedForwarding.DEFAULT);
    }

    public ExecutorConfig withFeeds(FeedForwarding forwarding) {
        Builder b = edit();
        b.feeds = forwarding;
        return b.build();
    }

    public ExecutorConfig withStream(boolean follow) {
        Builder b = edit();
        b.followStream = follow;
        return b.build();
    }

    private Builder edit() {
        return new Builder(this);
    }

    /** A copy to change a few fields of; {@link #build} validates the result as the canonical constructor does. */
    private static final class Builder {
        URI serviceUrl;
        String apiKey;
        String rpcUrl;
        String vault;
        Path keyFile;
        Path stateFile;
        int driftThresholdBps;
        BigInteger maxGasPriceWei;
        Duration pollInterval;
        int maxAttempts;
        Duration initialBackoff;
        boolean once;
        Duration bumpAfter;
        BigInteger urgentMaxGasPriceWei;
        long maxFeedAgeSeconds;
        int maxFeedPoolDeviationBps;
        boolean followStream;
        FeedForwarding feeds;

        Builder(ExecutorConfig c) {
            serviceUrl = c.serviceUrl;
            apiKey = c.apiKey;
            rpcUrl = c.rpcUrl;
            vault = c.vault;
            keyFile = c.keyFile;
            stateFile = c.stateFile;
            driftThresholdBps = c.driftThresholdBps;
            maxGasPriceWei = c.maxGasPriceWei;
            pollInterval = c.pollInterval;
            maxAttempts = c.maxAttempts;
            initialBackoff = c.initialBackoff;
            once = c.once;
            bumpAfter = c.bumpAfter;
            urgentMaxGasPriceWei = c.urgentMaxGasPriceWei;
            maxFeedAgeSeconds = c.maxFeedAgeSeconds;
            maxFeedPoolDeviationBps = c.maxFeedPoolDeviationBps;
            followStream = c.followStream;
            feeds = c.feeds;
        }

        ExecutorConfig build() {
            return new ExecutorConfig(
                    serviceUrl,
                    apiKey,
                    rpcUrl,
                    vault,
                    keyFile,
                    stateFile,
                    driftThresholdBps,
                    maxGasPriceWei,
                    pollInterval,
                    maxAttempts,
                    initialBackoff,
                    once,
                    bumpAfter,
                    urgentMaxGasPriceWei,
                    maxFeedAgeSeconds,
                    maxFeedPoolDeviationBps,
                    followStream,
                    feeds);
        }
    }
}
