package io.vaultrisk.contracts;

import io.vaultrisk.contracts.generated.ConstantProductPool;
import io.vaultrisk.contracts.generated.PriceFeed;
import io.vaultrisk.contracts.generated.TestToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tuples.generated.Tuple2;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.utils.Numeric;

/**
 * The market around a deployed vault on a local Anvil node: replays a price path into the vault's AggregatorV3 feeds
 * and, through an arbitrageur, into its constant-product pools, one block per tick on an accelerated clock.
 * <p>
 * Each tick is one block mined at the previous tick's time plus {@link MarketSpec#stepSeconds()} (so a feed's
 * {@code updatedAt} is that block's timestamp): the feed owner sets every feed's answer, and the arbitrageur (the
 * deployer, minter of the test tokens, so its inventory is unlimited) trades each pool to the feed answer of
 * {@link MarketSpec#lagBlocks()} ticks earlier, fee included, with at most {@link MarketSpec#maxArbitrageUsd()} per
 * pool and block. Automatic mining is switched off while a tick's transactions are sent and restored afterwards, so
 * that they land in one block whatever else is pending; transactions others send meanwhile (an executor's rebalance)
 * land in the same block.
 */
public final class MarketProcess {

    /**
     * One mined tick.
     *
     * @param index tick number, from 0
     * @param block block number the tick was mined in
     * @param timestamp that block's timestamp (every feed's {@code updatedAt})
     * @param feedUsd feed answers per risky sleeve (deployment order, the stablecoin left out)
     * @param poolUsd pool spot prices (stablecoin reserve over token reserve, in USD per whole token) after the block
     */
    public record Tick(int index, long block, long timestamp, List<BigDecimal> feedUsd, List<BigDecimal> poolUsd) {
        public Tick {
            feedUsd = List.copyOf(feedUsd);
            poolUsd = List.copyOf(poolUsd);
        }
    }

    private static final MathContext MC = new MathContext(40);
    private static final BigDecimal FEE_KEPT = new BigDecimal("0.997"); // the pool keeps 0.30% of every input
    private static final BigInteger MAX_UINT = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
    private static final BigInteger FEED_GAS = BigInteger.valueOf(150_000);
    private static final BigInteger MINT_GAS = BigInteger.valueOf(150_000);
    private static final BigInteger SWAP_GAS = BigInteger.valueOf(250_000);
    private static final Duration RECEIPT_TIMEOUT = Duration.ofSeconds(30);

    private final Chain chain;
    private final Web3j web3j;
    private final Credentials owner;
    private final VaultDeployment deployment;
    private final MarketSpec spec;
    private final List<Integer> decimals;
    /** Feed answers of every tick so far, the answers found at start first: the arbitrageur's lagged targets. */
    private final List<List<BigDecimal>> history = new ArrayList<>();

    private long clock;
    private int ticks;

    private MarketProcess(Chain chain, Credentials owner, VaultDeployment deployment, MarketSpec spec)
            throws IOException {
        this.chain = chain;
        this.web3j = chain.web3j();
        this.owner = owner;
        this.deployment = deployment;
        this.spec = spec;
        this.decimals = DeploymentSpec.DECIMALS;
        this.clock = latestTimestamp();
        List<BigDecimal> start = new ArrayList<>();
        for (int i = 1; i < deployment.tokens().size(); i++) {
            start.add(feedUsd(i));
        }
        history.add(List.copyOf(start));
    }

    /**
     * A market process for the deployment, driven by its owner (the feeds' owner and the tokens' minter); approves
     * every pool to pull the arbitrageur's tokens once.
     */
    public static MarketProcess start(Chain chain, Credentials owner, VaultDeployment deployment, MarketSpec spec)
            throws Exception {
        Objects.requireNonNull(spec, "spec");
        MarketProcess m = new MarketProcess(chain, owner, deployment, spec);
        var tm = chain.transactionManager(owner);
        var gas = chain.gasProvider(BigInteger.valueOf(200_000));
        for (int i = 1; i < deployment.tokens().size(); i++) {
            String pool = deployment.pools().get(i);
            TestToken.load(deployment.tokens().get(i), chain.web3j(), tm, gas)
                    .approve(pool, MAX_UINT)
                    .send();
            TestToken.load(deployment.stablecoin(), chain.web3j(), tm, gas)
                    .approve(pool, MAX_UINT)
                    .send();
        }
        return m;
    }

