package io.vaultrisk.executor;

import java.math.BigInteger;
import java.util.List;

/**
 * What one poll did.
 *
 * @param kind the decision
 * @param nonce the allocation's nonce, when there was one
 * @param txHash the rebalance transaction, when one was sent (or recovered from the state file)
 * @param detail a one-line explanation; for reverts, the decoded custom error, e.g. {@code WeightAboveCap(2, 5500, 5000)}
 * @param weightsBefore on-chain weights read before acting (empty when not read)
 * @param weightsAfter on-chain weights after a mined rebalance (empty otherwise)
 * @param inputsHash the receipt inputs hash the vault emitted in {@code Rebalanced} for a mined rebalance (bytes32(0)
 *     for an allocation without a receipt), read from the transaction's log; null otherwise
 */
public record Outcome(
        Kind kind,
        BigInteger nonce,
        String txHash,
        String detail,
        List<Integer> weightsBefore,
        List<Integer> weightsAfter,
        String inputsHash) {

    public enum Kind {
        /** Sent, mined and successful. */
        REBALANCED,
        /**
         * Sent and mined, but reverted; {@code detail} names the custom error. The allocation is not marked handled:
         * the next poll simulates it afresh and sends it again if the vault would now accept it.
         */
        REVERTED,
        /**
         * A pending transaction whose allocation expired or was superseded was replaced by a zero-value transfer to
         * the executor itself (same account nonce), and that mined: the stale rebalance can no longer execute.
         */
        CANCELLED,
        /**
         * Not sent: a simulation showed the vault would refuse it ({@code detail} names the custom error), or the
         * circuit breaker tripped ({@code detail} starts with "circuit breaker:").
         */
        REFUSED,
        /** Not sent: the off-chain signature, digest, signer or vault checks failed. */
        REJECTED,
        /** The service has no allocation for the vault. */
        NO_ALLOCATION,
        /** This nonce was already handled by this executor or applied on chain. */
        ALREADY_APPLIED,
        /** Past its valid-until time at the latest block. */
        EXPIRED,
        /** Every sleeve is within the drift threshold of its target. */
        WITHIN_DRIFT,
        /**
         * The gas price is above the allocation's ceiling (the normal one, or the higher urgent one for an urgent
         * allocation): it waits for the next poll.
         */
        GAS_TOO_HIGH
    }

    public Outcome {
        weightsBefore = weightsBefore == null ? List.of() : List.copyOf(weightsBefore);
        weightsAfter = weightsAfter == null ? List.of() : List.copyOf(weightsAfter);
    }

    /** An outcome without an emitted inputs hash (everything but a mined rebalance). */
    public Outcome(
            Kind kind,
            BigInteger nonce,
            String txHash,
            String detail,
            List<Integer> weightsBefore,
            List<Integer> weightsAfter) {
        this(kind, nonce, txHash, detail, weightsBefore, weightsAfter, null);
    }

    static Outcome of(Kind kind, BigInteger nonce, String detail) {
        return new Outcome(kind, nonce, null, detail, List.of(), List.of());
    }

    /** One line for logs and the CLI. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(kind.name());
        if (nonce != null) {
            s.append(" nonce=").append(nonce);
        }
        if (txHash != null) {
            s.append(" tx=").append(txHash);
        }
        if (!weightsBefore.isEmpty()) {
            s.append(" before=").append(weightsBefore);
        }
        if (!weightsAfter.isEmpty()) {
            s.append(" after=").append(weightsAfter);
        }
        if (inputsHash != null) {
            s.append(" inputsHash=").append(inputsHash);
        }
        if (detail != null && !detail.isEmpty()) {
            s.append(" : ").append(detail);
        }
        return s.toString();
    }
}
