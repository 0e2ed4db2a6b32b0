package io.vaultrisk.executor;

import io.vaultrisk.contracts.Chain;
import io.vaultrisk.contracts.ProtectionVenue;
import io.vaultrisk.contracts.generated.Vault;
import io.vaultrisk.protocol.AllocationTypedData;
import io.vaultrisk.protocol.ProtectionOrder;
import io.vaultrisk.protocol.ProtectionTypedData;
import io.vaultrisk.protocol.PutQuote;
import java.math.BigInteger;
import java.util.Locale;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;

/**
 * The keeper's half of a protective-put purchase: checks off chain that the order is the risk signer's and names
 * exactly this quote, simulates {@code Vault.buyProtection} so a refusal (premium over budget, quote taken, stale feed)
 * costs no gas, then sends it. It never signs anything itself: what to buy and the most it may cost are the risk
 * signer's (the service's), the price is the venue's quoter's.
 */
public final class ProtectionBuyer {

    /** What a purchase did: bought (with the venue's position id) or refused before or when mined. */
    public record Result(boolean bought, BigInteger positionId, String txHash, String detail) {}

    private final Chain chain;
    private final Credentials keeper;

    public ProtectionBuyer(Chain chain, Credentials keeper) {
        this.chain = chain;
        this.keeper = keeper;
    }

    public Result buy(
            ProtectionOrder order, byte[] orderSignature, String riskSigner, PutQuote quote, byte[] quoteSignature)
            throws Exception {
        String refusal = verify(chain.chainId(), order, orderSignature, riskSigner, quote);
        if (refusal != null) {
            return new Result(false, null, null, refusal);
        }
        Vault vault = Vault.load(
                order.vault(), chain.web3j(), chain.transactionManager(keeper), chain.gasProvider(BigInteger.ZERO));
        String data = vault.buyProtection(
                        ProtectionVenue.orderStruct(order),
                        orderSignature,
                        ProtectionVenue.quoteStruct(quote),
                        quoteSignature)
                .encodeFunctionCall();
        EthCall simulated = chain.web3j()
                .ethCall(
                        Transaction.createEthCallTransaction(keeper.getAddress(), order.vault(), data),
                        DefaultBlockParameterName.LATEST)
                .send();
        if (simulated.hasError() || simulated.isReverted()) {
            return new Result(false, null, null, Transactions.decode(Chain.revertData(simulated), simulated));
        }
        try {
            TransactionReceipt r = ProtectionVenue.buy(chain, keeper, order, orderSignature, quote, quoteSignature);
            BigInteger id = Vault.getProtectionBoughtEvents(r).get(0).id;
            return new Result(true, id, r.getTransactionHash(), "bought position " + id);
        } catch (TransactionException e) {
            String hash = e.getTransactionHash().orElse(null);
            String why = hash == null
                    ? "reverted: " + e.getMessage()
                    : Transactions.decode(chain.revertDataOfTransaction(hash), null);
            return new Result(false, null, hash, why);
        }
    }

    /** Null when the order is the risk signer's for exactly this quote; otherwise why not (nothing is sent). */
    static String verify(
            long chainId, ProtectionOrder order, byte[] orderSignature, String riskSigner, PutQuote quote) {
        String signer;
        try {
            signer = AllocationTypedData.recoverSigner(ProtectionTypedData.orderDigest(chainId, order), orderSignature);
        } catch (IllegalArgumentException e) {
            return "order " + e.getMessage();
        }
        if (!signer.equalsIgnoreCase(riskSigner)) {
            return "order signed by " + signer + ", not the risk signer " + riskSigner.toLowerCase(Locale.ROOT);
        }
        if (!java.util.Arrays.equals(
                ProtectionTypedData.quoteDigest(chainId, order.venue(), quote), order.quoteHash())) {
            return "the quote is not the one the order names";
        }
        if (quote.premium().compareTo(order.maxPremium()) > 0) {
            return "premium " + quote.premium() + " above the order's maximum " + order.maxPremium();
        }
        return null;
    }
}
