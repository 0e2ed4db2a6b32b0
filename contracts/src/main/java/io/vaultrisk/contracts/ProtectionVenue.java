package io.vaultrisk.contracts;

import io.vaultrisk.contracts.generated.PutSeller;
import io.vaultrisk.contracts.generated.TestToken;
import io.vaultrisk.contracts.generated.Vault;
import io.vaultrisk.protocol.ProtectionOrder;
import io.vaultrisk.protocol.PutQuote;
import java.math.BigInteger;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.ContractGasProvider;

/**
 * The protective-put path on chain: deploys a {@code PutSeller} venue on one sleeve of a deployed vault (its
 * stablecoin, token and feed), funds it with the market maker's collateral, registers it with the vault and its
 * premium limits, and submits a signed quote and protection order to {@code Vault.buyProtection} as a keeper.
 */
public final class ProtectionVenue {

    private static final BigInteger GAS_LIMIT = BigInteger.valueOf(4_000_000);
    private static final BigInteger BUY_GAS = BigInteger.valueOf(1_000_000);

    private ProtectionVenue() {}

    /**
     * The vault's premium limits for its venue.
     *
     * @param maxPremiumBps one purchase's premium, bps of the vault's value at feed prices (puts included)
     * @param premiumBudgetBps premiums of the purchases inside {@code windowSeconds}, same unit
     * @param windowSeconds the rolling window of the budget
     */
    public record PremiumLimits(int maxPremiumBps, int premiumBudgetBps, long windowSeconds) {

        /** 1% per purchase, 2% per day. */
        public static final PremiumLimits DEFAULT = new PremiumLimits(100, 200, 86_400);

        public PremiumLimits {
            if (maxPremiumBps < 0 || maxPremiumBps > premiumBudgetBps) {
                throw new IllegalArgumentException(
                        "maxPremiumBps: must be in [0, premiumBudgetBps], got " + maxPremiumBps);
            }
            if (premiumBudgetBps > 10_000) {
                throw new IllegalArgumentException("premiumBudgetBps: must be <= 10000, got " + premiumBudgetBps);
            }
            if (windowSeconds <= 0) {
                throw new IllegalArgumentException("windowSeconds: must be > 0, got " + windowSeconds);
            }
        }
    }

    /**
     * Deploys a venue selling puts on {@code sleeve}'s token, settled in the vault's stablecoin against the sleeve's
     * feed, owned by {@code seller} (the market maker), whose quotes {@code quoter} signs; the seller then deposits
     * {@code collateral} stablecoin units it already holds.
     */
    public static PutSeller deploy(
            Chain chain,
            Credentials seller,
            VaultDeployment d,
            int sleeve,
            long heartbeatSeconds,
            String quoter,
            BigInteger collateral)
            throws Exception {
        ContractGasProvider gas = chain.gasProvider(GAS_LIMIT);
        PutSeller venue = PutSeller.deploy(
                        chain.web3j(),
                        chain.transactionManager(seller),
                        gas,
                        d.stablecoin(),
                        d.tokens().get(sleeve),
                        d.feeds().get(sleeve),
                        BigInteger.valueOf(heartbeatSeconds),
                        quoter)
                .send();
        if (collateral.signum() > 0) {
            TestToken.load(d.stablecoin(), chain.web3j(), chain.transactionManager(seller), gas)
                    .approve(venue.getContractAddress(), collateral)
                    .send();
            venue.depositCollateral(collateral).send();
        }
        return venue;
    }

