package io.vaultrisk.executor;

import io.vaultrisk.contracts.AllocationStruct;
import io.vaultrisk.contracts.Chain;
import io.vaultrisk.contracts.generated.Vault;
import io.vaultrisk.executor.ExecutorState.Pending;
import io.vaultrisk.executor.ExecutorState.Submission;
import io.vaultrisk.executor.Outcome.Kind;
import io.vaultrisk.executor.Transactions.Mined;
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
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.utils.Numeric;

/**
 * Applies the risk service's signed allocations to one vault, safely and at most once per nonce.
 * <p>
 * Each poll: resolve a transaction left pending by an earlier run; take the allocation the stream announced or fetch
 * the latest; skip it when this executor already handled its nonce or the vault's on-chain nonce has passed it; verify
 * digest, signature and signer off-chain; skip when expired or within the drift threshold; refuse while the circuit
 * breaker trips (a stale feed, a pool away from its feed: {@link CircuitBreaker}); wait while gas is above the
 * allocation's ceiling (normal, or the higher urgent one); simulate the call so that a refusal costs no gas; then sign the transaction, <em>write it to the state file before broadcasting it</em>, broadcast,
 * wait for the receipt and record it. A crash anywhere leaves either nothing to redo or a pending entry whose exact
 * signed bytes are rebroadcast (which cannot execute twice: their account nonce is spent by the first inclusion).
 * <p>
 * An allocation counts as handled only when this executor's transaction applied it, the vault's nonce has passed it,
 * it expired, or it was superseded and its transaction cancelled. A reverted transaction (the vault moved between
 * simulation and inclusion) is simulated afresh and sent again once. A transaction left unmined for
 * {@link ExecutorConfig#bumpAfter()} is replaced with EIP-1559 fees raised by 12.5% (the minimum nodes accept), or,
 * when its allocation expired or was superseded, by a zero-value transfer to the executor itself with the same account
 * nonce, so a stale rebalance can no longer be mined ({@link FeeBumper}). Every version is written to the state file
 * before it is sent. Every executed or refused allocation is reported to the service ({@link EventReporter}).
 */
public final class Executor implements AutoCloseable {

    /** Observes the two points between which a crash must be survivable; tests use it to crash the executor there. */
    interface Checkpoints {
        Checkpoints NONE = new Checkpoints() {};

        default void persisted(Pending pending) {}

        default void broadcast(Pending pending) {}
    }

    private static final Duration RECEIPT_TIMEOUT = Duration.ofMinutes(3);
    private static final BigInteger ONE_GWEI = BigInteger.TEN.pow(9);
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
    private final Transactions transactions;
    private final FeeBumper bumper;
    private final CircuitBreaker breaker;
    private final EventReporter reporter;
    private List<String> sleeves;
    private volatile boolean stopped;
    private ProtectionSeeker seeker;
    private final java.util.Set<BigInteger> protectedNonces = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final List<ProtectionSeeker.Result> protections = new java.util.concurrent.CopyOnWriteArrayList<>();

