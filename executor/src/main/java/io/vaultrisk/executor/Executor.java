package io.vaultrisk.executor;

import io.vaultrisk.contracts.AllocationStruct;
import io.vaultrisk.contracts.Chain;
import io.vaultrisk.contracts.ContractErrors;
import io.vaultrisk.contracts.generated.Vault;
import io.vaultrisk.executor.ExecutorState.Pending;
import io.vaultrisk.executor.ExecutorState.Submission;
import io.vaultrisk.executor.Outcome.Kind;
import io.vaultrisk.protocol.SignedAllocation;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.utils.Numeric;

/**
 * Applies the risk service's signed allocations to one vault, safely and at most once per nonce.
 * <p>
 * Each poll: resolve a transaction left pending by an earlier run; fetch the latest allocation; skip it when this
 * executor already handled its nonce or the vault's on-chain nonce has passed it; verify digest, signature and signer
 * off-chain; skip when expired, within the drift threshold or above the gas cap; simulate the call so that a refusal
 * costs no gas; then sign the transaction, <em>write it to the state file before broadcasting it</em>, broadcast,
 * wait for the receipt and record it. A crash anywhere leaves either nothing to redo or a pending entry whose exact
 * signed bytes are rebroadcast (which cannot execute twice: their account nonce is spent by the first inclusion).
 */
public final class Executor implements AutoCloseable {

    /** Observes the two points between which a crash must be survivable; tests use it to crash the executor there. */
    interface Checkpoints {
        Checkpoints NONE = new Checkpoints() {};

        default void persisted(Pending pending) {}

        default void broadcast(Pending pending) {}
    }

    private static final Duration RECEIPT_TIMEOUT = Duration.ofMinutes(3);
    private static final System.Logger LOG = System.getLogger(Executor.class.getName());

    private final ExecutorConfig config;
    private final Chain chain;
    private final Web3j web3j;
    private final Credentials credentials;
    private final Vault vault;
    private final AllocationClient client;
    private final StateStore store;
    private final Backoff backoff;
    private final Checkpoints checkpoints;
    private final java.nio.channels.FileLock lock;
    private List<String> sleeves;
    private volatile boolean stopped;

    Executor(ExecutorConfig config, Checkpoints checkpoints) throws IOException {
        this.config = config;
        this.checkpoints = checkpoints;
        this.credentials = KeyFile.read(config.keyFile());
        this.backoff = new Backoff(config.maxAttempts(), config.initialBackoff());
        this.store = new StateStore(config.stateFile());
        this.lock = store.lock();
        try {
            this.chain = backoff.call("connect to " + config.rpcUrl(), () -> Chain.connect(config.rpcUrl()));
        } catch (IOException | RuntimeException e) {
            lock.channel().close();
            throw e;
        }
        this.web3j = chain.web3j();
        this.vault = Vault.load(
                config.vault(),
                web3j,
                chain.transactionManager(credentials),
                new StaticGasProvider(BigInteger.ONE, BigInteger.ONE));
        this.client = new AllocationClient(config.serviceUrl(), config.apiKey(), config.vault());
    }

    /** An executor for the configuration; reads the key file and connects to the node (with retries). */
    public static Executor create(ExecutorConfig config) throws IOException {
        return new Executor(config, Checkpoints.NONE);
    }

