package io.vaultrisk.executor;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * What the executor must remember across restarts, for one vault on one chain.
 *
 * @param lastHandledNonce highest allocation nonce this executor has finished with (applied by its transaction, found
 *     applied or passed on chain, expired, or superseded and cancelled); never submitted again. A reverted transaction
 *     does not finish an allocation: it is simulated afresh on the next poll.
 * @param pending a transaction signed and written here before it was broadcast, whose receipt is not yet recorded
 * @param history recorded rebalance transactions, newest last (bounded)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExecutorState(
        String vault, long chainId, BigInteger lastHandledNonce, Pending pending, List<Submission> history) {

    static final int MAX_HISTORY = 200;

    public ExecutorState {
        history = history == null ? List.of() : List.copyOf(history);
        lastHandledNonce = lastHandledNonce == null ? BigInteger.ZERO : lastHandledNonce;
    }

    /**
     * A signed transaction written ahead of its broadcast. Keeping the raw bytes makes recovery exact: rebroadcasting
     * them can never execute twice, because the account nonce inside them is spent by the first inclusion. A stuck
     * transaction is replaced by one with the same account nonce and higher fees (or, once its allocation expired or
     * was superseded, by a zero-value transfer to itself: a cancel); every earlier hash stays listed, since any one of
     * them may be the one that is mined.
     *
     * @param accountNonce the account nonce all versions share (null in state files from before fee bumping)
     * @param maxFeePerGas EIP-1559 fee cap of the current version
     * @param maxPriorityFeePerGas EIP-1559 tip of the current version
     * @param validUntil the allocation's valid-until time
     * @param replacedTxHashes hashes of the earlier versions, oldest first
     * @param cancel whether the current version is a cancel
     * @param urgent whether its allocation was urgent: fee bumps may then go up to the urgent gas ceiling (false in
     *     state files from before issue 18)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Pending(
            BigInteger allocationNonce,
            String txHash,
            String rawTransaction,
            String signedAt,
            BigInteger accountNonce,
            BigInteger maxFeePerGas,
            BigInteger maxPriorityFeePerGas,
            BigInteger validUntil,
            List<String> replacedTxHashes,
            boolean cancel,
            boolean urgent) {

        public Pending {
            replacedTxHashes = replacedTxHashes == null ? List.of() : List.copyOf(replacedTxHashes);
        }

        /** Every version's hash, the current one last. */
        public List<String> allTxHashes() {
            List<String> all = new ArrayList<>(replacedTxHashes);
            all.add(txHash);
            return all;
        }

        /** This transaction replaced by a newer signed version with the same account nonce. */
        Pending replacedBy(String hash, String raw, BigInteger maxFee, BigInteger tip, boolean asCancel, String at) {
            return new Pending(
                    allocationNonce,
                    hash,
                    raw,
                    at,
                    accountNonce,
                    maxFee,
                    tip,
                    validUntil,
                    allTxHashes(),
                    asCancel,
                    urgent);
        }
    }

    /** A mined rebalance transaction and how it ended. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Submission(
            BigInteger allocationNonce,
            String txHash,
            BigInteger blockNumber,
            boolean success,
            BigInteger gasUsed,
            String revertError,
            String recordedAt) {}

    static ExecutorState fresh(String vault, long chainId) {
        return new ExecutorState(vault, chainId, BigInteger.ZERO, null, List.of());
    }

    ExecutorState withPending(Pending p) {
        return new ExecutorState(vault, chainId, lastHandledNonce, p, history);
    }

    ExecutorState handled(BigInteger nonce) {
        return new ExecutorState(vault, chainId, lastHandledNonce.max(nonce), pending, history);
    }

    /** The pending transaction's receipt recorded; its allocation is handled only when it succeeded. */
    ExecutorState recorded(Submission s) {
        List<Submission> h = new ArrayList<>(history);
        h.add(s);
        if (h.size() > MAX_HISTORY) {
            h = h.subList(h.size() - MAX_HISTORY, h.size());
        }
        BigInteger handled = s.success() ? lastHandledNonce.max(s.allocationNonce()) : lastHandledNonce;
        return new ExecutorState(vault, chainId, handled, null, h);
    }
}
