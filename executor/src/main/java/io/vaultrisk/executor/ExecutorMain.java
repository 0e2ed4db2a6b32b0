package io.vaultrisk.executor;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Command line of the executor, for running it without the vaultrisk CLI:
 * <pre>
 * --service URL --rpc URL --vault ADDRESS --key-file FILE [--api-key KEY | env VAULTRISK_API_KEY]
 * [--state-file FILE] [--drift-bps N] [--max-gas-gwei G] [--urgent-max-gas-gwei G] [--max-feed-age-seconds S]
 * [--max-feed-deviation-bps N] [--poll-seconds S] [--bump-seconds S] [--no-stream] [--once]
 * [--feed-assets SLEEVE=ASSET,...] [--no-feed-forwarding]
 * [--quoter-key-file FILE [--quote-spread 0.05]]
 * </pre>
 * Exit codes: 0 rebalanced or nothing to do, 1 an allocation was rejected, refused or reverted (or the service or
 * node failed), 2 bad arguments (one line on stderr).
 */
public final class ExecutorMain {

    private static final Set<String> OPTIONS = Set.of(
            "--service",
            "--rpc",
            "--vault",
            "--key-file",
            "--api-key",
            "--state-file",
            "--drift-bps",
            "--max-gas-gwei",
            "--urgent-max-gas-gwei",
            "--max-feed-age-seconds",
            "--max-feed-deviation-bps",
            "--poll-seconds",
            "--bump-seconds",
            "--feed-assets",
            "--quoter-key-file",
            "--quote-spread");