    /**
     * Mines one tick: every feed set to {@code pricesUsd} (one per risky sleeve, deployment order) and every pool
     * arbitraged towards the lagged feed, in one block at the accelerated clock's next time.
     */
    public Tick tick(List<BigDecimal> pricesUsd) throws IOException {
        int risky = deployment.tokens().size() - 1;
        if (pricesUsd.size() != risky) {
            throw new IllegalArgumentException(
                    "pricesUsd: " + pricesUsd.size() + " prices for " + risky + " risky sleeves");
        }
        history.add(List.copyOf(pricesUsd));
        List<BigDecimal> target = history.get(Math.max(0, history.size() - 1 - spec.lagBlocks()));
        boolean automine = automine();
        List<String> sent = new ArrayList<>();
        try {
            chain.rpc("evm_setAutomine", "[false]");
            BigInteger nonce = web3j.ethGetTransactionCount(owner.getAddress(), DefaultBlockParameterName.PENDING)
                    .send()
                    .getTransactionCount();
            BigInteger maxFee = chain.gasPrice();
            for (int i = 1; i <= risky; i++) {
                String data = feed(i).setAnswer(VaultDeployer.feedAnswer(pricesUsd.get(i - 1)))
                        .encodeFunctionCall();
                sent.add(send(nonce, FEED_GAS, deployment.feeds().get(i), data, maxFee));
                nonce = nonce.add(BigInteger.ONE);
            }
            for (int i = 1; i <= risky; i++) {
                Optional<Trade> trade = arbitrage(i, target.get(i - 1));
                if (trade.isEmpty()) {
                    continue;
                }
                Trade t = trade.get();
                String mint = TestToken.load(t.tokenIn(), web3j, readOnly(), noGas())
                        .mint(owner.getAddress(), t.amountIn())
                        .encodeFunctionCall();
                sent.add(send(nonce, MINT_GAS, t.tokenIn(), mint, maxFee));
                nonce = nonce.add(BigInteger.ONE);
                String swap = pool(i).swap(t.tokenIn(), t.amountIn(), BigInteger.ZERO, owner.getAddress())
                        .encodeFunctionCall();
                sent.add(send(nonce, SWAP_GAS, deployment.pools().get(i), swap, maxFee));
                nonce = nonce.add(BigInteger.ONE);
            }
            clock = Math.max(clock + spec.stepSeconds(), latestTimestamp() + 1);
            chain.rpc("evm_setNextBlockTimestamp", "[" + clock + "]");
            chain.rpc("evm_mine", "[]");
        } finally {
            chain.rpc("evm_setAutomine", "[" + automine + "]");
        }
        long block = -1;
        for (String hash : sent) {
            TransactionReceipt r = receipt(hash);
            if (!r.isStatusOK()) {
                throw new IllegalStateException("market tick " + ticks + ": " + hash + " reverted: "
                        + chain.revertDataOfTransaction(hash).orElse("no data"));
            }
            block = r.getBlockNumber().longValueExact();
        }
        List<BigDecimal> feeds = new ArrayList<>();
        List<BigDecimal> pools = new ArrayList<>();
        for (int i = 1; i <= risky; i++) {
            feeds.add(feedUsd(i));
            pools.add(poolUsd(i));
        }
        return new Tick(ticks++, block, clock, feeds, pools);
    }

    /**
     * Replays a path, one {@link #tick} per row, handing each mined tick to {@code listener}; {@code wallPerTick}
     * paces the replay in wall time (zero: as fast as the node mines) so that watchers of the chain see it unfold.
     */
    public List<Tick> replay(List<List<BigDecimal>> path, Duration wallPerTick, Consumer<Tick> listener)
            throws IOException {
        List<Tick> out = new ArrayList<>();
        for (List<BigDecimal> row : path) {
            long started = System.nanoTime();
            Tick t = tick(row);
            out.add(t);
            listener.accept(t);
            long left = wallPerTick.toNanos() - (System.nanoTime() - started);
            if (left > 0) {
                try {
                    Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("market replay interrupted at tick " + t.index(), e);
                }
            }
        }
        return out;
    }

    /** The feed answer of risky sleeve {@code sleeve} (1-based, as in the vault), in USD. */
    public BigDecimal feedUsd(int sleeve) throws IOException {
        return new BigDecimal(call(feed(sleeve).latestRoundData()).component2())
                .movePointLeft(VaultDeployer.FEED_DECIMALS);
    }

    /** The spot price of sleeve {@code sleeve}'s pool (stablecoin reserve over token reserve), in USD per token. */
    public BigDecimal poolUsd(int sleeve) throws IOException {
        Tuple2<BigInteger, BigInteger> r = reserves(sleeve);
        BigDecimal token = new BigDecimal(r.component1()).movePointLeft(decimals.get(sleeve));
        BigDecimal usd = new BigDecimal(r.component2()).movePointLeft(decimals.get(0));
        return usd.divide(token, MC);
    }

    /** The stablecoin reserve of sleeve {@code sleeve}'s pool, in USD: its depth. */
    public BigDecimal poolDepthUsd(int sleeve) throws IOException {
        return new BigDecimal(reserves(sleeve).component2()).movePointLeft(decimals.get(0));
    }

    public MarketSpec spec() {
        return spec;
    }

    // ------------------------------------------------------------------------------------------------ internals

    private record Trade(String tokenIn, BigInteger amountIn) {}

