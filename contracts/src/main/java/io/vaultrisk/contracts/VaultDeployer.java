package io.vaultrisk.contracts;

import io.vaultrisk.contracts.generated.ConstantProductPool;
import io.vaultrisk.contracts.generated.PriceFeed;
import io.vaultrisk.contracts.generated.TestToken;
import io.vaultrisk.contracts.generated.Vault;
import io.vaultrisk.protocol.BasisPoints;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.web3j.crypto.Credentials;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;

/**
 * Deploys the whole local market for one vault: the three test tokens, one constant-product pool per risky token
 * against the stablecoin seeded at the spec's prices, one AggregatorV3-shaped price feed per risky token answering the
 * same prices (owner-settable: tests, the demo and a market process move them), and the vault with its sleeves, caps,
 * feeds and limits, funded at its initial weights (the owner holds the initial shares), with the given risk signer
 * registered and the given keepers (the executors' accounts) allowed to rebalance. The owner is also the guardian,
 * pays for and owns everything.
 */
public final class VaultDeployer {

    private static final BigInteger GAS_LIMIT = BigInteger.valueOf(6_000_000);

    private VaultDeployer() {}

    /** Feed answers carry Chainlink's 8 decimals for USD pairs. */
    public static final int FEED_DECIMALS = 8;

    public static VaultDeployment deploy(
            Chain chain, Credentials owner, String riskSigner, List<String> keepers, DeploymentSpec spec)
            throws Exception {
        TransactionManager tm = chain.transactionManager(owner);
        ContractGasProvider gas = chain.gasProvider(GAS_LIMIT);
        var web3j = chain.web3j();
        List<String> names = List.of("Test USD Coin", "Test Wrapped BTC", "Test Wrapped Ether");
        List<TestToken> tokens = new ArrayList<>();
        for (int i = 0; i < DeploymentSpec.SLEEVES.size(); i++) {
            tokens.add(TestToken.deploy(
                            web3j,
                            tm,
                            gas,
                            names.get(i),
                            DeploymentSpec.SLEEVES.get(i),
                            BigInteger.valueOf(DeploymentSpec.DECIMALS.get(i)))
                    .send());
        }
        TestToken usd = tokens.get(0);
        List<BigDecimal> prices = List.of(BigDecimal.ONE, spec.btcPriceUsd(), spec.ethPriceUsd());

        String zero = "0x0000000000000000000000000000000000000000";
        List<String> poolAddresses = new ArrayList<>(List.of(zero));
        List<String> feedAddresses = new ArrayList<>(List.of(zero));
        for (int i = 1; i < tokens.size(); i++) {
            PriceFeed feed = PriceFeed.deploy(
                            web3j,
                            tm,
                            gas,
                            BigInteger.valueOf(FEED_DECIMALS),
                            DeploymentSpec.SLEEVES.get(i) + " / USD",
                            feedAnswer(prices.get(i)))
                    .send();
            feedAddresses.add(feed.getContractAddress());
            TestToken asset = tokens.get(i);
            ConstantProductPool pool = ConstantProductPool.deploy(
                            web3j, tm, gas, asset.getContractAddress(), usd.getContractAddress())
                    .send();
            BigInteger assetReserve = units(spec.poolDepthUsd().divide(prices.get(i), 30, RoundingMode.HALF_EVEN), i);
            BigInteger usdReserve = units(spec.poolDepthUsd(), 0);
            asset.mint(owner.getAddress(), assetReserve).send();
            usd.mint(owner.getAddress(), usdReserve).send();
            asset.approve(pool.getContractAddress(), assetReserve).send();
            usd.approve(pool.getContractAddress(), usdReserve).send();
            pool.addLiquidity(assetReserve, usdReserve).send();
            poolAddresses.add(pool.getContractAddress());
        }

        List<String> tokenAddresses =
                tokens.stream().map(TestToken::getContractAddress).toList();
        return deployVault(chain, owner, riskSigner, keepers, spec, tokenAddresses, poolAddresses, feedAddresses);
    }

    /**
     * A second vault on the market of {@code of} (its tokens, pools and feeds), funded at the spec's initial weights
     * and prices like {@link #deploy}: the demo's passive copy, which starts where the loop's vault starts. Call it
     * before the market moves, since the funding is at the spec's prices, not the feeds' latest.
     */
    public static VaultDeployment deployCopy(
            Chain chain,
            Credentials owner,
            VaultDeployment of,
            String riskSigner,
            List<String> keepers,
            DeploymentSpec spec)
            throws Exception {
        return deployVault(chain, owner, riskSigner, keepers, spec, of.tokens(), of.pools(), of.feeds());
    }