    private ExecutorMain() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        ExecutorConfig config;
        ProtectionSeeker.QuoterConfig quoter;
        try {
            config = parse(args);
            quoter = quoter(args);
        } catch (IllegalArgumentException e) {
            err.println("executor: " + e.getMessage());
            return 2;
        }
        try (Executor executor = Executor.connect(config, err::println)) {
            if (quoter != null) {
                executor.withQuoter(quoter.keyFile(), quoter.spread(), quoter.quoteValidity());
            }
            int[] worst = {0};
            executor.run(
                    o -> {
                        out.println(o);
                        if (o.kind() == Outcome.Kind.REJECTED
                                || o.kind() == Outcome.Kind.REFUSED
                                || o.kind() == Outcome.Kind.REVERTED) {
                            worst[0] = 1;
                        }
                    },
                    err::println);
            return worst[0];
        } catch (ExecutorException e) {
            err.println("executor: " + e.getMessage());
            return e.getMessage().startsWith("keyFile:") ? 2 : 1;
        } catch (IOException | RuntimeException e) {
            err.println("executor: " + e.getMessage());
            return 1;
        }
    }

    /** Parses the options into a configuration; every problem is an IllegalArgumentException naming the option. */
    public static ExecutorConfig parse(String[] args) {
        Map<String, String> opts = new HashMap<>();
        boolean once = false;
        boolean stream = true;
        boolean forward = true;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--once")) {
                once = true;
            } else if (a.equals("--no-stream")) {
                stream = false;
            } else if (a.equals("--no-feed-forwarding")) {
                forward = false;
            } else if (OPTIONS.contains(a)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a + ": missing value");
                }
                opts.put(a, args[++i]);
            } else {
                throw new IllegalArgumentException("unknown option " + a);
            }
        }
        for (String required : new String[] {"--service", "--rpc", "--vault", "--key-file"}) {
            if (!opts.containsKey(required)) {
                throw new IllegalArgumentException(required + ": required");
            }
        }
        String apiKey = opts.getOrDefault("--api-key", System.getenv("VAULTRISK_API_KEY"));
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("--api-key: required (or set VAULTRISK_API_KEY)");
        }
        URI service;
        try {
            service = URI.create(opts.get("--service"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--service: not a URL: " + opts.get("--service"));
        }
        ExecutorConfig c = ExecutorConfig.of(
                service, apiKey, opts.get("--rpc"), opts.get("--vault"), Path.of(opts.get("--key-file")), once);
        if (opts.containsKey("--state-file")) {
            c = c.withStateFile(Path.of(opts.get("--state-file")));
        }
        int drift = opts.containsKey("--drift-bps")
                ? integer("--drift-bps", opts.get("--drift-bps"))
                : c.driftThresholdBps();
        BigInteger gas = opts.containsKey("--max-gas-gwei") ? gwei(opts, "--max-gas-gwei") : c.maxGasPriceWei();
        c = c.withThresholds(drift, gas);
        if (opts.containsKey("--urgent-max-gas-gwei")) {
            BigInteger urgent = gwei(opts, "--urgent-max-gas-gwei");
            if (urgent.compareTo(gas) < 0) {
                throw new IllegalArgumentException("--urgent-max-gas-gwei: must be >= --max-gas-gwei");
            }
            c = c.withGasCeilings(gas, urgent);
        }
        long feedAge = opts.containsKey("--max-feed-age-seconds")
                ? integer("--max-feed-age-seconds", opts.get("--max-feed-age-seconds"))
                : c.maxFeedAgeSeconds();
        int deviation = opts.containsKey("--max-feed-deviation-bps")
                ? integer("--max-feed-deviation-bps", opts.get("--max-feed-deviation-bps"))
                : c.maxFeedPoolDeviationBps();
        if (feedAge <= 0) {
            throw new IllegalArgumentException("--max-feed-age-seconds: must be > 0, got " + feedAge);
        }
        if (deviation < 0 || deviation >= 10_000) {
            throw new IllegalArgumentException("--max-feed-deviation-bps: must be in [0, 10000), got " + deviation);
        }
        c = c.withCircuitBreaker(feedAge, deviation).withStream(stream);
        if (opts.containsKey("--poll-seconds")) {
            c = c.withPolling(
                    Duration.ofSeconds(integer("--poll-seconds", opts.get("--poll-seconds"))),
                    c.maxAttempts(),
                    c.initialBackoff());
        }
        if (opts.containsKey("--bump-seconds")) {
            int bump = integer("--bump-seconds", opts.get("--bump-seconds"));
            if (bump <= 0) {
                throw new IllegalArgumentException("--bump-seconds: must be > 0, got " + bump);
            }
            c = c.withBumpAfter(Duration.ofSeconds(bump));
        }
        FeedForwarding feeds = forward ? FeedForwarding.DEFAULT : FeedForwarding.OFF;
        if (opts.containsKey("--feed-assets")) {
            feeds = feeds.withAssets(opts.get("--feed-assets"));
        }
        return c.withFeeds(feeds);
    }

    /**
     * The put venue's quoter, from {@code --quoter-key-file} and {@code --quote-spread} (default 0.05); null without
     * a key file (the executor then buys no protection).
     */
    public static ProtectionSeeker.QuoterConfig quoter(String[] args) {
        String file = null, spread = null;
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--quoter-key-file")) {
                file = args[i + 1];
            } else if (args[i].equals("--quote-spread")) {
                spread = args[i + 1];
            }
        }
        double s;
        try {
            s = spread == null ? 0.05 : Double.parseDouble(spread);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--quote-spread: not a number: " + spread);
        }
        if (!(s >= 0 && s < 1)) {
            throw new IllegalArgumentException("--quote-spread: must be in [0, 1), got " + spread);
        }
        return file == null
                ? null
                : new ProtectionSeeker.QuoterConfig(
                        Path.of(file), s, ProtectionSeeker.QuoterConfig.DEFAULT_QUOTE_VALIDITY);
    }

    private static BigInteger gwei(Map<String, String> opts, String option) {
        try {
            return new BigDecimal(opts.get(option)).movePointRight(9).toBigInteger();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": not a number: " + opts.get(option));
        }
    }

    private static int integer(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": not an integer: " + value);
        }
    }
}
