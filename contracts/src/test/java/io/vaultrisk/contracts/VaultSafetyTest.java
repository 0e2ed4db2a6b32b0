package io.vaultrisk.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vaultrisk.contracts.ContractErrors.DecodedError;
import io.vaultrisk.contracts.generated.ConstantProductPool;
import io.vaultrisk.contracts.generated.PriceFeed;
import io.vaultrisk.contracts.generated.ProbingToken;
import io.vaultrisk.contracts.generated.SandwichAttacker;
import io.vaultrisk.contracts.generated.TestToken;
import io.vaultrisk.contracts.generated.Vault;
import io.vaultrisk.protocol.Allocation;
import io.vaultrisk.protocol.AllocationTypedData;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.tx.gas.StaticGasProvider;

/**
 * Issue 16's vault checks on Anvil, each refusal a mined reverted transaction decoded to its custom error: prices
 * from feeds (stale feed, pool deviating from its feed, the sandwich, max loss, slippage budget), roles (keeper,
 * guardian, two-step owner, timelocked risk signer, nonce invalidation), timing and turnover budgets, and shares.
 */
@org.junit.jupiter.api.Tag("slow") // starts Anvil: ./run-tests --fast leaves it out
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VaultSafetyTest {

    private static final ECKeyPair RISK_KEY = Credentials.create(
                    "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318")
            .getEcKeyPair();
    private static final ECKeyPair NEW_RISK_KEY = Credentials.create(
                    "0x8da4ef21b864d2cc526dbdb2a120bd2874c36c9d0a1fb7f8c63d7f7a8b41de8f")
            .getEcKeyPair();
    private static final BigInteger GAS = BigInteger.valueOf(1_500_000);

    private AnvilNode anvil;
    private Chain chain;
    private Credentials owner;
    private Credentials stranger;
    private Credentials keeper;
    private VaultDeployment d;

    @BeforeAll
    void startChain() throws Exception {
        anvil = AnvilNode.start();
        chain = Chain.connect(anvil.rpcUrl());
        owner = Credentials.create(AnvilNode.DEV_KEYS.get(0));
        stranger = Credentials.create(AnvilNode.DEV_KEYS.get(1));
        keeper = Credentials.create(AnvilNode.DEV_KEYS.get(2));
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

    // ------------------------------------------------------------------------------------------------ oracle

    @Test
    void rebalance_honestFiftyPercentTurnover_losesUnderMaxLossAtFeedPrices() throws Exception {
        Vault vault = deploy(DeploymentSpec.DEFAULT);

        TransactionReceipt r = expectSuccess(rebalance(vault, 1, List.of(1000, 4500, 4500), keeper));

        Vault.RebalancedEventResponse e = Vault.getRebalancedEvents(r).get(0);
        double lossBps = lossBps(e);
        // $250k into each $50M pool: 0.30% fee + ~0.5% impact on half the vault, ~40 bps of its value
        assertThat(lossBps).isBetween(30.0, 50.0);
    }

    @Test
    void rebalance_staleFeed_revertsWithStaleFeed() throws Exception {
        Vault vault = deploy(DeploymentSpec.DEFAULT);
        long stale = latestTimestamp() - 3601;
        feed(2).setRound(VaultDeployer.feedAnswer(new BigDecimal("3000")), BigInteger.valueOf(stale))
                .send();

        DecodedError error = expectError(rebalance(vault, 1, List.of(4000, 3000, 3000), keeper));

        assertThat(error).hasToString("StaleFeed(2, " + stale + ", 3600)");
    }

    @Test
    void rebalance_poolAwayFromFeed_revertsWithPoolDeviates() throws Exception {
        Vault vault = deploy(DeploymentSpec.DEFAULT);
        // the feed moves 5% and the pool has not followed: trading against it would lose the gap
        VaultDeployer.setFeedPrice(chain, owner, d.feeds().get(1), new BigDecimal("94500"));

        DecodedError error = expectError(rebalance(vault, 1, List.of(4000, 3000, 3000), keeper));

        assertThat(error.name()).isEqualTo("PoolDeviates");
        assertThat(error.arguments().get(0)).isEqualTo("1");
        // WBTC has 8 decimals, USDC 6: 90,000 USD per BTC is 900 USDC units per sat, times 1e18
        assertThat(new BigDecimal(error.arguments().get(1)).movePointLeft(18).doubleValue())
                .isCloseTo(900.0, within(0.01));
        assertThat(error.arguments().get(2)).isEqualTo("945" + "0".repeat(18));
    }

    /**
     * Issue 16's sandwich in one transaction (buy WBTC, the vault's signed 60/20/20 to 10/45/45 rebalance, sell it
     * back), submitted by a contract that holds the keeper role, so that only the oracle checks stand in its way:
     * it must revert or leave the vault within maxLossBps at feed prices.
     */
    @ParameterizedTest
    @ValueSource(ints = {20_000, 200_000, 5_000_000})
    void rebalance_sandwichedByKeeperContract_revertsOrStaysWithinMaxLoss(int attackUsd) throws Exception {
        Vault vault = deploy(DeploymentSpec.DEFAULT);
        SandwichAttacker attacker = SandwichAttacker.deploy(
                        chain.web3j(), chain.transactionManager(owner), new StaticGasProvider(gasPrice(), GAS))
                .send();
        asOwner(vault).setKeeper(attacker.getContractAddress(), true).send();
        BigInteger stableIn = BigInteger.valueOf(attackUsd).multiply(BigInteger.TEN.pow(6));
        usd().mint(attacker.getContractAddress(), stableIn).send();
        Allocation a = allocation(vault, 1, List.of(1000, 4500, 4500));
        byte[] sig = AllocationTypedData.sign(chain.chainId(), a, RISK_KEY);
        var struct = new SandwichAttacker.Allocation(
                a.vault(),
                a.nonce(),
                a.validUntil(),
                a.weightsBps().stream().map(BigInteger::valueOf).toList(),
                a.referencePricesX18(),
                org.web3j.utils.Numeric.hexStringToByteArray(a.inputsHash()));
        SandwichAttacker asAttacker = SandwichAttacker.load(
                attacker.getContractAddress(),
                chain.web3j(),
                chain.transactionManager(owner),
                new StaticGasProvider(gasPrice(), BigInteger.valueOf(3_000_000)));

        Result result = submit(asAttacker.attack(
                d.vault(), d.pools().get(1), d.stablecoin(), d.tokens().get(1), stableIn, struct, sig));

        if (result.error() != null) {
            assertThat(result.error().name()).isIn("PoolDeviates", "SlippageExceeded", "MaxLossExceeded");
            assertThat(vault.nonce().send()).isZero();
        } else {
            var e = Vault.getRebalancedEvents(result.receipt()).get(0);
            assertThat(lossBps(e)).isLessThanOrEqualTo(100.0);
        }
        if (attackUsd >= 200_000) {
            // the attack sizes move the pool beyond what the feed-based bounds allow
            assertThat(result.error()).isNotNull();
        }
    }

    @Test
    void rebalance_lossAboveMaxLoss_revertsWithMaxLossExceeded() throws Exception {
        Vault vault =
                deploy(DeploymentSpec.DEFAULT.withSafety(new SafetyLimits(100, 10, 200, 7500, 86_400, 0, 3600, 0)));

        DecodedError error = expectError(rebalance(vault, 1, List.of(1000, 4500, 4500), keeper));

        assertThat(error.name()).isEqualTo("MaxLossExceeded");
        assertThat(Integer.parseInt(error.arguments().get(0))).isBetween(30, 50);
        assertThat(error.arguments().get(1)).isEqualTo("10");
    }

    @Test
    void rebalance_repeatedSmallLosses_revertWithSlippageBudgetExceeded() throws Exception {
        Vault vault =
                deploy(DeploymentSpec.DEFAULT.withSafety(new SafetyLimits(100, 25, 25, 1_000_000, 86_400, 0, 3600, 0)));
        // $100k into each pool costs ~10 bps; the next $100k, into pools already pushed 0.4% up, ~18 bps more
        TransactionReceipt first = expectSuccess(rebalance(vault, 1, List.of(4000, 3000, 3000), keeper));

        DecodedError error = expectError(rebalance(vault, 2, List.of(2000, 4000, 4000), keeper));

        assertThat(lossBps(Vault.getRebalancedEvents(first).get(0))).isBetween(5.0, 15.0);
        assertThat(error.name()).isEqualTo("SlippageBudgetExceeded");
        assertThat(Integer.parseInt(error.arguments().get(0))).isBetween(26, 40);
        assertThat(error.arguments().get(1)).isEqualTo("25");
    }

    // ------------------------------------------------------------------------------------------------ roles

    @Test
    void rebalance_notKeeper_revertsWithNotKeeper() throws Exception {
        Vault vault = deploy(DeploymentSpec.DEFAULT);

        DecodedError error = expectError(rebalance(vault, 1, List.of(4000, 3000, 3000), stranger));

        assertThat(error.toString()).isEqualToIgnoringCase("NotKeeper(" + stranger.getAddress() + ")");
    }

    @Test
    void rebalance_paused_revertsWithVaultPausedUntilGuardianUnpauses() throws Exception {
        Vault vault = deploy(DeploymentSpec.DEFAULT);
        DecodedError strangerPause = expectError(as(vault, stranger).pause());
        expectSuccess(asOwner(vault).pause()); // the owner is the deployment's guardian

        DecodedError whilePaused = expectError(rebalance(vault, 1, List.of(4000, 3000, 3000), keeper));
        expectSuccess(asOwner(vault).unpause());
        TransactionReceipt after = expectSuccess(rebalance(vault, 1, List.of(4000, 3000, 3000), keeper));

        assertThat(strangerPause.toString()).isEqualToIgnoringCase("NotGuardian(" + stranger.getAddress() + ")");
        assertThat(whilePaused).hasToString("VaultPaused()");
        assertThat(after.isStatusOK()).isTrue();
    }

    @Test
    void invalidateNoncesBelow_byOwner_retractsOutstandingAllocations() throws Exception {
        Vault vault = deploy(DeploymentSpec.DEFAULT);
        DecodedError byStranger = expectError(as(vault, stranger).invalidateNoncesBelow(BigInteger.valueOf(5)));
        TransactionReceipt invalidated = expectSuccess(asOwner(vault).invalidateNoncesBelow(BigInteger.valueOf(5)));

        DecodedError retracted = expectError(rebalance(vault, 3, List.of(4000, 3000, 3000), keeper));
        TransactionReceipt fresh = expectSuccess(rebalance(vault, 5, List.of(4000, 3000, 3000), keeper));

        assertThat(byStranger.toString()).isEqualToIgnoringCase("NotOwnerOrSigner(" + stranger.getAddress() + ")");
        assertThat(Vault.getNoncesInvalidatedEvents(invalidated).get(0).below).isEqualTo(BigInteger.valueOf(5));
        assertThat(retracted).hasToString("NonceNotIncreasing(3, 4)");
        assertThat(fresh.isStatusOK()).isTrue();
    }

    @Test
    void applyRiskSigner_beforeTimelock_revertsThenAppliesAfterDelay() throws Exception {
        Vault vault = deploy(DeploymentSpec.DEFAULT);
        String next = Credentials.create(NEW_RISK_KEY).getAddress();
        DecodedError byStranger = expectError(as(vault, stranger).proposeRiskSigner(stranger.getAddress()));
        TransactionReceipt proposed = expectSuccess(asOwner(vault).proposeRiskSigner(next));
        BigInteger eta = Vault.getRiskSignerProposedEvents(proposed).get(0).eta;

        DecodedError early = expectError(asOwner(vault).applyRiskSigner());
        DecodedError newKeyEarly = expectError(rebalance(vault, 1, List.of(4000, 3000, 3000), keeper, NEW_RISK_KEY));
        anvil.increaseTime(86_400);
        refreshFeeds();
        TransactionReceipt applied = expectSuccess(asOwner(vault).applyRiskSigner());
        TransactionReceipt newKey = expectSuccess(rebalance(vault, 1, List.of(4000, 3000, 3000), keeper, NEW_RISK_KEY));

        assertThat(byStranger.toString()).isEqualToIgnoringCase("NotOwner(" + stranger.getAddress() + ")");
        assertThat(early.name()).isEqualTo("TimelockNotElapsed");
        assertThat(early.arguments().get(0)).isEqualTo(eta.toString());
        assertThat(newKeyEarly.name()).isEqualTo("UnauthorizedSigner");
        assertThat(Vault.getRiskSignerChangedEvents(applied).get(0).current).isEqualToIgnoringCase(next);
        assertThat(newKey.isStatusOK()).isTrue();
    }

    @Test
    void views_readMidRebalanceBySleeveToken_revertWithReentrancy() throws Exception {
        var web3j = chain.web3j();
        var tm = chain.transactionManager(owner);
        var gas = new StaticGasProvider(gasPrice(), BigInteger.valueOf(6_000_000));
        String zero = "0x0000000000000000000000000000000000000000";
        TestToken usd = TestToken.deploy(web3j, tm, gas, "USD", "USD", BigInteger.valueOf(6))
                .send();
        ProbingToken probing = ProbingToken.deploy(web3j, tm, gas).send();
        ConstantProductPool pool = ConstantProductPool.deploy(
                        web3j, tm, gas, probing.getContractAddress(), usd.getContractAddress())
                .send();
        PriceFeed feed = PriceFeed.deploy(web3j, tm, gas, BigInteger.valueOf(8), "PROBE / USD", BigInteger.TEN.pow(8))
                .send();
        // a $10M pool at $1 per token, matching the feed
        BigInteger tokens = BigInteger.TEN.pow(18 + 7);
        BigInteger dollars = BigInteger.TEN.pow(6 + 7);
        probing.mint(owner.getAddress(), tokens).send();
        usd.mint(owner.getAddress(), dollars).send();
        probing.approve(pool.getContractAddress(), tokens).send();
        usd.approve(pool.getContractAddress(), dollars).send();
        pool.addLiquidity(tokens, dollars).send();
        BigInteger b = BigInteger.valueOf(100);
        Vault deployed = Vault.deploy(
                        web3j,
                        tm,
                        gas,
                        List.of("USD", "PROBE"),
                        List.of(usd.getContractAddress(), probing.getContractAddress()),
                        List.of(zero, pool.getContractAddress()),
                        List.of(zero, feed.getContractAddress()),
                        List.of(BigInteger.ZERO, BigInteger.valueOf(3600)),
                        List.of(BigInteger.valueOf(10_000), BigInteger.valueOf(10_000)),
                        new Vault.Limits(
                                BigInteger.valueOf(5000),
                                b,
                                b,
                                b,
                                b,
                                BigInteger.valueOf(5000),
                                BigInteger.ONE,
                                BigInteger.ZERO,
                                BigInteger.ZERO,
                                BigInteger.valueOf(200)),
                        Credentials.create(RISK_KEY).getAddress())
                .send();
        Vault vault = asOwner(deployed);
        usd.mint(vault.getContractAddress(), BigInteger.TEN.pow(6 + 5)).send();
        expectSuccess(vault.setKeeper(keeper.getAddress(), true));
        probing.setProbe(vault.getContractAddress()).send();

        // buying the token makes the pool transfer it to the vault, and the token reads the vault's weights then
        expectSuccess(rebalance(vault, 1, List.of(5000, 5000), keeper));

        BigInteger probes = probing.probes().send();
        assertThat(probes).isPositive();
        assertThat(probing.refusals().send()).isEqualTo(probes);
        assertThat(org.web3j.utils.Numeric.toHexString(probing.lastRefusal().send()))
                .isEqualTo(org.web3j.crypto.Hash.sha3String("Reentrancy()").substring(0, 10));
        @SuppressWarnings("unchecked")
        List<BigInteger> after = (List<BigInteger>) vault.currentWeightsBps().send();
        assertThat(after.get(1).intValueExact())
                .as("readable again once the rebalance is over")
                .isBetween(4950, 5000);
    }

    @Test
    void transferOwnership_twoSteps_onlyThePendingOwnerAccepts() throws Exception {
        Vault vault = deploy(DeploymentSpec.DEFAULT);
        expectSuccess(asOwner(vault).transferOwnership(stranger.getAddress()));
        assertThat(vault.owner().send()).as("still the owner until accepted").isEqualToIgnoringCase(owner.getAddress());

        DecodedError wrong = expectError(as(vault, keeper).acceptOwnership());
        expectSuccess(as(vault, stranger).acceptOwnership());

        assertThat(wrong.toString()).isEqualToIgnoringCase("NotPendingOwner(" + keeper.getAddress() + ")");
        assertThat(vault.owner().send()).isEqualToIgnoringCase(stranger.getAddress());
    }

    // ------------------------------------------------------------------------------------------------ timing, budget

    @Test
    void rebalance_withinMinimumInterval_revertsWithRebalanceTooSoon() throws Exception {
        Vault vault = deploy(DeploymentSpec.DEFAULT);
        TransactionReceipt first = expectSuccess(rebalance(vault, 1, List.of(5000, 2500, 2500), keeper));
        long at = blockTimestamp(first);

        DecodedError error = expectError(rebalance(vault, 2, List.of(6000, 2000, 2000), keeper));

        assertThat(error.name()).isEqualTo("RebalanceTooSoon");
        assertThat(error.arguments().get(0)).isEqualTo(Long.toString(at + 300));
    }

    @Test
    void rebalance_twoAllocationsOverTurnoverBudget_revertsWithTurnoverBudgetExceeded() throws Exception {
        Vault vault = deploy(DeploymentSpec.DEFAULT);
        // 60/20/20 -> 20/40/40 -> 60/20/20: 40% each, both under the 50% per-call limit, 80% against 75% per day
        expectSuccess(rebalance(vault, 1, List.of(2000, 4000, 4000), keeper));
        anvil.increaseTime(301);

        DecodedError error = expectError(rebalance(vault, 2, List.of(6000, 2000, 2000), keeper));

        assertThat(error.name()).isEqualTo("TurnoverBudgetExceeded");
        assertThat(Integer.parseInt(error.arguments().get(0))).isBetween(7900, 8000);
        assertThat(error.arguments().get(1)).isEqualTo("7500");
    }

    /**
     * The rolling turnover budget is exact: three rebalances of ~20% inside one hour exhaust a 50% budget, the third
     * is refused while the first is inside the window (one second before it leaves) and applies in the very second
     * the first leaves it.
     */
    @Test
    void rebalance_smallRebalancesInsideWindow_exhaustBudgetAndFreeItExactlyWhenTheOldestLeaves() throws Exception {
        Vault vault = deploy(DeploymentSpec.DEFAULT.withSafety(
                SafetyLimits.DEFAULT.withBudgets(1_000, 5_000, 3_600).withMinRebalanceInterval(300)));
        assertThat(vault.budgetSlots().send()).isEqualTo(BigInteger.valueOf(12));
        long t1 = blockTimestamp(expectSuccess(rebalance(vault, 1, List.of(4000, 3000, 3000), keeper)));
        anvil.setNextBlockTimestamp(t1 + 300);
        expectSuccess(rebalance(vault, 2, List.of(6000, 2000, 2000), keeper));
        anvil.setNextBlockTimestamp(t1 + 600);
        DecodedError third = expectError(rebalance(vault, 3, List.of(4000, 3000, 3000), keeper));
        // the feeds must stay fresh (an hour's heartbeat) until the window has passed
        anvil.setNextBlockTimestamp(t1 + 3_000);
        refreshFeeds();
        anvil.setNextBlockTimestamp(t1 + 3_599);
        DecodedError justBefore = expectError(rebalance(vault, 3, List.of(4000, 3000, 3000), keeper));
        anvil.setNextBlockTimestamp(t1 + 3_600);
        TransactionReceipt freed = expectSuccess(rebalance(vault, 3, List.of(4000, 3000, 3000), keeper));

        assertThat(third.name()).isEqualTo("TurnoverBudgetExceeded");
        assertThat(Integer.parseInt(third.arguments().get(0))).isBetween(5_950, 6_050);
        assertThat(justBefore.name()).isEqualTo("TurnoverBudgetExceeded");
        assertThat(blockTimestamp(freed)).isEqualTo(t1 + 3_600);
        // the first left: the second and the third are in the window, ~40% of the 50%
        assertThat(vault.budgetHead().send()).isEqualTo(BigInteger.ONE);
        assertThat(vault.budgetTail().send()).isEqualTo(BigInteger.valueOf(3));
        assertThat(vault.windowTurnoverBps().send().intValueExact()).isBetween(3_950, 4_050);
    }

    /** The slippage budget rolls the same way: the losses of the rebalances still in the window, no more. */
    @Test
    void rebalance_lossesInsideWindow_exhaustSlippageBudgetUntilTheOldestLeaves() throws Exception {
        Vault vault = deploy(DeploymentSpec.DEFAULT.withSafety(
                new SafetyLimits(100, LOSS_BUDGET_BPS, LOSS_BUDGET_BPS, 1_000_000, 3_600, 300, 3_600, 86_400)));
        // $100k into each pool costs ~10 bps, selling it back ~3 (fee, against pools the buy pushed up), buying
        // again ~10: 23 bps against a 20 bps budget until the first leaves the window
        TransactionReceipt first = expectSuccess(rebalance(vault, 1, List.of(4000, 3000, 3000), keeper));
        long t1 = blockTimestamp(first);
        anvil.setNextBlockTimestamp(t1 + 300);
        TransactionReceipt second = expectSuccess(rebalance(vault, 2, List.of(6000, 2000, 2000), keeper));
        anvil.setNextBlockTimestamp(t1 + 600);
        Result third = submit(rebalance(vault, 3, List.of(4000, 3000, 3000), keeper));
        anvil.setNextBlockTimestamp(t1 + 3_000);
        refreshFeeds();
        anvil.setNextBlockTimestamp(t1 + 3_600);
        TransactionReceipt freed = expectSuccess(rebalance(vault, 3, List.of(4000, 3000, 3000), keeper));

        long firstLoss =
                Math.round(Math.ceil(lossBps(Vault.getRebalancedEvents(first).get(0))));
        long secondLoss =
                Math.round(Math.ceil(lossBps(Vault.getRebalancedEvents(second).get(0))));
        long freedLoss =
                Math.round(Math.ceil(lossBps(Vault.getRebalancedEvents(freed).get(0))));
        assertThat(third.error()).isNotNull();
        assertThat(third.error().name()).isEqualTo("SlippageBudgetExceeded");
        assertThat(firstLoss + secondLoss).isLessThanOrEqualTo(LOSS_BUDGET_BPS);
        assertThat(Long.parseLong(third.error().arguments().get(0))).isGreaterThan(LOSS_BUDGET_BPS);
        assertThat(vault.windowLossBps().send().longValueExact()).isEqualTo(secondLoss + freedLoss);
    }

    private static final int LOSS_BUDGET_BPS = 20;

    /**
     * Gas of a rebalance with the rolling budgets, printed for docs/security.md: three slots (a 900 s window, 300 s
     * apart), so the first three fill fresh slots and the later ones reuse a slot and retire one entry each; then the
     * same rebalance with reference prices. Fixed windows cost 357,397 gas first and ~268,770 after (this sequence of
     * weights, no reference prices, measured before the change).
     */
    @Test
    void rebalance_rollingBudgets_gasBoundedByEntriesLeavingTheWindow() throws Exception {
        Vault vault = deploy(DeploymentSpec.DEFAULT.withSafety(
                SafetyLimits.DEFAULT.withBudgets(1_000, 1_000_000, 900).withMinRebalanceInterval(300)));
        int[][] w = {
            {5500, 2250, 2250},
            {5000, 2500, 2500},
            {4500, 2750, 2750},
            {4000, 3000, 3000},
            {4500, 2750, 2750},
            {5000, 2500, 2500},
            {5500, 2250, 2250}
        };
        long[] gas = new long[w.length];
        long t = latestTimestamp();
        for (int i = 0; i < w.length; i++) {
            t += 300;
            anvil.setNextBlockTimestamp(t);
            Allocation a = Allocation.of(d.vault(), i + 1, t + 600, List.of(w[i][0], w[i][1], w[i][2]));
            // the last one signed with the feeds' prices: what the reference check adds
            if (i == w.length - 1) {
                a = allocation(vault, i + 1, a.weightsBps());
                a = Allocation.of(d.vault(), i + 1, t + 600, a.weightsBps(), a.referencePricesX18());
            }
            TransactionReceipt r = expectSuccess(as(vault, keeper)
                    .rebalance(AllocationStruct.of(a), AllocationTypedData.sign(chain.chainId(), a, RISK_KEY)));
            gas[i] = r.getGasUsed().longValueExact();
        }
        System.out.println("rolling-budget gas per rebalance (3 fresh slots, 3 reused, reused + reference prices): "
                + java.util.Arrays.toString(gas));

        assertThat(vault.budgetSlots().send()).isEqualTo(BigInteger.valueOf(3));
        // the 7th at t + 2,100 retired the 4th (t + 1,200: 900 s old), so entries 4, 5 and 6 are in the window
        assertThat(vault.budgetHead().send()).isEqualTo(BigInteger.valueOf(4));
        assertThat(vault.budgetTail().send()).isEqualTo(BigInteger.valueOf(7));
        // the state in one slot: a reused entry slot and one retired entry cost about what the fixed window did
        assertThat(gas[4]).isLessThan(268_770 + 5_000);
        assertThat(gas[5]).isLessThan(268_770 + 5_000);
        assertThat(gas[6] - gas[5]).isLessThan(15_000);
    }

    // ------------------------------------------------------------------------------------------------ reference prices

    @Test
    void rebalance_referencePricesBeyondBand_revertsWithReferencePriceDeviates() throws Exception {
        Vault vault = deploy(DeploymentSpec.DEFAULT);
        // the service saw WBTC at $92,000; the feed says $90,000: 222 bps, over the 200 bps band
        List<BigInteger> seen = List.of(
                Allocation.PRICE_ONE,
                VaultDeployer.referencePrice(new BigDecimal("92000")),
                VaultDeployer.referencePrice(new BigDecimal("3000")));

        DecodedError error = expectError(rebalancePriced(vault, 1, List.of(4000, 3000, 3000), seen, seen));

        assertThat(error)
                .hasToString("ReferencePriceDeviates(1, 92000" + "0".repeat(18) + ", 90000" + "0".repeat(18) + ")");
        assertThat(vault.nonce().send()).isZero();
    }

    @Test
    void rebalance_referencePricesWithinBand_executes() throws Exception {
        Vault vault = deploy(DeploymentSpec.DEFAULT);
        // 199 bps below on WBTC, 200 bps above on ETH (the band's edge is inside), the stablecoin at par
        List<BigInteger> seen = List.of(
                Allocation.PRICE_ONE,
                VaultDeployer.referencePrice(new BigDecimal("88209")),
                VaultDeployer.referencePrice(new BigDecimal("3060")));

        TransactionReceipt r = expectSuccess(rebalancePriced(vault, 1, List.of(4000, 3000, 3000), seen, seen));

        assertThat(r.isStatusOK()).isTrue();
        assertThat(vault.nonce().send()).isEqualTo(BigInteger.ONE);
    }

    @Test
    void rebalance_referencePriceChangedAfterSigning_revertsWithUnauthorizedSigner() throws Exception {
        Vault vault = deploy(DeploymentSpec.DEFAULT);
        List<BigInteger> signed = List.of(
                Allocation.PRICE_ONE,
                VaultDeployer.referencePrice(new BigDecimal("95000")),
                VaultDeployer.referencePrice(new BigDecimal("3000")));
        // a relayer "fixes" the stale WBTC price so the band check would pass: the signature no longer matches
        List<BigInteger> sent = List.of(
                Allocation.PRICE_ONE,
                VaultDeployer.referencePrice(new BigDecimal("90000")),
                VaultDeployer.referencePrice(new BigDecimal("3000")));

        DecodedError error = expectError(rebalancePriced(vault, 1, List.of(4000, 3000, 3000), signed, sent));

        assertThat(error.name()).isEqualTo("UnauthorizedSigner");
        assertThat(vault.nonce().send()).isZero();
    }

    // ------------------------------------------------------------------------------------------------ shares

    @Test
    void depositAndWithdraw_sharesAtFeedPrices_withdrawalInKindBeforePendingRebalance() throws Exception {
        Vault vault = deploy(DeploymentSpec.DEFAULT);
        BigInteger initial = vault.totalShares().send();
        BigInteger assets = BigInteger.valueOf(100_000).multiply(BigInteger.TEN.pow(6));
        usd().mint(stranger.getAddress(), assets).send();
        TestToken.load(
                        d.stablecoin(),
                        chain.web3j(),
                        chain.transactionManager(stranger),
                        new StaticGasProvider(gasPrice(), GAS))
                .approve(d.vault(), assets)
                .send();
        expectSuccess(as(vault, stranger).deposit(assets));
        BigInteger shares = vault.sharesOf(stranger.getAddress()).send();
        BigInteger wbtcBefore = balance(1, d.vault());

        // the depositor leaves while a rebalance is pending: in kind, so the rebalance after it still lands
        expectSuccess(as(vault, stranger).withdraw(shares));
        TransactionReceipt r = expectSuccess(rebalance(vault, 1, List.of(4000, 3000, 3000), keeper));

        // ~$1M at feed prices (token amounts rounded down at minting) became one share per USDC unit, so a deposit
        // before anything moved is priced at exactly one share per unit
        assertThat(initial.subtract(BigInteger.TEN.pow(12)).abs()).isLessThan(BigInteger.valueOf(1000));
        assertThat(shares).isEqualTo(assets);
        // 1.1M of value, 1/11 of it withdrawn: every sleeve gives up 1/11 of its balance
        assertThat(balance(1, stranger.getAddress()))
                .isEqualTo(wbtcBefore.multiply(shares).divide(initial.add(shares)));
        assertThat(r.isStatusOK()).isTrue();
        assertThat(vault.totalShares().send()).isEqualTo(initial);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private record Result(TransactionReceipt receipt, DecodedError error) {}

    private Vault deploy(DeploymentSpec spec) throws Exception {
        d = VaultDeployer.deploy(
                chain, owner, Credentials.create(RISK_KEY).getAddress(), List.of(keeper.getAddress()), spec);
        return asOwner(Vault.load(
                d.vault(), chain.web3j(), chain.transactionManager(owner), new StaticGasProvider(gasPrice(), GAS)));
    }

    private Vault asOwner(Vault vault) throws Exception {
        return as(vault, owner);
    }

    private Vault as(Vault vault, Credentials who) throws Exception {
        return Vault.load(
                vault.getContractAddress(),
                chain.web3j(),
                chain.transactionManager(who),
                new StaticGasProvider(gasPrice(), GAS));
    }

    private PriceFeed feed(int sleeve) throws Exception {
        return PriceFeed.load(
                d.feeds().get(sleeve),
                chain.web3j(),
                chain.transactionManager(owner),
                new StaticGasProvider(gasPrice(), GAS));
    }

    private TestToken usd() throws Exception {
        return TestToken.load(
                d.stablecoin(), chain.web3j(), chain.transactionManager(owner), new StaticGasProvider(gasPrice(), GAS));
    }

    private BigInteger balance(int sleeve, String account) throws Exception {
        return TestToken.load(
                        d.tokens().get(sleeve),
                        chain.web3j(),
                        chain.transactionManager(owner),
                        new StaticGasProvider(gasPrice(), GAS))
                .balanceOf(account)
                .send();
    }

    /** Re-posts both feeds at their deployment prices, as of now (after the clock was moved). */
    private void refreshFeeds() throws Exception {
        VaultDeployer.setFeedPrice(chain, owner, d.feeds().get(1), DeploymentSpec.DEFAULT.btcPriceUsd());
        VaultDeployer.setFeedPrice(chain, owner, d.feeds().get(2), DeploymentSpec.DEFAULT.ethPriceUsd());
    }

    private RemoteFunctionCall<TransactionReceipt> rebalance(Vault vault, long nonce, List<Integer> w, Credentials by)
            throws Exception {
        return rebalance(vault, nonce, w, by, RISK_KEY);
    }

    private RemoteFunctionCall<TransactionReceipt> rebalance(
            Vault vault, long nonce, List<Integer> w, Credentials by, ECKeyPair signer) throws Exception {
        Allocation a = allocation(vault, nonce, w);
        return as(vault, by).rebalance(AllocationStruct.of(a), AllocationTypedData.sign(chain.chainId(), a, signer));
    }

    /** Signs the allocation with {@code signedPrices} and submits it carrying {@code sentPrices}. */
    private RemoteFunctionCall<TransactionReceipt> rebalancePriced(
            Vault vault, long nonce, List<Integer> w, List<BigInteger> signedPrices, List<BigInteger> sentPrices)
            throws Exception {
        Allocation a = Allocation.of(vault.getContractAddress(), nonce, latestTimestamp() + 600, w, signedPrices);
        byte[] sig = AllocationTypedData.sign(chain.chainId(), a, RISK_KEY);
        return as(vault, keeper).rebalance(AllocationStruct.of(a.withReferencePrices(sentPrices)), sig);
    }

    private Result submit(RemoteFunctionCall<TransactionReceipt> call) throws Exception {
        try {
            return new Result(call.send(), null);
        } catch (TransactionException e) {
            TransactionReceipt receipt = e.getTransactionReceipt().orElseThrow();
            assertThat(receipt.isStatusOK()).isFalse();
            Optional<String> data = chain.revertDataOfTransaction(receipt.getTransactionHash());
            DecodedError error = data.flatMap(ContractErrors.DEFAULT::decode)
                    .orElseThrow(() -> new AssertionError("undecodable revert " + data));
            return new Result(receipt, error);
        }
    }

    private DecodedError expectError(RemoteFunctionCall<TransactionReceipt> call) throws Exception {
        Result r = submit(call);
        assertThat(r.error()).as("expected a revert, the transaction succeeded").isNotNull();
        return r.error();
    }

    private TransactionReceipt expectSuccess(RemoteFunctionCall<TransactionReceipt> call) throws Exception {
        Result r = submit(call);
        assertThat(r.error()).as("%s", r.error()).isNull();
        return r.receipt();
    }

    private static double lossBps(Vault.RebalancedEventResponse e) {
        return (e.totalValue.doubleValue() - e.valueAfter.doubleValue()) * 10_000 / e.totalValue.doubleValue();
    }

    /** An allocation carrying the feeds' current answers as its reference prices, as the service signs them. */
    private Allocation allocation(Vault vault, long nonce, List<Integer> weights) throws Exception {
        List<BigInteger> prices = new java.util.ArrayList<>(List.of(Allocation.PRICE_ONE));
        int n = vault.sleeveCount().send().intValueExact();
        for (int i = 1; i < n; i++) {
            PriceFeed f = PriceFeed.load(
                    vault.sleeveFeed(BigInteger.valueOf(i)).send().component1(),
                    chain.web3j(),
                    chain.transactionManager(owner),
                    new StaticGasProvider(gasPrice(), GAS));
            BigInteger answer = f.latestRoundData().send().component2();
            prices.add(
                    answer.multiply(BigInteger.TEN.pow(18 - f.decimals().send().intValueExact())));
        }
        return Allocation.of(vault.getContractAddress(), nonce, latestTimestamp() + 600, weights, prices);
    }

    private long latestTimestamp() throws Exception {
        return chain.web3j()
                .ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
                .send()
                .getBlock()
                .getTimestamp()
                .longValueExact();
    }

    private long blockTimestamp(TransactionReceipt r) throws Exception {
        return chain.web3j()
                .ethGetBlockByHash(r.getBlockHash(), false)
                .send()
                .getBlock()
                .getTimestamp()
                .longValueExact();
    }

    private BigInteger gasPrice() throws Exception {
        return chain.gasPrice();
    }
}
