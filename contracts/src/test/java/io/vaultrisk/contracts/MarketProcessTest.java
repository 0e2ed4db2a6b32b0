package io.vaultrisk.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vaultrisk.contracts.generated.PriceFeed;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;

/**
 * The market process on Anvil: feeds take the path's answers with {@code updatedAt} equal to their block's time on the
 * accelerated clock, and the arbitrage keeps pools at the lagged feed, each block moving a pool no further than the
 * arbitrage limit allows. Pool prices are read back from the pools' reserves, independently of the process's own
 * arithmetic.
 */
@Tag("slow") // starts Anvil: ./run-tests --fast leaves it out
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MarketProcessTest {

    private static final List<List<BigDecimal>> PATH =
            List.of(prices("92000", "3100"), prices("88000", "2900"), prices("80000", "2500"), prices("83000", "2650"));

    private AnvilNode anvil;
    private Chain chain;
    private Credentials owner;

    @BeforeAll
    void startChain() throws Exception {
        anvil = AnvilNode.start();
        chain = Chain.connect(anvil.rpcUrl());
        owner = Credentials.create(AnvilNode.DEV_KEYS.get(0));
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

    @Test
    void replay_noLag_feedsAnswerPathAtBlockTimeAndPoolsMatchFeeds() throws Exception {
        VaultDeployment d = deploy();
        MarketProcess market = MarketProcess.start(chain, owner, d, MarketSpec.of(3600, 0, null));
        long before = timestampOf(-1);

        List<MarketProcess.Tick> ticks = market.replay(PATH, Duration.ZERO, t -> {});

        // the process reads its clock when it starts; a block mined since (its own set-up) may be a second later
        assertThat(ticks.get(0).timestamp()).as("first tick").isBetween(before + 3599, before + 3600);
        long previous = ticks.get(0).timestamp() - 3600;
        for (MarketProcess.Tick t : ticks) {
            List<BigDecimal> row = PATH.get(t.index());
            assertThat(t.timestamp()).as("accelerated clock").isEqualTo(previous + 3600);
            assertThat(timestampOf(t.block())).isEqualTo(t.timestamp());
            for (int i = 1; i <= 2; i++) {
                PriceFeed atBlock = feed(d, i);
                atBlock.setDefaultBlockParameter(DefaultBlockParameter.valueOf(BigInteger.valueOf(t.block())));
                var round = atBlock.latestRoundData().send();
                assertThat(round.component2()).isEqualTo(VaultDeployer.feedAnswer(row.get(i - 1)));
                assertThat(round.component4()).as("updatedAt").isEqualTo(BigInteger.valueOf(t.timestamp()));
                // the arbitrage lands in the feed's block: the pool is at the feed within rounding of whole units
                assertThat(ratio(t.poolUsd().get(i - 1), row.get(i - 1))).isCloseTo(1.0, within(1e-6));
            }
            previous = t.timestamp();
        }
    }

    @Test
    void replay_lagTwoBlocks_poolsTrailFeedsByTwoTicks() throws Exception {
        VaultDeployment d = deploy();
        MarketProcess market = MarketProcess.start(chain, owner, d, MarketSpec.of(60, 2, null));
        List<BigDecimal> start = List.of(market.feedUsd(1), market.feedUsd(2));

        List<MarketProcess.Tick> ticks = market.replay(PATH, Duration.ZERO, t -> {});

        for (MarketProcess.Tick t : ticks) {
            List<BigDecimal> lagged = t.index() >= 2 ? PATH.get(t.index() - 2) : start;
            for (int i = 0; i < 2; i++) {
                assertThat(ratio(t.poolUsd().get(i), lagged.get(i))).isCloseTo(1.0, within(1e-6));
            }
        }
        // tick 2: feed at 80,000 while the pool is still at tick 0's 92,000, 15% apart
        assertThat(ratio(ticks.get(2).poolUsd().get(0), ticks.get(2).feedUsd().get(0)))
                .isCloseTo(92_000.0 / 80_000.0, within(1e-6));
    }

    @Test
    void tick_limitedArbitrage_eachBlockMovesWithinBoundAndPoolCatchesUp() throws Exception {
        VaultDeployment d = deploy();
        // $400k per block against a $50M pool: at most (1 + 0.008)^2, about 1.6%, per block
        MarketProcess market = MarketProcess.start(chain, owner, d, MarketSpec.of(60, 0, new BigDecimal("400000")));
        List<BigDecimal> jump = prices("99000", "3000"); // BTC +10%
        BigDecimal pool = market.poolUsd(1);
        int blocks = 0;
        List<Double> moves = new ArrayList<>();
        while (ratio(market.feedUsd(1), market.poolUsd(1)) > 1 + 1e-6 || blocks == 0) {
            double bound = market.spec().maxMovePerBlock(market.poolDepthUsd(1).doubleValue());
            MarketProcess.Tick t = market.tick(jump);
            double move = ratio(t.poolUsd().get(0), pool);
            moves.add(move);
            assertThat(move).as("block %d", blocks).isGreaterThan(1.0).isLessThanOrEqualTo(bound * (1 + 1e-9));
            pool = t.poolUsd().get(0);
            blocks++;
            assertThat(blocks).as("pool never caught up: moves %s", moves).isLessThan(20);
        }
        // ln(1.1) / ln(1.016) is about 6: a limited arbitrageur needs several blocks, not one
        assertThat(blocks).isBetween(6, 8);
        assertThat(ratio(market.poolUsd(2), market.feedUsd(2))).isCloseTo(1.0, within(1e-6));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private VaultDeployment deploy() throws Exception {
        return VaultDeployer.deploy(
                chain,
                owner,
                Credentials.create(AnvilNode.DEV_KEYS.get(1)).getAddress(),
                List.of(),
                DeploymentSpec.DEFAULT);
    }

    private PriceFeed feed(VaultDeployment d, int sleeve) {
        return PriceFeed.load(
                d.feeds().get(sleeve),
                chain.web3j(),
                new ReadonlyTransactionManager(chain.web3j(), owner.getAddress()),
                new StaticGasProvider(BigInteger.ONE, BigInteger.ONE));
    }

    /** Timestamp of a block, or of the latest block for a negative number. */
    private long timestampOf(long block) throws Exception {
        DefaultBlockParameter p = block < 0
                ? org.web3j.protocol.core.DefaultBlockParameterName.LATEST
                : DefaultBlockParameter.valueOf(BigInteger.valueOf(block));
        return chain.web3j()
                .ethGetBlockByNumber(p, false)
                .send()
                .getBlock()
                .getTimestamp()
                .longValueExact();
    }

    private static double ratio(BigDecimal a, BigDecimal b) {
        return a.doubleValue() / b.doubleValue();
    }

    private static List<BigDecimal> prices(String btc, String eth) {
        return List.of(new BigDecimal(btc), new BigDecimal(eth));
    }
}
