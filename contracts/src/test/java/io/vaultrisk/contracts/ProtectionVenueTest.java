package io.vaultrisk.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultrisk.contracts.ContractErrors.DecodedError;
import io.vaultrisk.contracts.ProtectionVenue.PremiumLimits;
import io.vaultrisk.contracts.generated.PutSeller;
import io.vaultrisk.contracts.generated.TestToken;
import io.vaultrisk.contracts.generated.Vault;
import io.vaultrisk.protocol.ProtectionOrder;
import io.vaultrisk.protocol.ProtectionTypedData;
import io.vaultrisk.protocol.PutQuote;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.tx.gas.StaticGasProvider;

/**
 * Issue 18's protective-put path on Anvil: the default $1M vault (60/20/20, ETH at $3,000: 66.67 ETH in the WETH
 * sleeve) buys puts on WETH from a {@code PutSeller} whose market maker has deposited $200,000 of collateral, each
 * purchase a quote signed by the venue's quoter and an order signed by the vault's risk signer. Amounts are
 * hand-computed: 50 puts struck at $2,700 lock $135,000 and pay (2,700 - S) x 50 at expiry.
 */
@Tag("slow") // starts Anvil: ./run-tests --fast leaves it out
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProtectionVenueTest {

    private static final ECKeyPair RISK_KEY = Credentials.create(
                    "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318")
            .getEcKeyPair();
    private static final ECKeyPair QUOTER_KEY = Credentials.create(
                    "0x8da4ef21b864d2cc526dbdb2a120bd2874c36c9d0a1fb7f8c63d7f7a8b41de8f")
            .getEcKeyPair();
    private static final ECKeyPair FORGER_KEY = Credentials.create(
                    "0x0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")
            .getEcKeyPair();
    private static final int WETH = 2;
    private static final long HEARTBEAT = 3600;
    private static final long WEEK = 7 * 86_400;
    private static final BigInteger USDC = BigInteger.TEN.pow(6);
    private static final BigInteger ETH = BigInteger.TEN.pow(18);
    private static final BigInteger STRIKE = usdc(2700);
    private static final BigInteger AMOUNT = ETH.multiply(BigInteger.valueOf(50));
    private static final BigInteger PREMIUM = usdc(1500);
    private static final BigInteger COLLATERAL = usdc(200_000);

    private AnvilNode anvil;
    private Chain chain;
    private Credentials owner;
    private Credentials stranger;
    private Credentials keeper;
    private Credentials seller;
    private VaultDeployment d;
    private PutSeller venue;
    private long quoteNonce;

    @BeforeAll
    void startChain() throws Exception {
        anvil = AnvilNode.start();
        chain = Chain.connect(anvil.rpcUrl());
        owner = Credentials.create(AnvilNode.DEV_KEYS.get(0));
        // the node funds three accounts: the market maker is the second; the vault's owner, not a keeper, is the
        // stranger who settles and who may not buy
        stranger = owner;
        seller = Credentials.create(AnvilNode.DEV_KEYS.get(1));
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

    // ------------------------------------------------------------------------------------------------ payoff

    @Test
    void buyProtection_validQuoteAndOrder_locksCollateralAndPaysTheCrashAtExpiry() throws Exception {
        deploy(PremiumLimits.DEFAULT);
        BigInteger cashBefore = usdcBalance(d.vault());
        PutQuote q = quote(STRIKE, AMOUNT, PREMIUM, WEEK);

        TransactionReceipt bought = expectSuccess(buy(q, QUOTER_KEY, RISK_KEY, keeper));

        Vault.ProtectionBoughtEventResponse e =
                Vault.getProtectionBoughtEvents(bought).get(0);
        assertThat(e.premium).isEqualTo(PREMIUM);
        assertThat(usdcBalance(d.vault())).isEqualTo(cashBefore.subtract(PREMIUM));
        // 200,000 deposited - 135,000 locked (2,700 x 50) + 1,500 premium
        assertThat(venue.lockedCollateral().send()).isEqualTo(usdc(135_000));
        assertThat(venue.freeCollateral().send()).isEqualTo(usdc(66_500));
        assertThat(vault().heldPutCount().send()).isEqualTo(BigInteger.ONE);

        // the crash: ETH 3,000 -> 1,800 after expiry; (2,700 - 1,800) x 50 = 45,000 USDC
        anvil.increaseTime(WEEK + 1);
        VaultDeployer.setFeedPrice(chain, owner, d.feeds().get(WETH), new BigDecimal("1800"));
        TransactionReceipt settled = expectSuccess(venueAs(stranger).settle(e.id));

        PutSeller.PutSettledEventResponse s =
                PutSeller.getPutSettledEvents(settled).get(0);
        assertThat(s.spot).isEqualTo(usdc(1800));
        assertThat(s.payout).isEqualTo(usdc(45_000));
        assertThat(usdcBalance(d.vault()))
                .isEqualTo(cashBefore.subtract(PREMIUM).add(usdc(45_000)));
        assertThat(venue.lockedCollateral().send()).isZero();
        assertThat(venue.freeCollateral().send()).isEqualTo(usdc(66_500 + 90_000));
        // settled: the payout is in sleeve 0 now, the put counts nothing more
        assertThat(vault().protectionValue().send()).isZero();
    }

    @Test
    void settle_beforeExpiry_revertsWithNotYetExpired() throws Exception {
        deploy(PremiumLimits.DEFAULT);
        BigInteger id =
                boughtId(expectSuccess(buy(quote(STRIKE, AMOUNT, PREMIUM, WEEK), QUOTER_KEY, RISK_KEY, keeper)));

        DecodedError error = expectError(venueAs(stranger).settle(id));

        assertThat(error.name()).isEqualTo("NotYetExpired");
    }

    @Test
    void settle_feedStaleAfterExpiry_revertsWithStaleFeed() throws Exception {
        deploy(PremiumLimits.DEFAULT);
        PutQuote q = quote(STRIKE, AMOUNT, PREMIUM, WEEK);
        BigInteger id = boughtId(expectSuccess(buy(q, QUOTER_KEY, RISK_KEY, keeper)));
        anvil.increaseTime(WEEK + HEARTBEAT + 100);
        anvil.mine();
        // a price published 10 s after expiry, now more than a heartbeat old
        feedRound(new BigDecimal("1800"), q.expiry() + 10);

        DecodedError error = expectError(venueAs(stranger).settle(id));

        assertThat(error).hasToString("StaleFeed(" + (q.expiry() + 10) + ", " + HEARTBEAT + ")");
    }

    @Test
    void settle_lastPriceFromBeforeExpiry_revertsWithPriceBeforeExpiry() throws Exception {
        deploy(PremiumLimits.DEFAULT);
        PutQuote q = quote(STRIKE, AMOUNT, PREMIUM, WEEK);
        BigInteger id = boughtId(expectSuccess(buy(q, QUOTER_KEY, RISK_KEY, keeper)));
        anvil.setNextBlockTimestamp(q.expiry() - 5);
        VaultDeployer.setFeedPrice(chain, owner, d.feeds().get(WETH), new BigDecimal("1800"));
        anvil.setNextBlockTimestamp(q.expiry() + 5);

        DecodedError error = expectError(venueAs(stranger).settle(id));

        assertThat(error).hasToString("PriceBeforeExpiry(" + (q.expiry() - 5) + ", " + q.expiry() + ")");
    }

    // ------------------------------------------------------------------------------------------------ value

    @Test
    void totalValue_putInTheMoney_includesItsIntrinsicValue() throws Exception {
        deploy(PremiumLimits.DEFAULT);
        expectSuccess(buy(quote(STRIKE, AMOUNT, PREMIUM, WEEK), QUOTER_KEY, RISK_KEY, keeper));
        assertThat(vault().protectionValue().send())
                .as("out of the money at 3,000")
                .isZero();

        VaultDeployer.setFeedPrice(chain, owner, d.feeds().get(WETH), new BigDecimal("2400"));

        // (2,700 - 2,400) x 50 = 15,000 USDC on top of the sleeves at the same feed prices
        assertThat(vault().protectionValue().send()).isEqualTo(usdc(15_000));
        BigInteger sleeves = vault().sleeveValues().send().component2();
        assertThat(vault().totalValue().send()).isEqualTo(sleeves.add(usdc(15_000)));
    }

    @Test
    void deposit_putInTheMoney_pricesSharesWithThePutsValue() throws Exception {
        deploy(PremiumLimits.DEFAULT);
        expectSuccess(buy(quote(STRIKE, AMOUNT, PREMIUM, WEEK), QUOTER_KEY, RISK_KEY, keeper));
        VaultDeployer.setFeedPrice(chain, owner, d.feeds().get(WETH), new BigDecimal("2400"));
        VaultDeployer.setFeedPrice(chain, owner, d.feeds().get(1), DeploymentSpec.DEFAULT.btcPriceUsd());
        BigInteger assets = usdc(10_000);
        BigInteger supply = vault().totalShares().send();
        BigInteger sleeves = vault().sleeveValues().send().component2();
        TestToken usd = TestToken.load(d.stablecoin(), chain.web3j(), chain.transactionManager(owner), gas());
        usd.mint(owner.getAddress(), assets).send();
        usd.approve(d.vault(), assets).send();

        expectSuccess(vault().deposit(assets));

        // the holders already in own the put's 15,000 USDC: the depositor pays for its share of it
        BigInteger expected = assets.multiply(supply).divide(sleeves.add(usdc(15_000)));
        assertThat(vault().sharesOf(owner.getAddress()).send()).isEqualTo(supply.add(expected));
        assertThat(expected).isLessThan(assets.multiply(supply).divide(sleeves));
    }

    @Test
    void setProtectionVenue_venueMovedToAnotherSleeve_keepsValuingHeldPutsAtTheirOwnFeed() throws Exception {
        deploy(PremiumLimits.DEFAULT);
        expectSuccess(buy(quote(STRIKE, AMOUNT, PREMIUM, WEEK), QUOTER_KEY, RISK_KEY, keeper));
        VaultDeployer.setFeedPrice(chain, owner, d.feeds().get(WETH), new BigDecimal("2400"));
        PutSeller btcVenue = ProtectionVenue.deploy(
                chain, seller, d, 1, HEARTBEAT, Credentials.create(QUOTER_KEY).getAddress(), BigInteger.ZERO);

        ProtectionVenue.register(chain, owner, d.vault(), btcVenue.getContractAddress(), 1, PremiumLimits.DEFAULT);

        // still (2,700 - 2,400) x 50 on the WETH feed, not the BTC one (at 90,000 it would count zero)
        assertThat(vault().protectionValue().send()).isEqualTo(usdc(15_000));
    }

    @Test
    void setProtectionVenue_venueOnAnotherSleevesToken_revertsWithInvalidConfig() throws Exception {
        deploy(PremiumLimits.DEFAULT);

        DecodedError error = expectError(vault().setProtectionVenue(
                        venue.getContractAddress(),
                        BigInteger.ONE,
                        BigInteger.valueOf(100),
                        BigInteger.valueOf(200),
                        BigInteger.valueOf(86_400)));

        assertThat(error).hasToString("InvalidConfig(venue.asset)");
    }

    // ------------------------------------------------------------------------------------------------ refusals

    @Test
    void buyProtection_quoteSignedByAnotherKey_revertsWithBadQuoteSignature() throws Exception {
        deploy(PremiumLimits.DEFAULT);

        DecodedError error = expectError(buy(quote(STRIKE, AMOUNT, PREMIUM, WEEK), FORGER_KEY, RISK_KEY, keeper));

        assertThat(error.toString())
                .isEqualToIgnoringCase(
                        "BadQuoteSignature(" + Credentials.create(FORGER_KEY).getAddress() + ", "
                                + Credentials.create(QUOTER_KEY).getAddress() + ")");
        assertThat(vault().heldPutCount().send()).isZero();
    }

    @Test
    void buyProtection_quoteChangedAfterSigning_revertsWithQuoteMismatch() throws Exception {
        deploy(PremiumLimits.DEFAULT);
        PutQuote signed = quote(STRIKE, AMOUNT, PREMIUM, WEEK);
        PutQuote cheaper = new PutQuote(
                signed.buyer(),
                signed.asset(),
                signed.strike(),
                signed.expiry(),
                signed.amount(),
                usdc(1),
                signed.quoteExpiry(),
                signed.nonce());
        ProtectionOrder order = order(signed, PREMIUM, 1);

        DecodedError error = expectError(callBuy(
                keeper,
                order,
                ProtectionTypedData.signOrder(chain.chainId(), order, RISK_KEY),
                cheaper,
                signQuote(signed, QUOTER_KEY)));

        assertThat(error.name()).isEqualTo("QuoteMismatch");
    }

    @Test
    void buyProtection_quoteExpired_revertsWithQuoteExpired() throws Exception {
        deploy(PremiumLimits.DEFAULT);
        PutQuote q = quote(STRIKE, AMOUNT, PREMIUM, WEEK);
        anvil.setNextBlockTimestamp(q.quoteExpiry() + 1);

        DecodedError error = expectError(buy(q, QUOTER_KEY, RISK_KEY, keeper));

        assertThat(error).hasToString("QuoteExpired(" + q.quoteExpiry() + ", " + (q.quoteExpiry() + 1) + ")");
    }

    @Test
    void buyProtection_quoteNonceTakenBefore_revertsWithNonceAlreadyUsed() throws Exception {
        deploy(PremiumLimits.DEFAULT);
        PutQuote first = quote(STRIKE, AMOUNT, PREMIUM, WEEK);
        expectSuccess(buy(first, QUOTER_KEY, RISK_KEY, keeper, 1));
        // a different quote (smaller) under the same venue nonce, with a fresh protection order
        PutQuote again = new PutQuote(
                first.buyer(),
                first.asset(),
                first.strike(),
                first.expiry(),
                ETH,
                usdc(30),
                first.quoteExpiry(),
                first.nonce());

        DecodedError error = expectError(buy(again, QUOTER_KEY, RISK_KEY, keeper, 2));

        assertThat(error).hasToString("NonceAlreadyUsed(" + first.nonce() + ")");
    }

    @Test
    void buyProtection_orderReplayed_revertsWithProtectionNonceNotIncreasing() throws Exception {
        deploy(PremiumLimits.DEFAULT);
        expectSuccess(buy(quote(STRIKE, ETH, usdc(30), WEEK), QUOTER_KEY, RISK_KEY, keeper, 5));

        DecodedError error = expectError(buy(quote(STRIKE, ETH, usdc(30), WEEK), QUOTER_KEY, RISK_KEY, keeper, 5));

        assertThat(error).hasToString("ProtectionNonceNotIncreasing(5, 5)");
    }

    @Test
    void buyProtection_notKeeper_revertsWithNotKeeper() throws Exception {
        deploy(PremiumLimits.DEFAULT);

        DecodedError error = expectError(buy(quote(STRIKE, AMOUNT, PREMIUM, WEEK), QUOTER_KEY, RISK_KEY, stranger));

        assertThat(error.toString()).isEqualToIgnoringCase("NotKeeper(" + stranger.getAddress() + ")");
    }

    @Test
    void buyProtection_orderSignedByKeeperNotRiskSigner_revertsWithUnauthorizedSigner() throws Exception {
        deploy(PremiumLimits.DEFAULT);

        DecodedError error =
                expectError(buy(quote(STRIKE, AMOUNT, PREMIUM, WEEK), QUOTER_KEY, keeper.getEcKeyPair(), keeper));

        assertThat(error.toString())
                .isEqualToIgnoringCase("UnauthorizedSigner(" + keeper.getAddress() + ", "
                        + Credentials.create(RISK_KEY).getAddress() + ")");
    }

    @Test
    void buyProtection_unsignedOrder_revertsWithInvalidSignatureLength() throws Exception {
        deploy(PremiumLimits.DEFAULT);
        PutQuote q = quote(STRIKE, AMOUNT, PREMIUM, WEEK);
        ProtectionOrder order = order(q, PREMIUM, 1);

        DecodedError error = expectError(callBuy(keeper, order, new byte[0], q, signQuote(q, QUOTER_KEY)));

        assertThat(error).hasToString("InvalidSignatureLength(0)");
    }

    @Test
    void buyProtection_premiumAboveTheOrdersMaximum_revertsWithPremiumAboveOrder() throws Exception {
        deploy(PremiumLimits.DEFAULT);
        PutQuote q = quote(STRIKE, AMOUNT, PREMIUM, WEEK);
        ProtectionOrder order = order(q, usdc(1000), 1);

        DecodedError error = expectError(callBuy(
                keeper,
                order,
                ProtectionTypedData.signOrder(chain.chainId(), order, RISK_KEY),
                q,
                signQuote(q, QUOTER_KEY)));

        assertThat(error).hasToString("PremiumAboveOrder(" + PREMIUM + ", " + usdc(1000) + ")");
    }

    @Test
    void buyProtection_premiumAbovePerPurchaseLimit_revertsWithPremiumAboveLimit() throws Exception {
        deploy(new PremiumLimits(10, 200, 86_400));
        BigInteger total = vault().totalValue().send();

        DecodedError error = expectError(buy(quote(STRIKE, AMOUNT, PREMIUM, WEEK), QUOTER_KEY, RISK_KEY, keeper));

        // 1,500 of ~1,000,000: 15 bps (rounded up) against 10
        assertThat(error).hasToString("PremiumAboveLimit(" + ceilBps(PREMIUM, total) + ", 10)");
        assertThat(ceilBps(PREMIUM, total)).isBetween(15L, 16L);
    }

    @Test
    void buyProtection_secondPurchaseOverRollingBudget_revertsWithPremiumBudgetExceeded() throws Exception {
        deploy(new PremiumLimits(20, 25, 86_400));
        BigInteger total = vault().totalValue().send();
        expectSuccess(buy(quote(STRIKE, AMOUNT, PREMIUM, WEEK), QUOTER_KEY, RISK_KEY, keeper, 1));
        long first = ceilBps(PREMIUM, total);
        anvil.increaseTime(3_600);
        VaultDeployer.setFeedPrice(chain, owner, d.feeds().get(1), DeploymentSpec.DEFAULT.btcPriceUsd());
        VaultDeployer.setFeedPrice(chain, owner, d.feeds().get(WETH), DeploymentSpec.DEFAULT.ethPriceUsd());
        BigInteger totalNow = vault().totalValue().send();

        DecodedError error = expectError(buy(quote(STRIKE, AMOUNT, PREMIUM, WEEK), QUOTER_KEY, RISK_KEY, keeper, 2));

        // the first purchase is an hour old, inside the day's window: both count against 25 bps
        assertThat(error).hasToString("PremiumBudgetExceeded(" + (first + ceilBps(PREMIUM, totalNow)) + ", 25)");
    }

    @Test
    void buyProtection_morePutsThanCollateral_revertsWithInsufficientCollateral() throws Exception {
        deploy(PremiumLimits.DEFAULT);
        // 100 puts at 2,700 need 270,000 of the 200,000 deposited
        BigInteger amount = ETH.multiply(BigInteger.valueOf(100));

        DecodedError error = expectError(buy(quote(STRIKE, amount, PREMIUM, WEEK), QUOTER_KEY, RISK_KEY, keeper));

        assertThat(error).hasToString("InsufficientCollateral(" + usdc(270_000) + ", " + COLLATERAL + ")");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private record Result(TransactionReceipt receipt, DecodedError error) {}

    private void deploy(PremiumLimits limits) throws Exception {
        d = VaultDeployer.deploy(
                chain,
                owner,
                Credentials.create(RISK_KEY).getAddress(),
                List.of(keeper.getAddress()),
                DeploymentSpec.DEFAULT);
        TestToken.load(d.stablecoin(), chain.web3j(), chain.transactionManager(owner), gas())
                .mint(seller.getAddress(), COLLATERAL)
                .send();
        venue = ProtectionVenue.deploy(
                chain,
                seller,
                d,
                WETH,
                HEARTBEAT,
                Credentials.create(QUOTER_KEY).getAddress(),
                COLLATERAL);
        ProtectionVenue.register(chain, owner, d.vault(), venue.getContractAddress(), WETH, limits);
        quoteNonce = 0;
    }

    /** A quote to the vault for puts expiring {@code tenor} seconds from now, takeable for five minutes. */
    private PutQuote quote(BigInteger strike, BigInteger amount, BigInteger premium, long tenor) throws Exception {
        long now = latestTimestamp();
        return new PutQuote(
                d.vault(),
                d.tokens().get(WETH),
                strike,
                now + tenor,
                amount,
                premium,
                now + 300,
                BigInteger.valueOf(++quoteNonce));
    }

    private ProtectionOrder order(PutQuote q, BigInteger maxPremium, long nonce) throws Exception {
        byte[] quoteHash = ProtectionTypedData.quoteDigest(chain.chainId(), venue.getContractAddress(), q);
        return new ProtectionOrder(
                d.vault(), venue.getContractAddress(), quoteHash, maxPremium, nonce, latestTimestamp() + 600);
    }

    private byte[] signQuote(PutQuote q, ECKeyPair key) {
        return ProtectionTypedData.signQuote(chain.chainId(), venue.getContractAddress(), q, key);
    }

    private Result buy(PutQuote q, ECKeyPair quoter, ECKeyPair signer, Credentials by) throws Exception {
        return buy(q, quoter, signer, by, 1);
    }

    /** The quote signed by {@code quoter}, an order for exactly its premium signed by {@code signer}. */
    private Result buy(PutQuote q, ECKeyPair quoter, ECKeyPair signer, Credentials by, long orderNonce)
            throws Exception {
        ProtectionOrder order = order(q, q.premium(), orderNonce);
        return callBuy(
                by, order, ProtectionTypedData.signOrder(chain.chainId(), order, signer), q, signQuote(q, quoter));
    }

    private Result callBuy(Credentials by, ProtectionOrder order, byte[] orderSig, PutQuote q, byte[] quoteSig)
            throws Exception {
        try {
            return new Result(ProtectionVenue.buy(chain, by, order, orderSig, q, quoteSig), null);
        } catch (TransactionException e) {
            return failed(e);
        }
    }

    private Result failed(TransactionException e) throws Exception {
        TransactionReceipt receipt = e.getTransactionReceipt().orElseThrow();
        assertThat(receipt.isStatusOK()).isFalse();
        Optional<String> data = chain.revertDataOfTransaction(receipt.getTransactionHash());
        DecodedError error = data.flatMap(ContractErrors.DEFAULT::decode)
                .orElseThrow(() -> new AssertionError("undecodable revert " + data));
        return new Result(receipt, error);
    }

    private DecodedError expectError(Result r) {
        assertThat(r.error()).as("expected a revert, the transaction succeeded").isNotNull();
        return r.error();
    }

    private DecodedError expectError(org.web3j.protocol.core.RemoteFunctionCall<TransactionReceipt> call)
            throws Exception {
        try {
            call.send();
        } catch (TransactionException e) {
            return failed(e).error();
        }
        throw new AssertionError("expected a revert, the transaction succeeded");
    }

    private TransactionReceipt expectSuccess(Result r) {
        assertThat(r.error()).as("%s", r.error()).isNull();
        return r.receipt();
    }

    private TransactionReceipt expectSuccess(org.web3j.protocol.core.RemoteFunctionCall<TransactionReceipt> call)
            throws Exception {
        try {
            return call.send();
        } catch (TransactionException e) {
            throw new AssertionError("reverted: " + failed(e).error(), e);
        }
    }

    private static BigInteger boughtId(TransactionReceipt r) {
        return Vault.getProtectionBoughtEvents(r).get(0).id;
    }

    /** premium / total in bps, rounded up, as the vault charges it. */
    private static long ceilBps(BigInteger premium, BigInteger total) {
        return new BigDecimal(premium.multiply(BigInteger.valueOf(10_000)))
                .divide(new BigDecimal(total), 0, RoundingMode.CEILING)
                .longValueExact();
    }

    private static BigInteger usdc(long dollars) {
        return BigInteger.valueOf(dollars).multiply(USDC);
    }

    private void feedRound(BigDecimal usd, long updatedAt) throws Exception {
        io.vaultrisk.contracts.generated.PriceFeed.load(
                        d.feeds().get(WETH), chain.web3j(), chain.transactionManager(owner), gas())
                .setRound(VaultDeployer.feedAnswer(usd), BigInteger.valueOf(updatedAt))
                .send();
    }

    private Vault vault() throws Exception {
        return Vault.load(d.vault(), chain.web3j(), chain.transactionManager(owner), gas());
    }

    private PutSeller venueAs(Credentials who) throws Exception {
        return PutSeller.load(venue.getContractAddress(), chain.web3j(), chain.transactionManager(who), gas());
    }

    private BigInteger usdcBalance(String account) throws Exception {
        return TestToken.load(d.stablecoin(), chain.web3j(), chain.transactionManager(owner), gas())
                .balanceOf(account)
                .send();
    }

    private StaticGasProvider gas() throws Exception {
        return new StaticGasProvider(chain.gasPrice(), BigInteger.valueOf(1_500_000));
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