    /** Polls once and acts on what it finds. */
    public Outcome runOnce() throws IOException {
        ExecutorState state = store.load(config.vault(), chain.chainId());
        if (state.pending() != null) {
            return resolvePending(state);
        }
        Optional<SignedAllocation> latest = backoff.call("GET " + client.endpoint(), client::latest);
        if (latest.isEmpty()) {
            return Outcome.of(Kind.NO_ALLOCATION, null, "the service has no allocation for " + config.vault());
        }
        SignedAllocation s = latest.get();
        BigInteger n = s.nonce();
        if (n == null || n.signum() <= 0) {
            return Outcome.of(Kind.REJECTED, n, "nonce: missing or not positive");
        }
        if (n.compareTo(state.lastHandledNonce()) <= 0) {
            return Outcome.of(Kind.ALREADY_APPLIED, n, "handled by this executor before");
        }
        BigInteger onChain = backoff.call("read vault nonce", () -> send(vault.nonce()));
        if (n.compareTo(onChain) <= 0) {
            store.save(state.handled(n));
            return Outcome.of(Kind.ALREADY_APPLIED, n, "the vault's nonce is already " + onChain);
        }
        String riskSigner = backoff.call("read risk signer", () -> send(vault.riskSigner()));
        Optional<String> problem =
                AllocationVerifier.problem(s, config.vault(), chain.chainId(), sleeves(), riskSigner);
        if (problem.isPresent()) {
            return Outcome.of(Kind.REJECTED, n, problem.get());
        }
        long now = backoff.call(
                "read latest block",
                () -> web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
                        .send()
                        .getBlock()
                        .getTimestamp()
                        .longValueExact());
        if (BigInteger.valueOf(now).compareTo(s.validUntil()) > 0) {
            return Outcome.of(Kind.EXPIRED, n, "valid until " + s.validUntil() + ", latest block at " + now);
        }
        List<Integer> before = weights();
        int drift = 0;
        for (int i = 0; i < before.size(); i++) {
            drift = Math.max(drift, Math.abs(s.weightsBps().get(i) - before.get(i)));
        }
        if (drift <= config.driftThresholdBps()) {
            return new Outcome(
                    Kind.WITHIN_DRIFT,
                    n,
                    null,
                    "largest drift " + drift + " bps <= threshold " + config.driftThresholdBps(),
                    before,
                    List.of());
        }
        BigInteger gasPrice = backoff.call("read gas price", chain::gasPrice);
        if (gasPrice.compareTo(config.maxGasPriceWei()) > 0) {
            return new Outcome(
                    Kind.GAS_TOO_HIGH,
                    n,
                    null,
                    "gas price " + gasPrice + " wei above cap " + config.maxGasPriceWei(),
                    before,
                    List.of());
        }
        String data = vault.rebalance(AllocationStruct.of(s.allocation()), Numeric.hexStringToByteArray(s.signature()))
                .encodeFunctionCall();
        Transaction call = Transaction.createEthCallTransaction(credentials.getAddress(), config.vault(), data);
        EthCall simulated = backoff.call(
                "simulate rebalance",
                () -> web3j.ethCall(call, DefaultBlockParameterName.LATEST).send());
        if (simulated.hasError() || simulated.isReverted()) {
            return new Outcome(
                    Kind.REFUSED, n, null, decode(Chain.revertData(simulated), simulated), before, List.of());
        }
        EthEstimateGas estimate =
                backoff.call("estimate gas", () -> web3j.ethEstimateGas(call).send());
        if (estimate.hasError()) {
            return new Outcome(
                    Kind.REFUSED,
                    n,
                    null,
                    "gas estimate failed: " + estimate.getError().getMessage(),
                    before,
                    List.of());
        }
        BigInteger gasLimit =
                estimate.getAmountUsed().multiply(BigInteger.valueOf(5)).divide(BigInteger.valueOf(4));
        BigInteger accountNonce = backoff.call(
                "read account nonce",
                () -> web3j.ethGetTransactionCount(credentials.getAddress(), DefaultBlockParameterName.PENDING)
                        .send()
                        .getTransactionCount());
        RawTransaction raw = RawTransaction.createTransaction(
                accountNonce, gasPrice, gasLimit, config.vault(), BigInteger.ZERO, data);
        String signed = Numeric.toHexString(TransactionEncoder.signMessage(raw, chain.chainId(), credentials));
        Pending pending =
                new Pending(n, Hash.sha3(signed), signed, Instant.now().toString());
        state = state.withPending(pending);
        store.save(state); // write-ahead: from here on a restart knows this exact transaction
        checkpoints.persisted(pending);
        if (!broadcast(pending)) {
            store.save(state.withPending(null));
            return new Outcome(Kind.REFUSED, n, null, "the node rejected the transaction", before, List.of());
        }
        checkpoints.broadcast(pending);
        return awaitAndRecord(state, pending, before, "");
    }