    private static VaultDeployment deployVault(
            Chain chain,
            Credentials owner,
            String riskSigner,
            List<String> keepers,
            DeploymentSpec spec,
            List<String> tokenAddresses,
            List<String> poolAddresses,
            List<String> feedAddresses)
            throws Exception {
        TransactionManager tm = chain.transactionManager(owner);
        ContractGasProvider gas = chain.gasProvider(GAS_LIMIT);
        var web3j = chain.web3j();
        List<BigDecimal> prices = List.of(BigDecimal.ONE, spec.btcPriceUsd(), spec.ethPriceUsd());
        List<BigInteger> heartbeats = new ArrayList<>(List.of(BigInteger.ZERO));
        for (int i = 1; i < tokenAddresses.size(); i++) {
            heartbeats.add(BigInteger.valueOf(spec.safety().heartbeatSeconds()));
        }
        Vault vault = Vault.deploy(
                        web3j,
                        tm,
                        gas,
                        DeploymentSpec.SLEEVES,
                        tokenAddresses,
                        poolAddresses,
                        feedAddresses,
                        heartbeats,
                        spec.capsBps().stream().map(BigInteger::valueOf).toList(),
                        limits(spec),
                        riskSigner)
                .send();
        for (int i = 0; i < tokenAddresses.size(); i++) {
            BigDecimal usdValue = spec.vaultValueUsd()
                    .multiply(BigDecimal.valueOf(spec.initialWeightsBps().get(i)))
                    .divide(BigDecimal.valueOf(BasisPoints.TOTAL));
            BigInteger amount = units(usdValue.divide(prices.get(i), 30, RoundingMode.HALF_EVEN), i);
            if (amount.signum() > 0) {
                TestToken.load(tokenAddresses.get(i), web3j, tm, gas)
                        .mint(vault.getContractAddress(), amount)
                        .send();
            }
        }
        vault.mintInitialShares(owner.getAddress()).send();
        for (String keeper : keepers) {
            vault.setKeeper(keeper, true).send();
        }
        return new VaultDeployment(
                chain.chainId(),
                vault.getContractAddress(),
                owner.getAddress(),
                riskSigner.toLowerCase(java.util.Locale.ROOT),
                DeploymentSpec.SLEEVES,
                tokenAddresses,
                poolAddresses,
                feedAddresses);
    }

    private static Vault.Limits limits(DeploymentSpec spec) {
        SafetyLimits s = spec.safety();
        return new Vault.Limits(
                BigInteger.valueOf(spec.maxTurnoverBps()),
                BigInteger.valueOf(spec.maxSlippageBps()),
                BigInteger.valueOf(s.maxPoolDeviationBps()),
                BigInteger.valueOf(s.maxLossBps()),
                BigInteger.valueOf(s.slippageBudgetBps()),
                BigInteger.valueOf(s.turnoverBudgetBps()),
                BigInteger.valueOf(s.budgetWindowSeconds()),
                BigInteger.valueOf(s.minRebalanceIntervalSeconds()),
                BigInteger.valueOf(s.riskSignerDelaySeconds()),
                BigInteger.valueOf(s.maxReferenceDeviationBps()));
    }

    /** A USD price as the feed's answer (8 decimals, rounded half-even). */
    public static BigInteger feedAnswer(BigDecimal usd) {
        return usd.movePointRight(FEED_DECIMALS)
                .setScale(0, RoundingMode.HALF_EVEN)
                .toBigIntegerExact();
    }

    /** A USD price as a signed reference price: USD per whole token, times 1e18 (truncated). */
    public static BigInteger referencePrice(BigDecimal usd) {
        return usd.movePointRight(18).setScale(0, RoundingMode.DOWN).toBigIntegerExact();
    }

    /** Sets a feed's answer to a USD price, as of the latest block (owner of the feed only). */
    public static void setFeedPrice(Chain chain, Credentials owner, String feed, BigDecimal usd) throws Exception {
        PriceFeed.load(
                        feed,
                        chain.web3j(),
                        chain.transactionManager(owner),
                        chain.gasProvider(BigInteger.valueOf(200_000)))
                .setAnswer(feedAnswer(usd))
                .send();
    }

    /**
     * Proposes a new risk signer on a deployed vault (owner only); it takes effect when {@link #applyRiskSigner} is
     * called after the vault's timelock ({@link SafetyLimits#riskSignerDelaySeconds}).
     */
    public static void proposeRiskSigner(Chain chain, Credentials owner, String vault, String riskSigner)
            throws Exception {
        asOwner(chain, owner, vault).proposeRiskSigner(riskSigner).send();
    }

    /** Applies the proposed risk signer once its timelock has elapsed (owner only). */
    public static void applyRiskSigner(Chain chain, Credentials owner, String vault) throws Exception {
        asOwner(chain, owner, vault).applyRiskSigner().send();
    }

    private static Vault asOwner(Chain chain, Credentials owner, String vault) throws java.io.IOException {
        return Vault.load(
                vault, chain.web3j(), chain.transactionManager(owner), chain.gasProvider(BigInteger.valueOf(200_000)));
    }

    /** Token amount in the smallest unit of sleeve i, rounded down. */
    private static BigInteger units(BigDecimal amount, int sleeve) {
        return amount.movePointRight(DeploymentSpec.DECIMALS.get(sleeve))
                .setScale(0, RoundingMode.DOWN)
                .toBigIntegerExact();
    }
}
