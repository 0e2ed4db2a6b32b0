package io.vaultrisk.cli;

import io.vaultrisk.executor.Executor;
import io.vaultrisk.executor.ExecutorConfig;
import io.vaultrisk.executor.ExecutorException;
import io.vaultrisk.executor.FeedForwarding;
import io.vaultrisk.executor.Outcome;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vaultrisk executor}: polls the service for the vault's latest signed allocation, verifies it off-chain and
 * rebalances the vault on-chain; restart-safe (state file written ahead of every broadcast).
 */
@Command(
        name = "executor",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Poll signed allocations and rebalance a vault on-chain (verifies before spending gas).")
public final class ExecutorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--service", required = true, description = "Service base URL, e.g. http://127.0.0.1:8080.")
    String service;

    @Option(names = "--rpc", required = true, description = "JSON-RPC URL of the chain node.")
    String rpc;

    @Option(names = "--vault", required = true, description = "Vault contract address (0x…).")
    String vault;

    @Option(names = "--key-file", required = true, description = "File whose first line is the executor's hex key.")
    Path keyFile;

    @Option(names = "--api-key", description = "API key with the executor role (default: env VAULTRISK_API_KEY).")
    String apiKey;

    @Option(names = "--state-file", description = "State file (default: next to the key file).")
    Path stateFile;

    @Option(names = "--drift-bps", description = "Skip when every sleeve is within this many bps (default 50).")
    Integer driftBps;

    @Option(
            names = "--max-gas-gwei",
            description = "Normal allocations wait while the gas price is above this (default 200 gwei).")
    BigDecimal maxGasGwei;

    @Option(
            names = "--urgent-max-gas-gwei",
            description = "Urgent allocations (a limit breach) may pay up to this (default 1000 gwei, at least"
                    + " --max-gas-gwei).")
    BigDecimal urgentMaxGasGwei;

    @Option(
            names = "--max-feed-age-seconds",
            description = "Circuit breaker: refuse while a feed is older than this or than the vault's heartbeat"
                    + " (default 3600).")
    Long maxFeedAgeSeconds;

    @Option(
            names = "--max-feed-deviation-bps",
            description = "Circuit breaker: refuse while a pool is further than this from its feed (default 100).")
    Integer maxFeedDeviationBps;

    @Option(names = "--no-stream", description = "Poll only: do not follow the service's allocation stream.")
    boolean noStream;

    @Option(
            names = "--feed-assets",
            paramLabel = "SLEEVE=ASSET,...",
            description = "The service's asset name for each sleeve whose feed rounds are forwarded (e.g."
                    + " WETH=ETH,WBTC=BTC, as the vault's book names them); default: the sleeve's own name.")
    String feedAssets;

    @Option(
            names = "--no-feed-forwarding",
            description = "Do not forward the vault's feed rounds to the service's market data (polling mode only).")
    boolean noFeedForwarding;

    @Option(names = "--poll-seconds", description = "Polling interval (default 30).")
    Integer pollSeconds;

    @Option(
            names = "--bump-seconds",
            description = "Replace a transaction unmined this long with 12.5% higher fees, or cancel it when its"
                    + " allocation expired or was superseded (default 36).")
    Integer bumpSeconds;

    @Option(names = "--once", description = "Poll once and exit.")
    boolean once;

    @Option(
            names = "--quoter-key-file",
            description = "File whose first line is the put venue's quoter key: with it, an urgent allocation that"
                    + " asks for protective puts gets them quoted, checked and signed by the service, and bought"
                    + " (demo and tests: a production executor asks the venue instead).")
    Path quoterKeyFile;

    @Option(names = "--quote-spread", description = "The quoter's spread over Black–Scholes, e.g. 0.05 (default 0.05).")
    Double quoteSpread;

    @Override
    public Integer call() throws Exception {
        ChainLibraries.require();
        return new Run().call();
    }

    /**
     * The work, in its own class: picocli reflects over every command class to register it, so this one names no
     * executor or web3j type in its own methods (see {@link ChainLibraries}).
     */
    private final class Run implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            URI url;
            try {
                url = URI.create(service);
            } catch (IllegalArgumentException e) {
                throw CliSupport.badInput(spec, "--service", "not a URL: " + service);
            }
            CliSupport.require(
                    spec,
                    "http".equals(url.getScheme()) || "https".equals(url.getScheme()),
                    "--service",
                    "must be an http(s) URL, got " + service);
            CliSupport.require(
                    spec,
                    vault.matches("0x[0-9a-fA-F]{40}"),
                    "--vault",
                    "must be a 0x-prefixed 20-byte " + "address, got " + vault);
            CliSupport.require(spec, Files.isReadable(keyFile), "--key-file", "cannot read " + keyFile);
            String key = apiKey != null ? apiKey : System.getenv("VAULTRISK_API_KEY");
            CliSupport.require(spec, key != null && !key.isBlank(), "--api-key", "required (or set VAULTRISK_API_KEY)");
            CliSupport.require(
                    spec, bumpSeconds == null || bumpSeconds > 0, "--bump-seconds", "must be > 0, got " + bumpSeconds);
            CliSupport.require(
                    spec,
                    maxFeedAgeSeconds == null || maxFeedAgeSeconds > 0,
                    "--max-feed-age-seconds",
                    "must be > 0, got " + maxFeedAgeSeconds);
            CliSupport.require(
                    spec,
                    maxFeedDeviationBps == null || maxFeedDeviationBps >= 0 && maxFeedDeviationBps < 10_000,
                    "--max-feed-deviation-bps",
                    "must be in [0, 10000), got " + maxFeedDeviationBps);
            CliSupport.require(
                    spec,
                    urgentMaxGasGwei == null
                            || urgentMaxGasGwei.compareTo(
                                            maxGasGwei != null
                                                    ? maxGasGwei
                                                    : new BigDecimal(ExecutorConfig.DEFAULT_MAX_GAS_PRICE_WEI)
                                                            .movePointLeft(9))
                                    >= 0,
                    "--urgent-max-gas-gwei",
                    "must be >= --max-gas-gwei");
            ExecutorConfig config;
            try {
                config = ExecutorConfig.of(url, key, rpc, vault, keyFile, once);
                if (stateFile != null) {
                    config = config.withStateFile(stateFile);
                }
                int drift = driftBps != null ? driftBps : config.driftThresholdBps();
                config = config.withThresholds(
                        drift,
                        maxGasGwei != null ? maxGasGwei.movePointRight(9).toBigInteger() : config.maxGasPriceWei());
                if (pollSeconds != null) {
                    config = config.withPolling(
                            Duration.ofSeconds(pollSeconds), config.maxAttempts(), config.initialBackoff());
                }
                if (bumpSeconds != null) {
                    config = config.withBumpAfter(Duration.ofSeconds(bumpSeconds));
                }
                if (urgentMaxGasGwei != null) {
                    config = config.withGasCeilings(
                            config.maxGasPriceWei(),
                            urgentMaxGasGwei.movePointRight(9).toBigInteger());
                }
                config = config.withCircuitBreaker(
                                maxFeedAgeSeconds != null ? maxFeedAgeSeconds : config.maxFeedAgeSeconds(),
                                maxFeedDeviationBps != null ? maxFeedDeviationBps : config.maxFeedPoolDeviationBps())
                        .withStream(!noStream);
                FeedForwarding feeds = noFeedForwarding ? FeedForwarding.OFF : FeedForwarding.DEFAULT;
                config = config.withFeeds(feedAssets == null ? feeds : feeds.withAssets(feedAssets));
            } catch (IllegalArgumentException e) {
                throw CliSupport.badInput(
                        spec, "--" + e.getMessage().split(":")[0].replaceFirst("^--", ""), e.getMessage());
            }
            int[] exit = {CliSupport.EXIT_OK};
            // polling: a node or service that is down is one line on stderr and another try, never an exit
            double spread = quoteSpread == null ? 0.05 : quoteSpread;
            CliSupport.require(spec, spread >= 0 && spread < 1, "--quote-spread", "must be in [0, 1), got " + spread);
            CliSupport.require(
                    spec,
                    quoterKeyFile == null || java.nio.file.Files.isRegularFile(quoterKeyFile),
                    "--quoter-key-file",
                    "no such file: " + quoterKeyFile);
            try (Executor executor = Executor.connect(config, System.err::println)) {
                executor.withQuoter(quoterKeyFile, spread);
                executor.run(
                        o -> {
                            System.out.println(o);
                            if (o.kind() == Outcome.Kind.REJECTED
                                    || o.kind() == Outcome.Kind.REFUSED
                                    || o.kind() == Outcome.Kind.REVERTED) {
                                exit[0] = CliSupport.EXIT_FAILURE;
                            }
                        },
                        System.err::println);
            } catch (ExecutorException e) {
                System.err.println("vaultrisk executor: " + CliSupport.oneLine(e.getMessage()));
                return CliSupport.EXIT_FAILURE;
            }
            return exit[0];
        }
    }
}
