package io.vaultrisk.executor;

import io.vaultrisk.contracts.generated.ConstantProductPool;
import io.vaultrisk.contracts.generated.PriceFeed;
import io.vaultrisk.contracts.generated.TestToken;
import io.vaultrisk.contracts.generated.Vault;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;

/**
 * The executor's circuit breaker: before it signs anything it reads every risky sleeve's feed and pool, and refuses to
 * act while a feed is stale (older than {@link ExecutorConfig#maxFeedAgeSeconds()} or the vault's heartbeat for it at
 * the latest block), answers a non-positive price, or a pool's spot price is further than
 * {@link ExecutorConfig#maxFeedPoolDeviationBps()} from its feed. The vault checks the same things on chain with its
 * own limits; the breaker refuses before gas is spent, with limits the operator may set tighter, and says why (the
 * refusal is reported to the service). It refuses urgent allocations too: a de-risking trade against a pool that has
 * left its feed is exactly what a manipulator would wait for. An allocation that carries reference prices is refused
 * when the executor's own feed read is further from them than the vault's {@code maxReferenceDeviationBps}: the
 * market it was computed on has moved, and the vault would revert with {@code ReferencePriceDeviates}.
 */
final class CircuitBreaker {

    private static final MathContext MC = new MathContext(34);

    /** What does not change for a deployed vault, read once. */
    private record Sleeve(
            int index,
            String name,
            String token,
            String pool,
            String feed,
            long heartbeat,
            int feedDecimals,
            int tokenDecimals) {}

    private final ExecutorConfig config;
    private final Vault vault;
    private final Web3j web3j;
    private final ReadonlyTransactionManager reader;
    private final Backoff backoff;
    private final Transactions transactions;
    private List<Sleeve> sleeves;
    private int stableDecimals;
    private int referenceBandBps;

    CircuitBreaker(ExecutorConfig config, Vault vault, Web3j web3j, String from, Backoff backoff, Transactions tx) {
        this.config = config;
        this.vault = vault;
        this.web3j = web3j;
        this.reader = new ReadonlyTransactionManager(web3j, from);
        this.backoff = backoff;
        this.transactions = tx;
    }

    /**
     * Why the executor must not act now, or empty when every feed is fresh and every pool near its feed. Also refuses while a feed is outside the vault's band around the allocation's reference
     * price for its sleeve ({@code referencePricesX18}: USD per whole token times 1e18, one per sleeve, or empty).
     */
    Optional<String> trip(List<BigInteger> referencePricesX18) throws IOException {
        // every feed and pool is read at one pinned block: reads at "latest" in separate calls could straddle a block
        // and see a feed that moved against a pool that had not yet, a false deviation of one block's move
        var block = transactions.latestBlockHeader();
        long now = block.getTimestamp().longValueExact();
        DefaultBlockParameter at = DefaultBlockParameter.valueOf(block.getNumber());
        List<Sleeve> all = sleeves();
        boolean priced = referencePricesX18 != null && !referencePricesX18.isEmpty();
        if (priced) {
            Optional<String> stable = referenceGap("stablecoin", BigDecimal.ONE, referencePricesX18.get(0));
            if (stable.isPresent()) {
                return stable;
            }
        }
        for (Sleeve s : all) {
            var round = read("read " + s.name() + " feed", feed(s.feed(), at).latestRoundData());
            BigInteger answer = round.component2();
            long updatedAt = round.component4().longValueExact();
            long limit = Math.min(config.maxFeedAgeSeconds(), s.heartbeat());
            if (now - updatedAt > limit) {
                return Optional.of("circuit breaker: the " + s.name() + " feed is stale: its answer is "
                        + (now - updatedAt) + " s old at the latest block (limit " + limit + " s)");
            }
            if (answer.signum() <= 0) {
                return Optional.of("circuit breaker: the " + s.name() + " feed answers " + answer);
            }
            BigDecimal feedUsd = new BigDecimal(answer).movePointLeft(s.feedDecimals());
            if (priced) {
                Optional<String> gap = referenceGap(s.name(), feedUsd, referencePricesX18.get(s.index()));
                if (gap.isPresent()) {
                    return gap;
                }
            }
            var reserves = read("read " + s.name() + " pool", pool(s.pool(), at).reservesFor(s.token()));
            if (reserves.component1().signum() == 0) {
                return Optional.of("circuit breaker: the " + s.name() + " pool is empty");
            }
            BigDecimal poolUsd = new BigDecimal(reserves.component2())
                    .movePointLeft(stableDecimals)
                    .divide(new BigDecimal(reserves.component1()).movePointLeft(s.tokenDecimals()), MC);
            BigDecimal gapBps = poolUsd.subtract(feedUsd)
                    .abs()
                    .multiply(BigDecimal.valueOf(10_000))
                    .divide(feedUsd, MC);
            if (gapBps.compareTo(BigDecimal.valueOf(config.maxFeedPoolDeviationBps())) > 0) {
                return Optional.of(String.format(
                        java.util.Locale.ROOT,
                        "circuit breaker: the %s pool is %.0f bps from its feed (pool %.2f, feed %.2f USD; limit %d"
                                + " bps)",
                        s.name(),
                        gapBps.doubleValue(),
                        poolUsd.doubleValue(),
                        feedUsd.doubleValue(),
                        config.maxFeedPoolDeviationBps()));
            }
        }
        return Optional.empty();
    }

