package io.vaultrisk.executor;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * What the executor must remember across restarts, for one vault on one chain.
 *
 * @param lastHandledNonce highest allocation nonce this executor has finished with (submitted and recorded, or found
 *     already applied on chain); never submitted again
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
     * them can never execute twice, because the account nonce inside them is spent by the first inclusion.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Pending(BigInteger allocationNonce, String txHash, String rawTransaction, String signedAt) {}

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

    ExecutorState recorded(Submission s) {
        List<Submission> h = new ArrayList<>(history);
        h.add(s);
        if (h.size() > MAX_HISTORY) {
            h = h.subList(h.size() - MAX_HISTORY, h.size());
        }
        return new ExecutorState(vault, chainId, lastHandledNonce.max(s.allocationNonce()), null, h);
    }
}
