package io.vaultrisk.executor;

import io.vaultrisk.contracts.Chain;
import io.vaultrisk.contracts.ContractErrors;
import io.vaultrisk.executor.ExecutorState.Pending;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Optional;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * The executor's own transactions on the node: signing (EIP-1559), broadcasting, finding which version of a pending
 * transaction was mined, and decoding what a pending transaction or a revert carries. Every node call goes through the
 * executor's backoff.
 */
final class Transactions {

    /** One mined version of a pending transaction. */
    record Mined(String txHash, TransactionReceipt receipt) {}

    private static final System.Logger LOG = System.getLogger(Transactions.class.getName());

    private final Chain chain;
    private final Web3j web3j;
    private final Credentials credentials;
    private final Backoff backoff;
    private final String rpcUrl;

    Transactions(Chain chain, Credentials credentials, Backoff backoff, String rpcUrl) {
        this.chain = chain;
        this.web3j = chain.web3j();
        this.credentials = credentials;
        this.backoff = backoff;
        this.rpcUrl = rpcUrl;
    }

    String sign(
            BigInteger accountNonce, BigInteger gasLimit, String to, String data, BigInteger tip, BigInteger maxFee) {
        RawTransaction raw = RawTransaction.createTransaction(
                chain.chainId(), accountNonce, gasLimit, to, BigInteger.ZERO, data, tip, maxFee);
        return Numeric.toHexString(TransactionEncoder.signMessage(raw, credentials));
    }

    /** Broadcasts the signed bytes; false only when the node refused them and does not know the transaction. */
    boolean broadcast(Pending p) throws IOException {
        EthSendTransaction sent = backoff.call(
                rpc("broadcast"),
                () -> web3j.ethSendRawTransaction(p.rawTransaction()).send());
        if (!sent.hasError()) {
            return true;
        }
        // "already known" / "nonce too low" after a rebroadcast: the transaction itself may be in
        boolean known = known(p.txHash());
        if (!known) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "node rejected " + p.txHash() + ": " + sent.getError().getMessage());
        }
        return known;
    }

    boolean known(String hash) throws IOException {
        return backoff.call(
                rpc("look up transaction"),
                () -> web3j.ethGetTransactionByHash(hash)
                        .send()
                        .getTransaction()
                        .isPresent());
    }

    Optional<Mined> minedVersion(Pending p) throws IOException {
        for (String hash : p.allTxHashes()) {
            Optional<TransactionReceipt> receipt = backoff.call(
                    rpc("read receipt"),
                    () -> web3j.ethGetTransactionReceipt(hash).send().getTransactionReceipt());
            if (receipt.isPresent()) {
                return Optional.of(new Mined(hash, receipt.get()));
            }
        }
        return Optional.empty();
    }

    long latestBlockTime() throws IOException {
        return latestBlock().getTimestamp().longValueExact();
    }

    long latestBlockNumber() throws IOException {
        return latestBlock().getNumber().longValueExact();
    }

    /** The latest block's number and time, read together (one block, so reads pinned to it see one state). */
    EthBlock.Block latestBlockHeader() throws IOException {
        return latestBlock();
    }

    private EthBlock.Block latestBlock() throws IOException {
        return backoff.call(
                rpc("read latest block"),
                () -> web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
                        .send()
                        .getBlock());
    }

    String rpc(String what) {
        return "the RPC node " + rpcUrl + ": " + what;
    }

    static BigInteger gasLimitOf(Pending p) {
        return TransactionDecoder.decode(p.rawTransaction()).getGasLimit();
    }

    static String dataOf(Pending p) {
        return TransactionDecoder.decode(p.rawTransaction()).getData();
    }

    /** A revert as its decoded custom error, e.g. {@code WeightAboveCap(2, 5500, 5000)}. */
    static String decode(Optional<String> revertData, EthCall call) {
        if (revertData.isPresent()) {
            return ContractErrors.DEFAULT.describe(revertData.get());
        }
        return call != null && call.hasError()
                ? "call failed: " + call.getError().getMessage()
                : "revert without data";
    }
}