    /**
     * The whole set-up in one call, for the demo: the vault's owner mints {@code collateral} test stablecoin to the
     * seller, the seller deploys and funds the venue on {@code sleeve}, the owner registers it; the venue's address.
     */
    public static String open(
            Chain chain,
            Credentials owner,
            Credentials seller,
            VaultDeployment d,
            int sleeve,
            long heartbeatSeconds,
            String quoter,
            BigInteger collateral,
            PremiumLimits limits)
            throws Exception {
        TestToken.load(d.stablecoin(), chain.web3j(), chain.transactionManager(owner), chain.gasProvider(BUY_GAS))
                .mint(seller.getAddress(), collateral)
                .send();
        String venue = deploy(chain, seller, d, sleeve, heartbeatSeconds, quoter, collateral)
                .getContractAddress();
        register(chain, owner, d.vault(), venue, sleeve, limits);
        return venue;
    }

    /** One put as {@code PutSeller.position} returns it, and what it would pay at the feed's latest answer. */
    public record Position(
            String buyer,
            BigInteger strike,
            BigInteger amount,
            long expiry,
            BigInteger collateral,
            boolean settled,
            BigInteger intrinsicValue) {}

    public static Position position(Chain chain, String venue, BigInteger id) throws Exception {
        PutSeller v = PutSeller.load(
                venue, chain.web3j(), new ReadonlyTransactionManager(chain.web3j(), venue), chain.gasProvider(BUY_GAS));
        var p = v.position(id).send();
        return new Position(
                p.component1(),
                p.component2(),
                p.component3(),
                p.component4().longValueExact(),
                p.component5(),
                p.component6(),
                v.intrinsicValue(id).send());
    }

    /** A settlement: its transaction and what it paid the buyer (stablecoin units). */
    public record Settlement(String tx, BigInteger payout) {}

    /** Settles an expired put (anyone may); reverts with the venue's error before expiry or on a stale feed. */
    public static Settlement settle(Chain chain, Credentials caller, String venue, BigInteger id) throws Exception {
        PutSeller v =
                PutSeller.load(venue, chain.web3j(), chain.transactionManager(caller), chain.gasProvider(BUY_GAS));
        TransactionReceipt r = v.settle(id).send();
        return new Settlement(
                r.getTransactionHash(), PutSeller.getPutSettledEvents(r).get(0).payout);
    }

    /** Registers {@code venue} as the vault's options venue for {@code sleeve} (vault owner only). */
    public static TransactionReceipt register(
            Chain chain, Credentials owner, String vault, String venue, int sleeve, PremiumLimits limits)
            throws Exception {
        return Vault.load(vault, chain.web3j(), chain.transactionManager(owner), chain.gasProvider(BUY_GAS))
                .setProtectionVenue(
                        venue,
                        BigInteger.valueOf(sleeve),
                        BigInteger.valueOf(limits.maxPremiumBps()),
                        BigInteger.valueOf(limits.premiumBudgetBps()),
                        BigInteger.valueOf(limits.windowSeconds()))
                .send();
    }

    /** Buys the quoted puts through the vault (a keeper's transaction); reverts with the vault's or venue's error. */
    public static TransactionReceipt buy(
            Chain chain,
            Credentials keeper,
            ProtectionOrder order,
            byte[] orderSignature,
            PutQuote quote,
            byte[] quoteSignature)
            throws Exception {
        return Vault.load(order.vault(), chain.web3j(), chain.transactionManager(keeper), chain.gasProvider(BUY_GAS))
                .buyProtection(orderStruct(order), orderSignature, quoteStruct(quote), quoteSignature)
                .send();
    }

    public static Vault.Protection orderStruct(ProtectionOrder o) {
        return new Vault.Protection(
                o.vault(),
                o.venue(),
                o.quoteHash(),
                o.maxPremium(),
                BigInteger.valueOf(o.nonce()),
                BigInteger.valueOf(o.validUntil()));
    }

    public static Vault.Quote quoteStruct(PutQuote q) {
        return new Vault.Quote(
                q.buyer(),
                q.asset(),
                q.strike(),
                BigInteger.valueOf(q.expiry()),
                q.amount(),
                q.premium(),
                BigInteger.valueOf(q.quoteExpiry()),
                q.nonce());
    }
}
