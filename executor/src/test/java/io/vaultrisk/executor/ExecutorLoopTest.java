package io.vaultrisk.executor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vaultrisk.contracts.AnvilNode;
import io.vaultrisk.contracts.Chain;
import io.vaultrisk.contracts.DeploymentSpec;
import io.vaultrisk.contracts.MarketProcess;
import io.vaultrisk.contracts.MarketSpec;
import io.vaultrisk.contracts.VaultDeployer;
import io.vaultrisk.contracts.VaultDeployment;
import io.vaultrisk.contracts.generated.PriceFeed;
import io.vaultrisk.executor.Outcome.Kind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * Issue 18's executor on Anvil: it reacts to the stream (an urgent allocation mined in the next block, long before the
 * next poll), pays for urgency only up to the urgent ceiling while a normal allocation waits for gas, and its circuit
 * breaker refuses, and reports, a stale feed and a pool that the market process left behind its feed.
 */
@Tag("slow") // starts Anvil: ./run-tests --fast leaves it out
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExecutorLoopTest {

    private static final ECKeyPair RISK_KEY = Credentials.create(
                    "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318")
            .getEcKeyPair();
    private static final ObjectMapper JSON = new ObjectMapper();

    private AnvilNode anvil;
    private Chain chain;
    private Credentials owner;
    private Credentials executorAccount;
    private AllocationEndpoint service;
    private VaultDeployment d;

    @TempDir
    Path dir;

    private Path keyFile;

    @BeforeAll
    void startChain() throws Exception {
        anvil = AnvilNode.start();
        chain = Chain.connect(anvil.rpcUrl());
        owner = Credentials.create(AnvilNode.DEV_KEYS.get(0));
        executorAccount = Credentials.create(AnvilNode.DEV_KEYS.get(1));
    }

    @AfterAll
    void stopChain() {
        if (chain != null) {
            chain.close();
        }
        if (anvil != null) {
            anvil.close();
        }
    }

    @BeforeEach
    void deployVault() throws Exception {
        d = VaultDeployer.deploy(
                chain,
                owner,
                Credentials.create(RISK_KEY).getAddress(),
                List.of(executorAccount.getAddress()),
                DeploymentSpec.DEFAULT);
        service = new AllocationEndpoint();
        keyFile = dir.resolve("executor.key");
        Files.writeString(keyFile, AnvilNode.DEV_KEYS.get(1) + "\n");
    }

    @AfterEach
    void stopService() {
        service.close();
    }

    @Test
    void run_urgentAllocationOnStream_minedInNextBlockWithoutWaitingForPoll() throws Exception {
        // polls a minute apart: only the stream can make the executor act within the test's few seconds
        ExecutorConfig config = config(false).withPolling(Duration.ofSeconds(60), 4, Duration.ofMillis(50));
        List<Outcome> outcomes = new CopyOnWriteArrayList<>();
        try (Executor executor = Executor.create(config)) {
            Thread loop = new Thread(
                    () -> {
                        try {
                            executor.run(outcomes::add, line -> {});
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    },
                    "executor-loop");
            loop.start();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> service.streamConnections() >= 1);
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !outcomes.isEmpty());
            long published = blockNumber();
            long start = System.nanoTime();
            service.publishUrgent(
                    d.vault(),
                    chain.chainId(),
                    1,
                    validUntil(),
                    List.of(8000, 1000, 1000),
                    RISK_KEY,
                    "breach: ES99 1d 14.2% > 12%");

            Outcome done = Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(
                            () -> outcomes.stream()
                                    .filter(o -> o.kind() == Kind.REBALANCED)
                                    .findFirst()
                                    .orElse(null),
                            o -> o != null);
            double seconds = (System.nanoTime() - start) / 1e9;
            executor.stop();
            loop.join(Duration.ofSeconds(70).toMillis());

            var receipt = chain.web3j()
                    .ethGetTransactionReceipt(done.txHash())
                    .send()
                    .getTransactionReceipt()
                    .orElseThrow();
            assertThat(receipt.getBlockNumber().longValueExact())
                    .as("the next block")
                    .isEqualTo(published + 1);
            assertThat(done.detail()).startsWith("urgent (breach: ES99 1d 14.2% > 12%)");
            assertThat(seconds).as("reaction time, s").isLessThan(10);
            System.out.printf("urgent allocation announced -> mined in block %d: %.2f s%n", published + 1, seconds);
            JsonNode event = JSON.readTree(service.events().get(0));
            assertThat(event.get("kind").asText()).isEqualTo("executed");
            assertThat(event.get("nonce").asText()).isEqualTo("1");
            assertThat(event.get("reason").asText()).isEqualTo("breach: ES99 1d 14.2% > 12%");
            assertThat(event.get("tx").asText()).isEqualTo(done.txHash());
            assertThat(event.get("block").asLong()).isEqualTo(published + 1);
            assertThat(event.get("weightsBps").toString()).isEqualTo("[8000,1000,1000]");
        }
    }

    @Test
    void runOnce_gasAboveNormalCeiling_normalWaitsAndUrgentExecutesUpToUrgentCeiling() throws Exception {
        BigInteger gasPrice = chain.gasPrice();
        BigInteger normal = gasPrice.divide(BigInteger.TWO); // the market is above the normal ceiling
        BigInteger urgent = gasPrice.multiply(BigInteger.TEN);
        ExecutorConfig config = config(true).withGasCeilings(normal, urgent);
        service.publish(d.vault(), chain.chainId(), 1, validUntil(), List.of(4000, 3000, 3000), RISK_KEY);
        long txBefore = accountTxCount();
        try (Executor executor = Executor.create(config)) {
            Outcome waiting = executor.runOnce();

            assertThat(waiting.kind()).isEqualTo(Kind.GAS_TOO_HIGH);
            assertThat(waiting.detail()).startsWith("normal allocation waits for gas: gas price ");
            assertThat(accountTxCount()).isEqualTo(txBefore);
            assertThat(service.events()).as("waiting is not a refusal").isEmpty();

            service.publishUrgent(
                    d.vault(), chain.chainId(), 2, validUntil(), List.of(4000, 3000, 3000), RISK_KEY, "breach: VaR");
            Outcome urgentOutcome = executor.runOnce();

            assertThat(urgentOutcome.kind()).as(urgentOutcome.toString()).isEqualTo(Kind.REBALANCED);
            var tx = chain.web3j()
                    .ethGetTransactionByHash(urgentOutcome.txHash())
                    .send()
                    .getTransaction()
                    .orElseThrow();
            assertThat(tx.getMaxFeePerGas()).isGreaterThan(normal).isLessThanOrEqualTo(urgent);
        }
    }

    @Test
    void runOnce_staleFeed_breakerRefusesWithoutGasAndReportsOnce() throws Exception {
        long stale = latestTimestamp() - 3601;
        PriceFeed.load(
                        d.feeds().get(2),
                        chain.web3j(),
                        chain.transactionManager(owner),
                        chain.gasProvider(BigInteger.valueOf(200_000)))
                .setRound(VaultDeployer.feedAnswer(new BigDecimal("3000")), BigInteger.valueOf(stale))
                .send();
        service.publish(d.vault(), chain.chainId(), 1, validUntil(), List.of(4000, 3000, 3000), RISK_KEY);
        long txBefore = accountTxCount();
        try (Executor executor = Executor.create(config(true))) {
            Outcome first = executor.runOnce();
            Outcome second = executor.runOnce();

            assertThat(first.kind()).isEqualTo(Kind.REFUSED);
            assertThat(first.detail())
                    .matches("circuit breaker: the WETH feed is stale: its answer is 360[1-9] s old"
                            + " at the latest block \\(limit 3600 s\\)");
            assertThat(second.kind()).isEqualTo(Kind.REFUSED);
            assertThat(executor.state().lastHandledNonce())
                    .as("retried once the feed is fresh")
                    .isZero();
        }
        assertThat(accountTxCount()).isEqualTo(txBefore);
        assertThat(service.events()).as("one report for two refusing polls").hasSize(1);
        JsonNode event = JSON.readTree(service.events().get(0));
        assertThat(event.get("kind").asText()).isEqualTo("refused");
        assertThat(event.get("nonce").asText()).isEqualTo("1");
        assertThat(event.get("reason").asText()).startsWith("circuit breaker: the WETH feed is stale");
        assertThat(event.get("weightsBps").toString()).isEqualTo("[4000,3000,3000]");
    }

    @Test
    void runOnce_poolLagsFeed_breakerRefusesThenActsOnceArbitrageCatchesUp() throws Exception {
        // the arbitrageur trails the feed by a block: after a 5% feed move the pool is still at the old price
        MarketProcess market = MarketProcess.start(chain, owner, d, MarketSpec.of(60, 1, null));
        market.tick(List.of(new BigDecimal("94500"), new BigDecimal("3000")));
        service.publish(d.vault(), chain.chainId(), 1, validUntil(), List.of(4000, 3000, 3000), RISK_KEY);
        try (Executor executor = Executor.create(config(true))) {
            Outcome refused = executor.runOnce();

            // |90,000 - 94,500| / 94,500 = 476 bps
            assertThat(refused.kind()).isEqualTo(Kind.REFUSED);
            assertThat(refused.detail())
                    .isEqualTo("circuit breaker: the WBTC pool is 476 bps from its feed (pool 90000.00, feed"
                            + " 94500.00 USD; limit 100 bps)");

            market.tick(List.of(new BigDecimal("94500"), new BigDecimal("3000")));
            Outcome applied = executor.runOnce();

            assertThat(applied.kind()).as(applied.toString()).isEqualTo(Kind.REBALANCED);
        }
        assertThat(service.events()).hasSize(2);
        assertThat(JSON.readTree(service.events().get(0)).get("kind").asText()).isEqualTo("refused");
        assertThat(JSON.readTree(service.events().get(1)).get("kind").asText()).isEqualTo("executed");
    }

    @Test
    void runOnce_referencePriceOutsideVaultsBand_refusesWithoutGasThenAppliesOneWithinIt() throws Exception {
        BigInteger usd = BigInteger.TEN.pow(18);
        // the service saw WBTC at 93,000; the feed says 90,000: 333 bps, over the vault's 200 bps band
        service.publishPriced(
                d.vault(),
                chain.chainId(),
                1,
                validUntil(),
                List.of(4000, 3000, 3000),
                List.of(usd, usd.multiply(BigInteger.valueOf(93_000)), usd.multiply(BigInteger.valueOf(3_000))),
                RISK_KEY);
        long txBefore = accountTxCount();
        try (Executor executor = Executor.create(config(true))) {
            Outcome refused = executor.runOnce();

            assertThat(refused.kind()).isEqualTo(Kind.REFUSED);
            assertThat(refused.detail())
                    .isEqualTo("circuit breaker: the WBTC feed answers 90000 USD, 333 bps from the allocation's"
                            + " reference price 93000 USD (the vault's band 200 bps)");
            assertThat(accountTxCount()).isEqualTo(txBefore);
            assertThat(executor.state().lastHandledNonce()).isZero();

            // 100 bps and 0 bps: within the band, applied
            service.publishPriced(
                    d.vault(),
                    chain.chainId(),
                    2,
                    validUntil(),
                    List.of(4000, 3000, 3000),
                    List.of(usd, usd.multiply(BigInteger.valueOf(90_900)), usd.multiply(BigInteger.valueOf(3_000))),
                    RISK_KEY);
            Outcome applied = executor.runOnce();

            assertThat(applied.kind()).as(applied.toString()).isEqualTo(Kind.REBALANCED);
        }
    }

    @Test
    void run_feedUpdate_reachesTheServicesMarketDataOnceUnderItsAsset() throws Exception {
        ExecutorConfig config = config(false)
                .withPolling(Duration.ofSeconds(60), 4, Duration.ofMillis(50))
                .withFeeds(new FeedForwarding(true, java.util.Map.of("WETH", "ETH"), Duration.ofMillis(200)));
        List<String> notices = new CopyOnWriteArrayList<>();
        try (Executor executor = Executor.create(config)) {
            Thread loop = new Thread(
                    () -> {
                        try {
                            executor.run(o -> {}, notices::add);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    },
                    "executor-loop");
            loop.start();
            // the deployment's rounds first: WETH under the service's name ETH, WBTC under its own
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> service.marketPrice("ETH") != null && service.marketPrice("WBTC") != null);
            assertThat(service.marketPrice("ETH")).isEqualByComparingTo(DeploymentSpec.DEFAULT.ethPriceUsd());

            PriceFeed.load(
                            d.feeds().get(2),
                            chain.web3j(),
                            chain.transactionManager(owner),
                            chain.gasProvider(BigInteger.valueOf(200_000)))
                    .setAnswer(VaultDeployer.feedAnswer(new BigDecimal("2712.5")))
                    .send();
            long start = System.nanoTime();
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> new BigDecimal("2712.5").compareTo(service.marketPrice("ETH")) == 0);
            System.out.printf("feed update -> service market data: %.2f s%n", (System.nanoTime() - start) / 1e9);
            Thread.sleep(1000); // five more reads of unchanged feeds
            executor.stop();
            loop.join(Duration.ofSeconds(70).toMillis());
            List<String> posted = service.postedRounds();
            assertThat(posted).as("each round forwarded once").doesNotHaveDuplicates();
            assertThat(posted.stream().filter(r -> r.startsWith("ETH#"))).hasSize(2);
            assertThat(notices).isEmpty();
        }
    }

    @Test
    void run_serviceWithoutFeedRounds_oneNoticeAndTheExecutorCarriesOn() throws Exception {
        service.offerFeedRounds(false);
        ExecutorConfig config = config(false)
                .withPolling(Duration.ofSeconds(60), 4, Duration.ofMillis(50))
                .withFeeds(new FeedForwarding(true, java.util.Map.of(), Duration.ofMillis(100)));
        List<String> notices = new CopyOnWriteArrayList<>();
        List<Outcome> outcomes = new CopyOnWriteArrayList<>();
        try (Executor executor = Executor.create(config)) {
            Thread loop = new Thread(
                    () -> {
                        try {
                            executor.run(outcomes::add, notices::add);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    },
                    "executor-loop");
            loop.start();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !notices.isEmpty() && !outcomes.isEmpty());
            Thread.sleep(500);
            executor.stop();
            loop.join(Duration.ofSeconds(70).toMillis());
            assertThat(notices)
                    .singleElement()
                    .asString()
                    .contains("/api/v1/market/feed-rounds (404): feed rounds are not forwarded");
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private ExecutorConfig config(boolean once) {
        return new ExecutorConfig(
                service.url(),
                AllocationEndpoint.API_KEY,
                anvil.rpcUrl(),
                d.vault(),
                keyFile,
                dir.resolve("state-" + d.vault() + ".json"),
                50,
                ExecutorConfig.DEFAULT_MAX_GAS_PRICE_WEI,
                Duration.ofSeconds(1),
                4,
                Duration.ofMillis(50),
                once,
                Duration.ofSeconds(30));
    }

    private long accountTxCount() throws Exception {
        return chain.web3j()
                .ethGetTransactionCount(executorAccount.getAddress(), DefaultBlockParameterName.LATEST)
                .send()
                .getTransactionCount()
                .longValueExact();
    }

    private long blockNumber() throws Exception {
        return chain.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
    }

    private long validUntil() throws Exception {
        return latestTimestamp() + 3600;
    }

    private long latestTimestamp() throws Exception {
        return chain.web3j()
                .ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
                .send()
                .getBlock()
                .getTimestamp()
                .longValueExact();
    }
}