    /** Polls until {@link #stop()} (or once, per the configuration), reporting every outcome to the sink. */
    public void run(Consumer<Outcome> sink) throws IOException {
        while (!stopped) {
            try {
                sink.accept(runOnce());
            } catch (IOException e) {
                if (config.once()) {
                    throw e;
                }
                LOG.log(System.Logger.Level.WARNING, "poll failed, retrying next interval: " + e.getMessage());
            }
            if (config.once()) {
                return;
            }
            try {
                Thread.sleep(config.pollInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    public void stop() {
        stopped = true;
    }

    /** The persisted state as it is now on disk. */
    public ExecutorState state() {
        return store.load(config.vault(), chain.chainId());
    }

    /** The executor account's address. */
    public String address() {
        return credentials.getAddress();
    }

    /** Network calls retried so far (for reporting and tests). */
    public int retries() {
        return backoff.retries();
    }

    /** Current on-chain weights of the vault, in its sleeve order. */
    public List<Integer> weights() throws IOException {
        List<?> raw = backoff.call("read weights", () -> send(vault.currentWeightsBps()));
        List<Integer> w = new ArrayList<>();
        for (Object o : raw) {
            w.add(((BigInteger) o).intValueExact());
        }
        return w;
    }

    @Override
    public void close() {
        stopped = true;
        chain.close();
        try {
            lock.channel().close(); // releases the lock
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot release state lock: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------------------------------------ internals

    private Outcome resolvePending(ExecutorState state) throws IOException {
        Pending p = state.pending();
        Optional<TransactionReceipt> receipt = backoff.call(
                "read receipt",
                () -> web3j.ethGetTransactionReceipt(p.txHash()).send().getTransactionReceipt());
        if (receipt.isPresent()) {
            return record(state, p, receipt.get(), List.of(), "recovered from the state file; ");
        }
        boolean known = backoff.call(
                "look up transaction",
                () -> web3j.ethGetTransactionByHash(p.txHash())
                        .send()
                        .getTransaction()
                        .isPresent());
        if (!known) {
            BigInteger onChain = backoff.call("read vault nonce", () -> send(vault.nonce()));
            if (onChain.compareTo(p.allocationNonce()) >= 0) {
                store.save(state.withPending(null).handled(p.allocationNonce()));
                return Outcome.of(
                        Kind.ALREADY_APPLIED,
                        p.allocationNonce(),
                        "pending " + p.txHash() + " never mined, but the vault's nonce is already " + onChain);
            }
            // never reached the node (crash before broadcast) or dropped: the identical bytes go out again
            if (!broadcast(p)) {
                store.save(state.withPending(null));
                return Outcome.of(Kind.REFUSED, p.allocationNonce(), "the node rejected pending " + p.txHash());
            }
        }
        return awaitAndRecord(state, p, List.of(), "recovered from the state file; ");
    }

    /** Broadcasts the signed bytes; false only when the node refused them and does not know the transaction. */
    private boolean broadcast(Pending p) throws IOException {
        EthSendTransaction sent = backoff.call(
                "broadcast",
                () -> web3j.ethSendRawTransaction(p.rawTransaction()).send());
        if (!sent.hasError()) {
            return true;
        }
        // "already known" / "nonce too low" after a rebroadcast: the transaction itself may be in
        boolean known = backoff.call(
                "look up transaction",
                () -> web3j.ethGetTransactionByHash(p.txHash())
                        .send()
                        .getTransaction()
                        .isPresent());
        if (!known) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "node rejected " + p.txHash() + ": " + sent.getError().getMessage());
        }
        return known;
    }

    private Outcome awaitAndRecord(ExecutorState state, Pending p, List<Integer> before, String note)
            throws IOException {
        long deadline = System.nanoTime() + RECEIPT_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<TransactionReceipt> receipt = backoff.call(
                    "read receipt",
                    () -> web3j.ethGetTransactionReceipt(p.txHash()).send().getTransactionReceipt());
            if (receipt.isPresent()) {
                return record(state, p, receipt.get(), before, note);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted waiting for " + p.txHash(), e);
            }
        }
        throw new IOException("no receipt for " + p.txHash() + " after " + RECEIPT_TIMEOUT.toMinutes()
                + " min; it stays pending in " + store.file() + " and is resolved on the next run");
    }

    private Outcome record(ExecutorState state, Pending p, TransactionReceipt r, List<Integer> before, String note)
            throws IOException {
        String error = null;
        if (!r.isStatusOK()) {
            error = decode(chain.revertDataOfTransaction(r.getTransactionHash()), null);
        }
        Submission sub = new Submission(
                p.allocationNonce(),
                r.getTransactionHash(),
                r.getBlockNumber(),
                r.isStatusOK(),
                r.getGasUsed(),
                error,
                Instant.now().toString());
        store.save(state.recorded(sub));
        if (r.isStatusOK()) {
            return new Outcome(
                    Kind.REBALANCED,
                    p.allocationNonce(),
                    r.getTransactionHash(),
                    note + "block " + r.getBlockNumber() + ", gas " + r.getGasUsed(),
                    before,
                    weights());
        }
        return new Outcome(Kind.REVERTED, p.allocationNonce(), r.getTransactionHash(), note + error, before, List.of());
    }

    private static String decode(Optional<String> revertData, EthCall call) {
        if (revertData.isPresent()) {
            return ContractErrors.DEFAULT.describe(revertData.get());
        }
        return call != null && call.hasError()
                ? "call failed: " + call.getError().getMessage()
                : "revert without data";
    }

    private List<String> sleeves() throws IOException {
        if (sleeves == null) {
            int n = backoff.call("read sleeve count", () -> send(vault.sleeveCount()))
                    .intValueExact();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                BigInteger index = BigInteger.valueOf(i);
                names.add(backoff.call("read sleeve", () -> send(vault.sleeve(index)))
                        .component1());
            }
            sleeves = List.copyOf(names);
        }
        return sleeves;
    }

    /** web3j's calls throw Exception; transport problems become IOException so the backoff sees them. */
    private static <T> T send(org.web3j.protocol.core.RemoteCall<T> call) throws IOException {
        try {
            return call.send();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ExecutorException("contract call failed: " + e.getMessage(), e);
        }
    }
}