    Executor(ExecutorConfig config, Checkpoints checkpoints) throws IOException {
        this.config = config;
        this.checkpoints = checkpoints;
        this.credentials = KeyFile.read(config.keyFile());
        this.backoff = new Backoff(config.maxAttempts(), config.initialBackoff());
        this.store = new StateStore(config.stateFile());
        this.lock = store.lock();
        try {
            this.chain =
                    backoff.call("the RPC node " + config.rpcUrl() + ": connect", () -> Chain.connect(config.rpcUrl()));
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
        this.reporter = new EventReporter(config.serviceUrl(), config.apiKey(), config.vault());
        this.transactions = new Transactions(chain, credentials, backoff, config.rpcUrl());
        this.bumper = new FeeBumper(config, chain, transactions, backoff, store, checkpoints, credentials.getAddress());
        this.breaker = new CircuitBreaker(config, vault, web3j, credentials.getAddress(), backoff, transactions);
    }

    /** An executor for the configuration; reads the key file and connects to the node (with retries). */
    public static Executor create(ExecutorConfig config) throws IOException {
        return new Executor(config, Checkpoints.NONE);
    }

    /**
     * Like {@link #create}, but a polling executor ({@code once} false) whose node is down at start-up waits: one
     * line to {@code notices} per attempt naming what is down, then another try after the poll interval.
     */
    public static Executor connect(ExecutorConfig config, Consumer<String> notices) throws IOException {
        while (true) {
            try {
                return create(config);
            } catch (UnavailableException e) {
                if (config.once()) {
                    throw e;
                }
                notices.accept("executor: " + e.getMessage() + "; retrying in "
                        + config.pollInterval().toSeconds() + " s");
                try {
                    Thread.sleep(config.pollInterval().toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Polls once and acts on what it finds; a reverted transaction is simulated afresh and retried once. */
    public Outcome runOnce() throws IOException {
        return act(null);
    }

    /**
     * Acts on {@code notice} (an allocation the stream announced) or, when null, on the latest one polled from the
     * service, and reports the outcome to the service.
     */
    Outcome act(AllocationNotice notice) throws IOException {
        Outcome outcome = execute(notice);
        protect(notice, outcome);
        return outcome;
    }

    private Outcome execute(AllocationNotice notice) throws IOException {
        Outcome outcome = poll(1, notice);
        report(outcome);
        return outcome;
    }

    /**
     * Seeks protective puts with the quoter it was given ({@code null}: none, the default), for urgent allocations
     * that ask for them ({@link ProtectionSeeker}).
     */
    public Executor withQuoter(java.nio.file.Path quoterKeyFile, double spread) {
        return withQuoter(quoterKeyFile, spread, ProtectionSeeker.QuoterConfig.DEFAULT_QUOTE_VALIDITY);
    }

    /** As above, with quotes firm for {@code quoteValidity} of chain time. */
    public Executor withQuoter(java.nio.file.Path quoterKeyFile, double spread, Duration quoteValidity) {
        this.seeker = quoterKeyFile == null
                ? null
                : new ProtectionSeeker(
                        config.serviceUrl(),
                        config.apiKey(),
                        config.vault(),
                        chain,
                        credentials,
                        new ProtectionSeeker.QuoterConfig(quoterKeyFile, spread, quoteValidity));
        return this;
    }

    /**
     * After an urgent allocation that asks for protection is on chain (mined now, or already applied): buys the puts
     * once per allocation and reports the outcome as an executor event of that allocation's nonce.
     */
    private void protect(AllocationNotice notice, Outcome outcome) {
        if (seeker == null || notice == null || !notice.urgent() || notice.protection() == null) {
            return;
        }
        if (!java.util.Objects.equals(notice.nonce(), outcome.nonce())
                || !(outcome.kind() == Kind.REBALANCED
                        || outcome.kind() == Kind.ALREADY_APPLIED
                        || outcome.kind() == Kind.WITHIN_DRIFT)
                || !protectedNonces.add(notice.nonce())) {
            return;
        }
        ProtectionSeeker.Result r;
        try {
            String riskSigner = backoff.call(rpc("read risk signer"), () -> send(vault.riskSigner()));
            r = seeker.seek(notice.protection(), riskSigner);
        } catch (Exception e) {
            r = new ProtectionSeeker.Result(
                    notice.protection().allocationNonce(), false, null, null, null, null, "protection: " + oneLine(e));
        }
        protections.add(r);
        Long block = null;
        if (r.tx() != null) {
            try {
                block = web3j.ethGetTransactionReceipt(r.tx())
                        .send()
                        .getTransactionReceipt()
                        .map(t -> t.getBlockNumber().longValueExact())
                        .orElse(null);
            } catch (IOException | RuntimeException e) {
                // reported without its block
            }
        }
        reporter.report(new EventReporter.Event(
                notice.nonce(),
                r.bought() ? EventReporter.EXECUTED : EventReporter.REFUSED,
                r.detail(),
                r.tx(),
                block,
                null));
        if (!r.bought()) {
            System.err.println("executor: allocation " + notice.nonce() + ": " + r.detail());
        }
    }

    /** Protective-put purchases attempted so far (for tests and the demo). */
    public List<ProtectionSeeker.Result> protections() {
        return List.copyOf(protections);
    }

    private Outcome poll(int freshSimulations, AllocationNotice given) throws IOException {
        ExecutorState state = store.load(config.vault(), chain.chainId());
        if (state.pending() != null) {
            return resolvePending(state);
        }
        AllocationNotice notice = given;
        if (notice == null) {
            Optional<AllocationNotice> latest = backoff.call(service("GET latest allocation"), client::latest);
            if (latest.isEmpty()) {
                return Outcome.of(Kind.NO_ALLOCATION, null, "the service has no allocation for " + config.vault());
            }
            notice = latest.get();
        }
        SignedAllocation s = notice.allocation();
        BigInteger n = s.nonce();
        if (n == null || n.signum() <= 0) {
            return Outcome.of(Kind.REJECTED, n, "nonce: missing or not positive");
        }
        if (n.compareTo(state.lastHandledNonce()) <= 0) {
            return Outcome.of(Kind.ALREADY_APPLIED, n, "handled by this executor before");
        }
        reporter.remember(n, s.weightsBps(), notice.trigger());
        BigInteger onChain = backoff.call(rpc("read vault nonce"), () -> send(vault.nonce()));
        if (n.compareTo(onChain) <= 0) {
            store.save(state.handled(n));
            return Outcome.of(Kind.ALREADY_APPLIED, n, "the vault's nonce is already " + onChain);
        }
        String riskSigner = backoff.call(rpc("read risk signer"), () -> send(vault.riskSigner()));
        Optional<String> problem =
                AllocationVerifier.problem(s, config.vault(), chain.chainId(), sleeves(), riskSigner);
        if (problem.isPresent()) {
            return Outcome.of(Kind.REJECTED, n, problem.get());
        }
        long now = transactions.latestBlockTime();
        if (BigInteger.valueOf(now).compareTo(s.validUntil()) > 0) {
            store.save(state.handled(n)); // it can never apply again
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
        Optional<String> tripped = breaker.trip(s.allocation().referencePricesX18());
        if (tripped.isPresent()) {
            return new Outcome(Kind.REFUSED, n, null, tripped.get(), before, List.of());
        }
        BigInteger gasPrice = backoff.call(rpc("read gas price"), chain::gasPrice);
        BigInteger ceiling = notice.urgent() ? config.urgentMaxGasPriceWei() : config.maxGasPriceWei();
        if (gasPrice.compareTo(ceiling) > 0) {
            String why = notice.urgent()
                    ? "urgent allocation: gas price " + gasPrice + " wei above the urgent ceiling " + ceiling
                    : "normal allocation waits for gas: gas price " + gasPrice + " wei above the normal ceiling "
                            + ceiling + " (urgent ones may pay up to " + config.urgentMaxGasPriceWei() + ")";
            LOG.log(System.Logger.Level.INFO, "allocation " + n + ": " + why);
            return new Outcome(Kind.GAS_TOO_HIGH, n, null, why, before, List.of());
        }
        String data = vault.rebalance(AllocationStruct.of(s.allocation()), Numeric.hexStringToByteArray(s.signature()))
                .encodeFunctionCall();
        Transaction call = Transaction.createEthCallTransaction(credentials.getAddress(), config.vault(), data);
        EthCall simulated = backoff.call(
                rpc("simulate rebalance"),
                () -> web3j.ethCall(call, DefaultBlockParameterName.LATEST).send());
        if (simulated.hasError() || simulated.isReverted()) {
            return new Outcome(
                    Kind.REFUSED,
                    n,
                    null,
                    Transactions.decode(Chain.revertData(simulated), simulated),
                    before,
                    List.of());
        }
        EthEstimateGas estimate = backoff.call(
                rpc("estimate gas"), () -> web3j.ethEstimateGas(call).send());
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
                rpc("read account nonce"),
                () -> web3j.ethGetTransactionCount(credentials.getAddress(), DefaultBlockParameterName.PENDING)
                        .send()
                        .getTransactionCount());
        // EIP-1559: gasPrice (twice the base fee plus a 1 gwei tip) is the fee cap; the tip is what a bump raises.
        // An urgent allocation bids a doubled tip (within its ceiling) so it lands in the next block.
        BigInteger tip = notice.urgent() ? ONE_GWEI.shiftLeft(1) : ONE_GWEI;
        BigInteger maxFee = notice.urgent() ? gasPrice.add(ONE_GWEI).min(ceiling) : gasPrice;
        tip = tip.min(maxFee);
        String signed = transactions.sign(accountNonce, gasLimit, config.vault(), data, tip, maxFee);
        Pending pending = new Pending(
                n,
                Hash.sha3(signed),
                signed,
                Instant.now().toString(),
                accountNonce,
                maxFee,
                tip,
                s.validUntil(),
                List.of(),
                false,
                notice.urgent());
        state = state.withPending(pending);
        store.save(state); // write-ahead: from here on a restart knows this exact transaction
        checkpoints.persisted(pending);
        if (!transactions.broadcast(pending)) {
            store.save(state.withPending(null));
            return new Outcome(Kind.REFUSED, n, null, "the node rejected the transaction", before, List.of());
        }
        checkpoints.broadcast(pending);
        Outcome outcome =
                awaitAndRecord(state, pending, before, notice.urgent() ? "urgent (" + notice.trigger() + "); " : "");
        if (outcome.kind() == Kind.REVERTED && freshSimulations > 0) {
            Outcome retry = poll(freshSimulations - 1, null);
            return new Outcome(
                    retry.kind(),
                    retry.nonce(),
                    retry.txHash(),
                    "after " + outcome.txHash() + " reverted with " + outcome.detail() + ", simulated afresh: "
                            + (retry.detail() == null ? "" : retry.detail()),
                    retry.weightsBefore(),
                    retry.weightsAfter());
        }
        return outcome;
    }

    /** Polls until {@link #stop()} (or once, per the configuration), reporting every outcome to the sink. */
    public void run(Consumer<Outcome> sink) throws IOException {
        run(sink, System.err::println);
    }

    /**
     * Polls until {@link #stop()} (or once). Between polls it follows the service's allocation stream when configured
     * to, acting on an announced allocation at once instead of at the next poll, and forwards each new round of the
     * vault's feeds to the service's market data ({@link FeedForwarder}) unless configured not to. When polling, a service or node that
     * is down, or any other failure of one poll, is one line to {@code notices} and the next poll tries again: a
     * polling executor never exits on its own.
     */
    public void run(Consumer<Outcome> sink, Consumer<String> notices) throws IOException {
        AllocationStream stream = !config.once() && config.followStream()
                ? AllocationStream.start(
                        config.serviceUrl(), config.apiKey(), config.vault(), config.initialBackoff(), notices)
                : null;
        FeedForwarder forwarder = !config.once() && config.feeds().enabled()
                ? new FeedForwarder(config, vault, web3j, credentials.getAddress(), notices)
                : null;
        if (forwarder != null) {
            forwarder.start();
        }
        try {
            AllocationNotice pushed = null;
            AllocationNotice handedBack = null;
            while (!stopped) {
                try {
                    Outcome o = execute(pushed);
                    sink.accept(o);
                    // after the outcome is known: a put purchase never delays the rebalance or its report
                    protect(pushed, o);
                    // a pending transaction was resolved first: the announced allocation is still to be acted on
                    if (stream != null
                            && pushed != null
                            && pushed != handedBack
                            && !java.util.Objects.equals(pushed.nonce(), o.nonce())) {
                        stream.offer(pushed);
                        handedBack = pushed;
                    }
                } catch (IOException | ExecutorException | java.io.UncheckedIOException e) {
                    if (config.once()) {
                        throw e;
                    }
                    notices.accept("executor: " + oneLine(e) + "; retrying in "
                            + config.pollInterval().toSeconds() + " s");
                }
                if (config.once()) {
                    return;
                }
                try {
                    pushed = awaitNext(stream);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        } finally {
            if (stream != null) {
                stream.close();
            }
            if (forwarder != null) {
                forwarder.close();
            }
        }
    }

    /**
     * Waits out the poll interval, in slices so that {@link #stop()} takes effect within half a second; returns the
     * allocation the stream announced meanwhile, or null when the interval passed without one.
     */
    private AllocationNotice awaitNext(AllocationStream stream) throws InterruptedException {
        long deadline = System.nanoTime() + config.pollInterval().toNanos();
        for (long left = config.pollInterval().toNanos(); left > 0 && !stopped; left = deadline - System.nanoTime()) {
            Duration slice = Duration.ofNanos(Math.min(left, 500_000_000L));
            if (stream == null) {
                Thread.sleep(slice.toMillis(), (int) (slice.toNanos() % 1_000_000));
            } else {
                AllocationNotice n = stream.next(slice);
                if (n != null) {
                    return n;
                }
            }
        }
        return null;
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
        List<?> raw = backoff.call(rpc("read weights"), () -> send(vault.currentWeightsBps()));
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
        Optional<Mined> mined = transactions.minedVersion(p);
        if (mined.isPresent()) {
            return record(state, p, mined.get(), List.of(), "recovered from the state file; ");
        }
        boolean known = false;
        for (String hash : p.allTxHashes()) {
            known |= transactions.known(hash);
        }
        if (!known) {
            BigInteger onChain = backoff.call(rpc("read vault nonce"), () -> send(vault.nonce()));
            if (onChain.compareTo(p.allocationNonce()) >= 0) {
                store.save(state.withPending(null).handled(p.allocationNonce()));
                return Outcome.of(
                        Kind.ALREADY_APPLIED,
                        p.allocationNonce(),
                        "pending " + p.txHash() + " never mined, but the vault's nonce is already " + onChain);
            }
            if (p.validUntil() != null
                    && BigInteger.valueOf(transactions.latestBlockTime()).compareTo(p.validUntil()) > 0) {
                // nothing of it is in flight and it can no longer apply: nothing to send, nothing to cancel
                store.save(state.withPending(null).handled(p.allocationNonce()));
                return Outcome.of(
                        Kind.EXPIRED, p.allocationNonce(), "pending " + p.txHash() + " never mined and expired");
            }
            // never reached the node (crash before broadcast) or dropped: the identical bytes go out again
            if (!transactions.broadcast(p)) {
                store.save(state.withPending(null));
                return Outcome.of(Kind.REFUSED, p.allocationNonce(), "the node rejected pending " + p.txHash());
            }
        }
        return awaitAndRecord(state, p, List.of(), "recovered from the state file; ");
    }

    private Outcome awaitAndRecord(ExecutorState state, Pending pending, List<Integer> before, String note)
            throws IOException {
        Pending p = pending;
        long deadline = System.nanoTime() + RECEIPT_TIMEOUT.toNanos();
        long nextBump = System.nanoTime() + config.bumpAfter().toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Mined> mined = transactions.minedVersion(p);
            if (mined.isPresent()) {
                return record(state.withPending(p), p, mined.get(), before, note);
            }
            if (System.nanoTime() >= nextBump && p.accountNonce() != null) {
                p = bumper.replace(state, p, this::staleReason);
                nextBump = System.nanoTime() + config.bumpAfter().toNanos();
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

    /** Why a pending rebalance must not be mined any more (expired, or superseded), or null while it still should. */
    private String staleReason(Pending p) throws IOException {
        long now = transactions.latestBlockTime();
        if (p.validUntil() != null && BigInteger.valueOf(now).compareTo(p.validUntil()) > 0) {
            return "allocation " + p.allocationNonce() + " expired at " + p.validUntil();
        }
        BigInteger onChain = backoff.call(rpc("read vault nonce"), () -> send(vault.nonce()));
        if (onChain.compareTo(p.allocationNonce()) >= 0) {
            return "the vault's nonce is already " + onChain;
        }
        try {
            Optional<AllocationNotice> latest = client.latest();
            if (latest.isPresent()
                    && latest.get().nonce() != null
                    && latest.get().nonce().compareTo(p.allocationNonce()) > 0) {
                return "superseded by allocation " + latest.get().nonce();
            }
        } catch (IOException | ExecutorException e) {
            // the service being down says nothing about this allocation: keep bidding for it
        }
        return null;
    }

    private Outcome record(ExecutorState state, Pending p, Mined mined, List<Integer> before, String note)
            throws IOException {
        TransactionReceipt r = mined.receipt();
        boolean cancelMined = r.getTo() != null && r.getTo().equalsIgnoreCase(credentials.getAddress());
        if (cancelMined) {
            Submission sub = new Submission(
                    p.allocationNonce(),
                    r.getTransactionHash(),
                    r.getBlockNumber(),
                    false,
                    r.getGasUsed(),
                    "cancelled",
                    Instant.now().toString());
            ExecutorState after = state.recorded(sub).handled(p.allocationNonce());
            store.save(after);
            return Outcome.of(
                    Kind.CANCELLED,
                    p.allocationNonce(),
                    note + "replaced by cancel " + r.getTransactionHash() + " in block " + r.getBlockNumber());
        }
        String error = null;
        if (!r.isStatusOK()) {
            error = Transactions.decode(chain.revertDataOfTransaction(r.getTransactionHash()), null);
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
                    weights(),
                    emittedInputsHash(r, p.allocationNonce()));
        }
        return new Outcome(Kind.REVERTED, p.allocationNonce(), r.getTransactionHash(), note + error, before, List.of());
    }

    /**
     * The inputs hash the vault emitted in the {@code Rebalanced} log of {@code nonce} in this receipt: what ties the
     * rebalance to its replayable receipt on chain (read from the log, not from the allocation, so a restart that
     * recovers the transaction from the state file reports it too). Null when the receipt holds no such log.
     */
    private String emittedInputsHash(TransactionReceipt r, BigInteger nonce) {
        return Vault.getRebalancedEvents(r).stream()
                .filter(e -> e.log != null && config.vault().equalsIgnoreCase(e.log.getAddress()))
                .filter(e -> nonce.equals(e.nonce))
                .map(e -> Numeric.toHexString(e.inputsHash))
                .findFirst()
                .orElse(null);
    }

    /** Tells the service what this outcome did: executed, or refused (not sent, or sent and reverted). */
    private void report(Outcome o) {
        Long mined = o.kind() != Kind.REBALANCED
                ? null
                : state().history().stream()
                        .filter(h -> o.txHash().equals(h.txHash()))
                        .map(h -> h.blockNumber().longValueExact())
                        .findFirst()
                        .orElse(null);
        reporter.report(o, mined, transactions::latestBlockNumber);
    }

    /** Events reported to the service so far (for tests and the demo). */
    List<EventReporter.Event> events() {
        return reporter.reported();
    }

    private static String oneLine(Exception e) {
        String m = e.getMessage() == null ? Backoff.reason(e) : e.getMessage();
        return m.strip().replaceAll("\\s+", " ");
    }

    private String rpc(String what) {
        return transactions.rpc(what);
    }

    private String service(String what) {
        return "the service " + client.endpoint() + ": " + what;
    }

    private List<String> sleeves() throws IOException {
        if (sleeves == null) {
            int n = backoff.call(rpc("read sleeve count"), () -> send(vault.sleeveCount()))
                    .intValueExact();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                BigInteger index = BigInteger.valueOf(i);
                names.add(backoff.call(rpc("read sleeve"), () -> send(vault.sleeve(index)))
                        .component1());
            }
            sleeves = List.copyOf(names);
        }
        return sleeves;
    }

    /** web3j's calls throw Exception; transport problems become IOException so the backoff sees them. */
    static <T> T send(org.web3j.protocol.core.RemoteCall<T> call) throws IOException {
        try {
            return call.send();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ExecutorException("contract call failed: " + e.getMessage(), e);
        }
    }
}
