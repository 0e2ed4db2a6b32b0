package io.vaultrisk.executor;

import io.vaultrisk.contracts.Chain;
import io.vaultrisk.executor.ExecutorState.Pending;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import org.web3j.crypto.Hash;

/**
 * Replaces a transaction left unmined: the same rebalance with both EIP-1559 fee fields raised by 12.5% (the minimum
 * nodes accept is 10%), or, once its allocation expired or was superseded, a zero-value transfer to the executor
 * itself with the same account nonce (a cancel), so a stale rebalance can no longer be mined. A bump never goes above
 * the gas ceiling of its allocation (the urgent one for an urgent allocation). Every version is written to the state
 * file before it is broadcast.
 */
final class FeeBumper {

    /** Why a pending rebalance must not be mined any more, or null while it still should. */
    interface Staleness {
        String reason(Pending p) throws IOException;
    }

    private static final BigInteger TRANSFER_GAS = BigInteger.valueOf(21_000);
    private static final System.Logger LOG = System.getLogger(FeeBumper.class.getName());

    private final ExecutorConfig config;
    private final Chain chain;
    private final Transactions transactions;
    private final Backoff backoff;
    private final StateStore store;
    private final Executor.Checkpoints checkpoints;
    private final String self;

    FeeBumper(
            ExecutorConfig config,
            Chain chain,
            Transactions transactions,
            Backoff backoff,
            StateStore store,
            Executor.Checkpoints checkpoints,
            String self) {
        this.config = config;
        this.chain = chain;
        this.transactions = transactions;
        this.backoff = backoff;
        this.store = store;
        this.checkpoints = checkpoints;
        this.self = self;
    }

    /**
     * Signs, writes ahead and broadcasts a replacement of a stuck transaction. Returns the pending transaction now
     * tracked (unchanged when the ceiling does not allow a higher bid).
     */
    Pending replace(ExecutorState state, Pending p, Staleness staleness) throws IOException {
        String why = p.cancel() ? "already cancelling" : staleness.reason(p);
        boolean cancel = why != null;
        BigInteger market = backoff.call(transactions.rpc("read gas price"), chain::gasPrice);
        BigInteger maxFee = bump(p.maxFeePerGas()).max(market);
        BigInteger tip = bump(p.maxPriorityFeePerGas());
        BigInteger ceiling = p.urgent() ? config.urgentMaxGasPriceWei() : config.maxGasPriceWei();
        if (maxFee.compareTo(ceiling) > 0) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    p.txHash() + " unmined, but a 12.5% higher fee cap " + maxFee + " is above the "
                            + (p.urgent() ? "urgent" : "normal") + " ceiling " + ceiling + "; waiting");
            return p;
        }
        String signed = cancel
                ? transactions.sign(p.accountNonce(), TRANSFER_GAS, self, "0x", tip, maxFee)
                : transactions.sign(
                        p.accountNonce(),
                        Transactions.gasLimitOf(p),
                        config.vault(),
                        Transactions.dataOf(p),
                        tip,
                        maxFee);
        Pending next = p.replacedBy(
                Hash.sha3(signed), signed, maxFee, tip, cancel, Instant.now().toString());
        store.save(state.withPending(next)); // write-ahead, as for the first version
        checkpoints.persisted(next);
        LOG.log(
                System.Logger.Level.INFO,
                (cancel ? "cancelling " + p.txHash() + " (" + why + ")" : "bumping " + p.txHash()) + " with "
                        + next.txHash() + ", fee cap " + maxFee + " wei");
        transactions.broadcast(next);
        checkpoints.broadcast(next);
        return next;
    }

    static BigInteger bump(BigInteger fee) {
        // nodes take a replacement only if both fee fields rise by at least 10%
        return fee.multiply(BigInteger.valueOf(9)).add(BigInteger.valueOf(7)).divide(BigInteger.valueOf(8));
    }
}