    /** The vault's own test (|reference - feed| * 10,000 > band * feed) on the executor's read of the feed. */
    private Optional<String> referenceGap(String name, BigDecimal feedUsd, BigInteger referenceX18) {
        BigDecimal reference = new BigDecimal(referenceX18).movePointLeft(18);
        BigDecimal gap = reference.subtract(feedUsd).abs();
        if (gap.multiply(BigDecimal.valueOf(10_000)).compareTo(feedUsd.multiply(BigDecimal.valueOf(referenceBandBps)))
                <= 0) {
            return Optional.empty();
        }
        return Optional.of(String.format(
                java.util.Locale.ROOT,
                "circuit breaker: the %s feed answers %s USD, %.0f bps from the allocation's reference price %s USD"
                        + " (the vault's band %d bps)",
                name,
                feedUsd.stripTrailingZeros().toPlainString(),
                gap.multiply(BigDecimal.valueOf(10_000)).divide(feedUsd, MC).doubleValue(),
                reference.stripTrailingZeros().toPlainString(),
                referenceBandBps));
    }

    private List<Sleeve> sleeves() throws IOException {
        if (sleeves == null) {
            referenceBandBps = read("read reference band", vault.maxReferenceDeviationBps())
                    .intValueExact();
            int n = read("read sleeve count", vault.sleeveCount()).intValueExact();
            String stable = read("read sleeve", vault.sleeve(BigInteger.ZERO)).component2();
            stableDecimals = decimals(stable);
            List<Sleeve> out = new ArrayList<>();
            for (int i = 1; i < n; i++) {
                BigInteger index = BigInteger.valueOf(i);
                var s = read("read sleeve", vault.sleeve(index));
                var f = read("read sleeve feed", vault.sleeveFeed(index));
                int feedDecimals = read(
                                "read feed decimals", feed(f.component1()).decimals())
                        .intValueExact();
                out.add(new Sleeve(
                        i,
                        s.component1(),
                        s.component2(),
                        s.component3(),
                        f.component1(),
                        f.component2().longValueExact(),
                        feedDecimals,
                        decimals(s.component2())));
            }
            sleeves = List.copyOf(out);
        }
        return sleeves;
    }

    private int decimals(String token) throws IOException {
        return read(
                        "read token decimals",
                        TestToken.load(token, web3j, reader, NO_GAS).decimals())
                .intValueExact();
    }

    private static final StaticGasProvider NO_GAS = new StaticGasProvider(BigInteger.ONE, BigInteger.ONE);

    private PriceFeed feed(String address) {
        return PriceFeed.load(address, web3j, reader, NO_GAS);
    }

    private PriceFeed feed(String address, DefaultBlockParameter at) {
        PriceFeed f = feed(address);
        f.setDefaultBlockParameter(at);
        return f;
    }

    private ConstantProductPool pool(String address, DefaultBlockParameter at) {
        ConstantProductPool p = ConstantProductPool.load(address, web3j, reader, NO_GAS);
        p.setDefaultBlockParameter(at);
        return p;
    }

    private <T> T read(String what, org.web3j.protocol.core.RemoteCall<T> call) throws IOException {
        return backoff.call(transactions.rpc(what), () -> Executor.send(call));
    }
}