    /**
     * The swap that takes pool {@code sleeve} to {@code targetUsd}, fee included, capped at the spec's arbitrage
     * limit; empty when the pool is already within a unit of it. With x the token reserve, y the stablecoin reserve,
     * g = 0.997 and P the target in stablecoin units per token unit, buying the token with {@code in} stablecoin ends at
     * (y + in)(y + g in) / (x y) and selling {@code in} tokens at x y / ((x + in)(x + g in)); each is a quadratic in
     * {@code in}.
     */
    private Optional<Trade> arbitrage(int sleeve, BigDecimal targetUsd) throws IOException {
        Tuple2<BigInteger, BigInteger> r = reserves(sleeve);
        BigDecimal x = new BigDecimal(r.component1());
        BigDecimal y = new BigDecimal(r.component2());
        BigDecimal p = targetUsd.movePointRight(decimals.get(0)).movePointLeft(decimals.get(sleeve));
        BigDecimal pool = y.divide(x, MC);
        int side = p.compareTo(pool);
        if (side == 0) {
            return Optional.empty();
        }
        BigDecimal in;
        String tokenIn;
        BigDecimal usdPerUnitIn;
        if (side > 0) { // pool cheap: buy the token with stablecoin
            in = quadraticRoot(y, y.multiply(y).subtract(p.multiply(x).multiply(y)));
            tokenIn = deployment.stablecoin();
            usdPerUnitIn = BigDecimal.ONE.movePointLeft(decimals.get(0));
        } else { // pool rich: sell the token for stablecoin
            in = quadraticRoot(x, x.multiply(x).subtract(x.multiply(y).divide(p, MC)));
            tokenIn = deployment.tokens().get(sleeve);
            usdPerUnitIn = pool.movePointLeft(decimals.get(0));
        }
        if (spec.maxArbitrageUsd() != null) {
            BigDecimal cap = spec.maxArbitrageUsd().divide(usdPerUnitIn, MC);
            in = in.min(cap);
        }
        BigInteger amount = in.setScale(0, RoundingMode.DOWN).toBigInteger();
        return amount.signum() > 0 ? Optional.of(new Trade(tokenIn, amount)) : Optional.empty();
    }

    /** The positive root of g in^2 + (1 + g) reserve in + c = 0 (c < 0 when a trade is needed). */
    private static BigDecimal quadraticRoot(BigDecimal reserve, BigDecimal c) {
        BigDecimal b = BigDecimal.ONE.add(FEE_KEPT).multiply(reserve);
        BigDecimal disc = b.multiply(b).subtract(FEE_KEPT.multiply(c).multiply(BigDecimal.valueOf(4)));
        return disc.sqrt(MC).subtract(b).divide(FEE_KEPT.multiply(BigDecimal.valueOf(2)), MC);
    }

    private String send(BigInteger nonce, BigInteger gasLimit, String to, String data, BigInteger maxFee)
            throws IOException {
        BigInteger tip = BigInteger.TEN.pow(9).min(maxFee);
        RawTransaction raw = RawTransaction.createTransaction(
                chain.chainId(), nonce, gasLimit, to, BigInteger.ZERO, data, tip, maxFee);
        String signed = Numeric.toHexString(TransactionEncoder.signMessage(raw, owner));
        EthSendTransaction sent = web3j.ethSendRawTransaction(signed).send();
        if (sent.hasError()) {
            throw new IOException("market tick " + ticks + ": node rejected a transaction to " + to + ": "
                    + sent.getError().getMessage());
        }
        return sent.getTransactionHash();
    }

    private TransactionReceipt receipt(String hash) throws IOException {
        long deadline = System.nanoTime() + RECEIPT_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<TransactionReceipt> r =
                    web3j.ethGetTransactionReceipt(hash).send().getTransactionReceipt();
            if (r.isPresent()) {
                return r.get();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted waiting for " + hash, e);
            }
        }
        throw new IOException("market tick " + ticks + ": no receipt for " + hash);
    }

    private boolean automine() {
        try {
            return chain.rpc("anvil_getAutomine", "[]").asBoolean(true);
        } catch (IOException e) {
            return true; // a node without the call mines automatically
        }
    }

    private long latestTimestamp() throws IOException {
        return web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
                .send()
                .getBlock()
                .getTimestamp()
                .longValueExact();
    }

    private Tuple2<BigInteger, BigInteger> reserves(int sleeve) throws IOException {
        return call(pool(sleeve).reservesFor(deployment.tokens().get(sleeve)));
    }

    private PriceFeed feed(int sleeve) {
        return PriceFeed.load(deployment.feeds().get(sleeve), web3j, readOnly(), noGas());
    }

    private ConstantProductPool pool(int sleeve) {
        return ConstantProductPool.load(deployment.pools().get(sleeve), web3j, readOnly(), noGas());
    }

    private ReadonlyTransactionManager readOnly() {
        return new ReadonlyTransactionManager(web3j, owner.getAddress());
    }

    private static StaticGasProvider noGas() {
        return new StaticGasProvider(BigInteger.ONE, BigInteger.ONE);
    }

    private static <T> T call(org.web3j.protocol.core.RemoteCall<T> c) throws IOException {
        try {
            return c.send();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("contract call failed: " + e.getMessage(), e);
        }
    }
}
