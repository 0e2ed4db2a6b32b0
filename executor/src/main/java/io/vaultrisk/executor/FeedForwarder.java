package io.vaultrisk.executor;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vaultrisk.contracts.generated.PriceFeed;
import io.vaultrisk.contracts.generated.Vault;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.web3j.protocol.Web3j;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;

/**
 * Forwards each new round of the vault's feeds (every risky sleeve's AggregatorV3 feed) to the service's market data,
 * {@code POST /api/v1/market/feed-rounds} with {@code {"rounds": [{"asset", "roundId", "answer", "decimals",
 * "updatedAt"}]}}, so the service follows the chain without anyone posting ticks. A round is forwarded once the
 * service accepted it (2xx); until then it is sent again on the next read, which the service ignores if it already
 * has it (it is idempotent by round id per asset). A service without the endpoint (404) turns forwarding off with one
 * notice; a failed read or post is one notice per distinct message and the next read tries again. Runs on its own
 * daemon thread, beside the executor's loop, never blocking a rebalance.
 */
final class FeedForwarder implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StaticGasProvider NO_GAS = new StaticGasProvider(BigInteger.ONE, BigInteger.ONE);

    /** A risky sleeve's feed, read once. */
    private record Feed(String sleeve, String asset, String address, int decimals) {}

    private final ExecutorConfig config;
    private final Vault vault;
    private final Web3j web3j;
    private final ReadonlyTransactionManager reader;
    private final Consumer<String> notices;
    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final Map<String, BigInteger> forwarded = new HashMap<>();
    private List<Feed> feeds;
    private String lastNotice;
    private volatile boolean stopped;
    private volatile boolean missing;
    private volatile Thread thread;

    FeedForwarder(ExecutorConfig config, Vault vault, Web3j web3j, String from, Consumer<String> notices) {
        this.config = config;
        this.vault = vault;
        this.web3j = web3j;
        this.reader = new ReadonlyTransactionManager(web3j, from);
        this.notices = notices;
        String base = config.serviceUrl().toString().replaceAll("/+$", "");
        this.endpoint = URI.create(base + "/api/v1/market/feed-rounds");
    }

    /** Starts reading the feeds every {@link FeedForwarding#every()} on a daemon thread. */
    void start() {
        thread = new Thread(
                () -> {
                    while (!stopped && !missing) {
                        forwardOnce();
                        try {
                            Thread.sleep(config.feeds().every().toMillis());
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "feed-forwarder");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Reads every feed once and posts its rounds not yet accepted; returns how many the service accepted (0 when
     * nothing was new, or reading or posting failed).
     */
    synchronized int forwardOnce() {
        if (missing) {
            return 0;
        }
        List<Map<String, Object>> rounds = new ArrayList<>();
        Map<String, BigInteger> ids = new LinkedHashMap<>();
        try {
            for (Feed f : feeds()) {
                PriceFeed feed = PriceFeed.load(f.address(), web3j, reader, NO_GAS);
                var round = Executor.send(feed.latestRoundData());
                BigInteger id = round.component1();
                BigInteger seen = forwarded.get(f.address());
                if (seen != null && id.compareTo(seen) <= 0) {
                    continue;
                }
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("asset", f.asset());
                r.put("roundId", id.toString());
                r.put("answer", round.component2().toString());
                r.put("decimals", f.decimals());
                r.put("updatedAt", round.component4().longValueExact());
                rounds.add(r);
                ids.put(f.address(), id);
            }
        } catch (IOException | RuntimeException e) {
            notice("cannot read the vault's feeds: " + e.getMessage());
            return 0;
        }
        if (rounds.isEmpty()) {
            return 0;
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(endpoint)
                    .timeout(Duration.ofSeconds(5))
                    .header("X-API-Key", config.apiKey())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("rounds", rounds))))
                    .build();
            int status =
                    http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status == 404) {
                missing = true;
                notices.accept(
                        "executor: the service has no " + endpoint.getPath() + " (404): feed rounds are not forwarded");
                return 0;
            }
            if (status / 100 != 2) {
                notice("the service answered " + status + " to feed rounds");
                return 0;
            }
        } catch (IOException e) {
            notice("cannot forward feed rounds to " + endpoint + ": " + e.getMessage());
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
        forwarded.putAll(ids);
        lastNotice = null;
        return rounds.size();
    }

    private void notice(String message) {
        if (!message.equals(lastNotice)) {
            lastNotice = message;
            notices.accept("executor: " + message);
        }
    }

    private List<Feed> feeds() throws IOException {
        if (feeds == null) {
            int n = Executor.send(vault.sleeveCount()).intValueExact();
            List<Feed> out = new ArrayList<>();
            for (int i = 1; i < n; i++) { // sleeve 0 is the stablecoin, valued at par without a feed
                BigInteger index = BigInteger.valueOf(i);
                String name = Executor.send(vault.sleeve(index)).component1();
                String address = Executor.send(vault.sleeveFeed(index)).component1();
                int decimals = Executor.send(
                                PriceFeed.load(address, web3j, reader, NO_GAS).decimals())
                        .intValueExact();
                out.add(new Feed(name, config.feeds().asset(name), address, decimals));
            }
            feeds = List.copyOf(out);
        }
        return feeds;
    }

    @Override
    public void close() {
        stopped = true;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }
}
