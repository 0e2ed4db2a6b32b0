package io.vaultrisk.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vaultrisk.contracts.AnvilNode;
import io.vaultrisk.contracts.Chain;
import io.vaultrisk.contracts.DeploymentSpec;
import io.vaultrisk.contracts.VaultDeployer;
import io.vaultrisk.contracts.VaultDeployment;
import io.vaultrisk.contracts.generated.Vault;
import io.vaultrisk.executor.ExecutorState.Pending;
import io.vaultrisk.executor.Outcome.Kind;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.utils.Numeric;

/**
 * The executor against a real Anvil node and a real vault, reading allocations over HTTP from
 * {@link AllocationEndpoint}. Every test deploys its own vault on the class's single node.
 */
@org.junit.jupiter.api.Tag("slow") // starts Anvil: ./run-tests --fast leaves it out
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExecutorTest {

    private static final ECKeyPair RISK_KEY = Credentials.create(
                    "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318")
            .getEcKeyPair();
    private static final ECKeyPair FORGER_KEY = Credentials.create(
                    "0x8da4ef21b864d2cc526dbdb2a120bd2874c36c9d0a1fb7f8c63d7f7a8b41de8f")
            .getEcKeyPair();

    private AnvilNode anvil;
    private Chain chain;
    private AllocationEndpoint service;
    private VaultDeployment deployment;
    private Credentials executorAccount;

    @TempDir
    Path dir;

    private Path keyFile;

    @BeforeAll
    void startChain() throws Exception {
        anvil = AnvilNode.start();
        chain = Chain.connect(anvil.rpcUrl());
        executorAccount = Credentials.create(AnvilNode.DEV_KEYS.get(1));
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

    @BeforeEach
    void deployVault() throws Exception {
        deployment = VaultDeployer.deploy(
                chain,
                Credentials.create(AnvilNode.DEV_KEYS.get(0)),
                Credentials.create(RISK_KEY).getAddress(),
                List.of(executorAccount.getAddress()),
                DeploymentSpec.DEFAULT);
        service = new AllocationEndpoint();
        keyFile = dir.resolve("executor.key");
        Files.writeString(keyFile, AnvilNode.DEV_KEYS.get(1) + "\n");
    }

    @AfterEach
    void stopService() {
        service.close();
    }

    @Test
    void runOnce_signedAllocation_rebalancesRecordsAndThenSkipsSameNonce() throws Exception {
        service.publish(deployment.vault(), chain.chainId(), 1, validUntil(), List.of(4000, 3000, 3000), RISK_KEY);
        try (Executor executor = Executor.create(config())) {
            Outcome first = executor.runOnce();
            long txCount = accountTxCount();
            Outcome second = executor.runOnce();

            assertThat(first.kind()).as(first.toString()).isEqualTo(Kind.REBALANCED);
            assertThat(first.txHash()).matches("0x[0-9a-f]{64}");
            assertWeights(first.weightsBefore(), 6000, 2000, 2000);
            assertWeights(first.weightsAfter(), 4000, 3000, 3000);
            assertThat(executor.state().lastHandledNonce()).isEqualTo(BigInteger.ONE);
            assertThat(executor.state().history())
                    .singleElement()
                    .satisfies(s -> assertThat(s.txHash()).isEqualTo(first.txHash()))
                    .satisfies(s -> assertThat(s.success()).isTrue());
            assertThat(second.kind()).isEqualTo(Kind.ALREADY_APPLIED);
            assertThat(accountTxCount()).isEqualTo(txCount);
            assertThat(rebalancedEvents()).isEqualTo(1);
        }
    }

    @Test
    void runOnce_allocationWithInputsHash_reportsTheHashTheVaultEmitted() throws Exception {
        String hash = "0x" + "3c".repeat(16) + "a5".repeat(16);
        service.publishWithInputs(
                deployment.vault(), chain.chainId(), 1, validUntil(), List.of(4000, 3000, 3000), hash, RISK_KEY);
        try (Executor executor = Executor.create(config())) {
            Outcome outcome = executor.runOnce();

            assertThat(outcome.kind()).as(outcome.toString()).isEqualTo(Kind.REBALANCED);
            assertThat(outcome.inputsHash()).isEqualTo(hash);
            assertThat(outcome.toString()).contains(" inputsHash=" + hash);
            // the hash the executor reports is the one in the vault's log, not the one it was sent
            var receipt = chain.web3j()
                    .ethGetTransactionReceipt(outcome.txHash())
                    .send()
                    .getTransactionReceipt()
                    .orElseThrow();
            assertThat(Numeric.toHexString(Vault.getRebalancedEvents(receipt).get(0).inputsHash))
                    .isEqualTo(hash);
            assertThat(service.events())
                    .singleElement()
                    .satisfies(e -> assertThat(e).contains("\"kind\":\"executed\"", "\"inputsHash\":\"" + hash + "\""));
        }
    }

    @Test
    void runOnce_inputsHashChangedAfterSigning_rejectedWithoutSpendingGas() throws Exception {
        String json = service.publishWithInputs(
                deployment.vault(),
                chain.chainId(),
                1,
                validUntil(),
                List.of(4000, 3000, 3000),
                "0x" + "3c".repeat(32),
                RISK_KEY);
        service.serve(json.replace("0x" + "3c".repeat(32), "0x" + "3c".repeat(31) + "3d"));
        try (Executor executor = Executor.create(config())) {
            long txCount = accountTxCount();

            Outcome outcome = executor.runOnce();

            assertThat(outcome.kind()).as(outcome.toString()).isEqualTo(Kind.REJECTED);
            assertThat(outcome.detail()).startsWith("digest:");
            assertThat(accountTxCount()).isEqualTo(txCount);
        }
    }

    @Test
    void runOnce_killedAfterBroadcastBeforeRecording_restartRecordsWithoutSecondRebalance() throws Exception {
        service.publish(deployment.vault(), chain.chainId(), 1, validUntil(), List.of(4000, 3000, 3000), RISK_KEY);
        long txBefore = accountTxCount();
        String[] broadcastHash = new String[1];
        Executor.Checkpoints crashAfterBroadcast = new Executor.Checkpoints() {
            @Override
            public void broadcast(Pending pending) {
                broadcastHash[0] = pending.txHash();
                throw new SimulatedCrash();
            }
        };
        try (Executor doomed = new Executor(config(), crashAfterBroadcast)) {
            assertThatThrownBy(doomed::runOnce).isInstanceOf(SimulatedCrash.class);
        }
        assertThat(Files.readString(config().stateFile())).contains(broadcastHash[0]);

        try (Executor restarted = Executor.create(config())) {
            Outcome recovered = restarted.runOnce();
            Outcome next = restarted.runOnce();

            assertThat(recovered.kind()).as(recovered.toString()).isEqualTo(Kind.REBALANCED);
            assertThat(recovered.txHash()).isEqualTo(broadcastHash[0]);
            assertThat(recovered.detail()).startsWith("recovered from the state file");
            assertThat(next.kind()).isEqualTo(Kind.ALREADY_APPLIED);
            assertThat(restarted.state().pending()).isNull();
            assertThat(restarted.state().history()).hasSize(1);
        }
        assertThat(accountTxCount()).isEqualTo(txBefore + 1);
        assertThat(rebalancedEvents()).isEqualTo(1);
        assertThat(vault().nonce().send()).isEqualTo(BigInteger.ONE);
    }

    @Test
    void executorProcess_haltedAfterBroadcast_restartDoesNotRebalanceTwice() throws Exception {
        service.publish(deployment.vault(), chain.chainId(), 1, validUntil(), List.of(4000, 3000, 3000), RISK_KEY);
        long txBefore = accountTxCount();
        ExecutorConfig config = config();
        // a real process dies right after the broadcast: its JVM halts before the receipt is recorded
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process doomed = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        classpath,
                        HaltingExecutorMain.class.getName(),
                        "broadcast",
                        "--service",
                        service.url().toString(),
                        "--rpc",
                        anvil.rpcUrl(),
                        "--vault",
                        deployment.vault(),
                        "--key-file",
                        keyFile.toString(),
                        "--api-key",
                        AllocationEndpoint.API_KEY,
                        "--state-file",
                        config.stateFile().toString(),
                        "--once")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("halted.log").toFile())
                .start();
        assertThat(doomed.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(doomed.exitValue())
                .as(Files.readString(dir.resolve("halted.log")))
                .isEqualTo(HaltingExecutorMain.HALT_STATUS);
        assertThat(accountTxCount()).as("the halted process did broadcast").isEqualTo(txBefore + 1);
        // the halted process recorded what it broadcast: allocation 1 and its transaction, which the restart recovers
        Pending pending = new StateStore(config.stateFile())
                .load(deployment.vault(), chain.chainId())
                .pending();
        assertThat(pending).isNotNull();
        assertThat(pending.allocationNonce()).isEqualTo(BigInteger.ONE);

        try (Executor restarted = Executor.create(config)) {
            Outcome recovered = restarted.runOnce();
            Outcome again = restarted.runOnce();

            assertThat(recovered.kind()).as(recovered.toString()).isEqualTo(Kind.REBALANCED);
            assertThat(recovered.txHash()).isEqualTo(pending.txHash());
            assertThat(recovered.detail()).startsWith("recovered from the state file");
            assertThat(again.kind()).isEqualTo(Kind.ALREADY_APPLIED);
        }
        assertThat(accountTxCount()).isEqualTo(txBefore + 1);
        assertThat(rebalancedEvents()).isEqualTo(1);
    }

    @Test
    void runOnce_killedAfterPersistBeforeBroadcast_restartSendsTheSameTransactionOnce() throws Exception {
        service.publish(deployment.vault(), chain.chainId(), 1, validUntil(), List.of(4000, 3000, 3000), RISK_KEY);
        long txBefore = accountTxCount();
        String[] persistedHash = new String[1];
        Executor.Checkpoints crashBeforeBroadcast = new Executor.Checkpoints() {
            @Override
            public void persisted(Pending pending) {
                persistedHash[0] = pending.txHash();
                throw new SimulatedCrash();
            }
        };
        try (Executor doomed = new Executor(config(), crashBeforeBroadcast)) {
            assertThatThrownBy(doomed::runOnce).isInstanceOf(SimulatedCrash.class);
        }
        assertThat(accountTxCount()).as("nothing reached the chain").isEqualTo(txBefore);

        try (Executor restarted = Executor.create(config())) {
            Outcome recovered = restarted.runOnce();

            assertThat(recovered.kind()).as(recovered.toString()).isEqualTo(Kind.REBALANCED);
            assertThat(recovered.txHash()).isEqualTo(persistedHash[0]);
        }
        assertThat(accountTxCount()).isEqualTo(txBefore + 1);
        assertThat(rebalancedEvents()).isEqualTo(1);
    }

    @Test
    void runOnce_firstTransactionReverts_simulatesAfreshAndApplies() throws Exception {
        service.publish(deployment.vault(), chain.chainId(), 1, validUntil(), List.of(4000, 3000, 3000), RISK_KEY);
        Credentials owner = Credentials.create(AnvilNode.DEV_KEYS.get(0));
        int[] calls = {0, 0};
        // the WBTC feed jumps 5% between simulation and inclusion (the pool now deviates) and is back right after
        Executor.Checkpoints priceMoves = new Executor.Checkpoints() {
            @Override
            public void persisted(Pending pending) {
                if (calls[0]++ == 0) {
                    setFeed(owner, "94500");
                }
            }

            @Override
            public void broadcast(Pending pending) {
                if (calls[1]++ == 0) {
                    setFeed(owner, "90000");
                }
            }
        };
        try (Executor executor = new Executor(config(), priceMoves)) {
            Outcome outcome = executor.runOnce();

            assertThat(outcome.kind()).as(outcome.toString()).isEqualTo(Kind.REBALANCED);
            assertThat(outcome.detail()).contains("reverted with PoolDeviates(1, ");
            assertThat(executor.state().history())
                    .extracting(ExecutorState.Submission::success)
                    .containsExactly(false, true);
            assertThat(executor.state().lastHandledNonce()).isEqualTo(BigInteger.ONE);
        }
        assertThat(vault().nonce().send()).isEqualTo(BigInteger.ONE);
    }

    @Test
    void runOnce_revertedAndStillRefused_notMarkedHandled() throws Exception {
        service.publish(deployment.vault(), chain.chainId(), 1, validUntil(), List.of(4000, 3000, 3000), RISK_KEY);
        Credentials owner = Credentials.create(AnvilNode.DEV_KEYS.get(0));
        Executor.Checkpoints priceMoves = new Executor.Checkpoints() {
            @Override
            public void persisted(Pending pending) {
                setFeed(owner, "94500");
            }
        };
        try (Executor executor = new Executor(config(), priceMoves)) {
            Outcome outcome = executor.runOnce();

            assertThat(outcome.kind()).as(outcome.toString()).isEqualTo(Kind.REFUSED);
            assertThat(executor.state().lastHandledNonce()).isZero();
        }
        setFeed(owner, "90000");
        try (Executor later = Executor.create(config())) {
            assertThat(later.runOnce().kind()).isEqualTo(Kind.REBALANCED);
        }
    }

    @Test
    void runOnce_transactionStuck_replacedWithHigherFees() throws Exception {
        service.publish(deployment.vault(), chain.chainId(), 1, validUntil(), List.of(4000, 3000, 3000), RISK_KEY);
        ExecutorConfig config = config().withBumpAfter(Duration.ofSeconds(1));
        long txBefore = accountTxCount();
        anvil.setAutomine(false);
        try (Executor executor = Executor.create(config)) {
            var result = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return executor.runOnce();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            Pending replaced = awaitPending(config, p -> !p.replacedTxHashes().isEmpty());
            anvil.mine();
            Outcome outcome = result.get(60, java.util.concurrent.TimeUnit.SECONDS);

            assertThat(outcome.kind()).as(outcome.toString()).isEqualTo(Kind.REBALANCED);
            assertThat(outcome.txHash())
                    .isNotEqualTo(replaced.replacedTxHashes().get(0));
            assertThat(replaced.maxFeePerGas()).isGreaterThan(BigInteger.ZERO);
        } finally {
            anvil.setAutomine(true);
        }
        assertThat(rebalancedEvents()).isEqualTo(1);
        assertThat(accountTxCount())
                .as("one account nonce spent for all versions")
                .isEqualTo(txBefore + 1);
    }

    @Test
    void runOnce_stuckThenSuperseded_cancelsAndAppliesTheNewAllocation() throws Exception {
        service.publish(deployment.vault(), chain.chainId(), 1, validUntil(), List.of(4000, 3000, 3000), RISK_KEY);
        ExecutorConfig config = config().withBumpAfter(Duration.ofSeconds(1));
        long txBefore = accountTxCount();
        anvil.setAutomine(false);
        try (Executor executor = Executor.create(config)) {
            var result = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return executor.runOnce();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            awaitPending(config, p -> true);
            service.publish(deployment.vault(), chain.chainId(), 2, validUntil(), List.of(5000, 2500, 2500), RISK_KEY);
            awaitPending(config, Pending::cancel);
            anvil.mine();
            Outcome cancelled = result.get(60, java.util.concurrent.TimeUnit.SECONDS);
            anvil.setAutomine(true);
            Outcome applied = executor.runOnce();

            assertThat(cancelled.kind()).as(cancelled.toString()).isEqualTo(Kind.CANCELLED);
            assertThat(applied.kind()).as(applied.toString()).isEqualTo(Kind.REBALANCED);
            assertThat(applied.nonce()).isEqualTo(BigInteger.TWO);
        } finally {
            anvil.setAutomine(true);
        }
        assertThat(vault().nonce().send()).isEqualTo(BigInteger.TWO);
        assertThat(rebalancedEvents()).isEqualTo(1);
        assertThat(accountTxCount()).isEqualTo(txBefore + 2);
    }

    @Test
    void main_pollingWhileRpcDown_printsOneLineAndKeepsWaiting() throws Exception {
        var err = new java.io.ByteArrayOutputStream();
        Thread poller = new Thread(() -> ExecutorMain.run(
                new String[] {
                    "--service", service.url().toString(),
                    "--rpc", "http://127.0.0.1:1",
                    "--vault", deployment.vault(),
                    "--key-file", keyFile.toString(),
                    "--api-key", AllocationEndpoint.API_KEY,
                    "--state-file", dir.resolve("down-state.json").toString(),
                    "--poll-seconds", "1"
                },
                new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true),
                new java.io.PrintStream(err, true)));
        poller.start();
        Awaitility.await("the executor's retry line")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> err.toString().contains("retrying"));
        boolean alive = poller.isAlive();
        poller.interrupt();
        poller.join(10_000);

        assertThat(alive)
                .as("a polling executor does not exit while the node is down")
                .isTrue();
        assertThat(err.toString().lines().findFirst().orElse(""))
                .startsWith("executor: the RPC node http://127.0.0.1:1: connect failed after 5 attempts: ")
                .endsWith("; retrying in 1 s")
                .doesNotContain("null");
    }

    @Test
    void main_onceWhileServiceDown_namesTheServiceAndTheCause() throws Exception {
        var err = new java.io.ByteArrayOutputStream();
        int code = ExecutorMain.run(
                new String[] {
                    "--service", "http://127.0.0.1:1",
                    "--rpc", anvil.rpcUrl(),
                    "--vault", deployment.vault(),
                    "--key-file", keyFile.toString(),
                    "--api-key", AllocationEndpoint.API_KEY,
                    "--state-file", dir.resolve("svc-down-state.json").toString(),
                    "--once"
                },
                new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true),
                new java.io.PrintStream(err, true));

        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip())
                .startsWith("executor: the service http://127.0.0.1:1/api/v1/vaults/")
                .contains("GET latest allocation failed after 5 attempts: ConnectException")
                .doesNotContain("null")
                .doesNotContain("\n");
    }

    @Test
    void runOnce_stateFileLost_readsVaultNonceAndDoesNotResubmit() throws Exception {
        service.publish(deployment.vault(), chain.chainId(), 1, validUntil(), List.of(4000, 3000, 3000), RISK_KEY);
        try (Executor executor = Executor.create(config())) {
            assertThat(executor.runOnce().kind()).isEqualTo(Kind.REBALANCED);
        }
        Files.delete(config().stateFile());
        long txCount = accountTxCount();

        try (Executor amnesiac = Executor.create(config())) {
            Outcome outcome = amnesiac.runOnce();

            assertThat(outcome.kind()).isEqualTo(Kind.ALREADY_APPLIED);
            assertThat(outcome.detail()).contains("vault's nonce is already 1");
        }
        assertThat(accountTxCount()).isEqualTo(txCount);
    }

    @Test
    void runOnce_forgedSignature_rejectedWithoutSpendingGas() throws Exception {
        service.publish(deployment.vault(), chain.chainId(), 1, validUntil(), List.of(4000, 3000, 3000), FORGER_KEY);
        long txCount = accountTxCount();
        try (Executor executor = Executor.create(config())) {
            Outcome outcome = executor.runOnce();

            assertThat(outcome.kind()).isEqualTo(Kind.REJECTED);
            assertThat(outcome.detail()).contains("is not the vault's risk signer");
        }
        assertThat(accountTxCount()).isEqualTo(txCount);
    }

    @Test
    void runOnce_digestDisagreesWithTypedData_rejected() throws Exception {
        service.publishRaw(
                deployment.vault(),
                chain.chainId(),
                1,
                validUntil(),
                List.of(4000, 3000, 3000),
                RISK_KEY,
                "0x" + "ab".repeat(32));
        try (Executor executor = Executor.create(config())) {
            Outcome outcome = executor.runOnce();

            assertThat(outcome.kind()).isEqualTo(Kind.REJECTED);
            assertThat(outcome.detail()).startsWith("digest:");
        }
    }

    @Test
    void runOnce_expiredAllocation_skipped() throws Exception {
        service.publish(
                deployment.vault(), chain.chainId(), 1, latestTimestamp() - 10, List.of(4000, 3000, 3000), RISK_KEY);
        try (Executor executor = Executor.create(config())) {
            assertThat(executor.runOnce().kind()).isEqualTo(Kind.EXPIRED);
        }
        assertThat(vault().nonce().send()).isZero();
    }

    @Test
    void runOnce_targetWithinDriftThreshold_skipped() throws Exception {
        service.publish(deployment.vault(), chain.chainId(), 1, validUntil(), List.of(5970, 2015, 2015), RISK_KEY);
        try (Executor executor = Executor.create(config())) {
            Outcome outcome = executor.runOnce();

            assertThat(outcome.kind()).isEqualTo(Kind.WITHIN_DRIFT);
            assertThat(outcome.detail()).startsWith("largest drift 30 bps");
        }
    }

    @Test
    void runOnce_gasPriceAboveCap_skipped() throws Exception {
        service.publish(deployment.vault(), chain.chainId(), 1, validUntil(), List.of(4000, 3000, 3000), RISK_KEY);
        try (Executor executor = Executor.create(config().withThresholds(50, BigInteger.valueOf(1000)))) {
            assertThat(executor.runOnce().kind()).isEqualTo(Kind.GAS_TOO_HIGH);
        }
    }

    @Test
    void runOnce_weightsOverCap_refusedWithDecodedErrorWithoutSpendingGas() throws Exception {
        service.publish(deployment.vault(), chain.chainId(), 1, validUntil(), List.of(3500, 1000, 5500), RISK_KEY);
        long txCount = accountTxCount();
        try (Executor executor = Executor.create(config())) {
            Outcome outcome = executor.runOnce();

            assertThat(outcome.kind()).isEqualTo(Kind.REFUSED);
            assertThat(outcome.detail()).isEqualTo("WeightAboveCap(2, 5500, 5000)");
        }
        assertThat(accountTxCount()).isEqualTo(txCount);
    }

    @Test
    void runOnce_serviceDropsConnections_retriesWithBackoffAndRebalances() throws Exception {
        service.publish(deployment.vault(), chain.chainId(), 1, validUntil(), List.of(4000, 3000, 3000), RISK_KEY);
        service.dropNext(2);
        try (Executor executor = Executor.create(config())) {
            Outcome outcome = executor.runOnce();

            assertThat(outcome.kind()).as(outcome.toString()).isEqualTo(Kind.REBALANCED);
            assertThat(service.requests()).isEqualTo(3);
            // the JDK client itself retries a GET once on a dropped connection; the rest is the executor's backoff
            assertThat(executor.retries()).isPositive();
        }
    }

    @Test
    void create_secondExecutorOnSameStateFile_refused() throws Exception {
        try (Executor first = Executor.create(config())) {
            assertThatThrownBy(() -> Executor.create(config()))
                    .isInstanceOf(ExecutorException.class)
                    .hasMessageContaining("in use by another executor");
        }
        try (Executor afterClose = Executor.create(config())) {
            assertThat(afterClose.address()).isEqualToIgnoringCase(executorAccount.getAddress());
        }
    }

    @Test
    void runOnce_noAllocationPublished_reportsNone() throws Exception {
        try (Executor executor = Executor.create(config())) {
            assertThat(executor.runOnce().kind()).isEqualTo(Kind.NO_ALLOCATION);
        }
    }

    @Test
    void runOnce_wrongApiKey_failsNamingTheRefusal() throws Exception {
        service.publish(deployment.vault(), chain.chainId(), 1, validUntil(), List.of(4000, 3000, 3000), RISK_KEY);
        ExecutorConfig bad = new ExecutorConfig(
                service.url(),
                "not-the-key",
                anvil.rpcUrl(),
                deployment.vault(),
                keyFile,
                dir.resolve("state.json"),
                50,
                ExecutorConfig.DEFAULT_MAX_GAS_PRICE_WEI,
                Duration.ofSeconds(1),
                3,
                Duration.ofMillis(50),
                true,
                Duration.ofSeconds(30));
        try (Executor executor = Executor.create(bad)) {
            assertThatThrownBy(executor::runOnce)
                    .isInstanceOf(ExecutorException.class)
                    .hasMessageContaining("refused the API key (403)");
        }
        assertThat(service.requests()).as("a refused key is not retried").isEqualTo(1);
    }

    @Test
    void main_onceAgainstLiveVault_printsOutcomeAndExitsZero() throws Exception {
        service.publish(deployment.vault(), chain.chainId(), 1, validUntil(), List.of(4000, 3000, 3000), RISK_KEY);
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();

        int code = ExecutorMain.run(
                new String[] {
                    "--service",
                    service.url().toString(),
                    "--rpc",
                    anvil.rpcUrl(),
                    "--vault",
                    deployment.vault(),
                    "--key-file",
                    keyFile.toString(),
                    "--api-key",
                    AllocationEndpoint.API_KEY,
                    "--state-file",
                    dir.resolve("main-state.json").toString(),
                    "--once"
                },
                new java.io.PrintStream(out, true),
                new java.io.PrintStream(err, true));

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("REBALANCED nonce=1 tx=0x");
    }

    @Test
    void main_badVault_exitsTwoWithOneLine() {
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();

        int code = ExecutorMain.run(
                new String[] {
                    "--service",
                    "http://127.0.0.1:1",
                    "--rpc",
                    "http://127.0.0.1:1",
                    "--vault",
                    "0x1234",
                    "--key-file",
                    "k",
                    "--api-key",
                    "x",
                    "--once"
                },
                new java.io.PrintStream(out, true),
                new java.io.PrintStream(err, true));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("executor: vault:").doesNotContain("\n");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** Stands in for the process dying at a checkpoint: nothing after it runs, nothing is recorded. */
    private static final class SimulatedCrash extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private void setFeed(Credentials owner, String btcUsd) {
        try {
            VaultDeployer.setFeedPrice(chain, owner, deployment.feeds().get(1), new java.math.BigDecimal(btcUsd));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The executor's pending transaction once it satisfies {@code until} and the node has it: the state file is
     * written ahead of the send, so a test that mines right after reading it could otherwise mine the previous version.
     */
    private Pending awaitPending(ExecutorConfig config, java.util.function.Predicate<Pending> until) {
        return Awaitility.await("the executor's pending transaction, known to the node")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> pendingSent(config), p -> p != null && until.test(p));
    }

    private Pending pendingSent(ExecutorConfig config) throws IOException {
        if (!Files.exists(config.stateFile())) {
            return null;
        }
        Pending p = new StateStore(config.stateFile())
                .load(deployment.vault(), chain.chainId())
                .pending();
        if (p == null
                || chain.web3j()
                        .ethGetTransactionByHash(p.txHash())
                        .send()
                        .getTransaction()
                        .isEmpty()) {
            return null;
        }
        return p;
    }

    private ExecutorConfig config() {
        return new ExecutorConfig(
                service.url(),
                AllocationEndpoint.API_KEY,
                anvil.rpcUrl(),
                deployment.vault(),
                keyFile,
                dir.resolve("state-" + deployment.vault() + ".json"),
                50,
                ExecutorConfig.DEFAULT_MAX_GAS_PRICE_WEI,
                Duration.ofSeconds(1),
                4,
                Duration.ofMillis(50),
                true,
                Duration.ofSeconds(30));
    }

    private Vault vault() {
        return Vault.load(
                deployment.vault(),
                chain.web3j(),
                new ReadonlyTransactionManager(chain.web3j(), executorAccount.getAddress()),
                new StaticGasProvider(BigInteger.ONE, BigInteger.ONE));
    }

    private long accountTxCount() throws IOException {
        return chain.web3j()
                .ethGetTransactionCount(executorAccount.getAddress(), DefaultBlockParameterName.LATEST)
                .send()
                .getTransactionCount()
                .longValueExact();
    }

    private int rebalancedEvents() throws IOException {
        EthFilter filter =
                new EthFilter(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST, deployment.vault());
        filter.addSingleTopic(org.web3j.abi.EventEncoder.encode(Vault.REBALANCED_EVENT));
        return chain.web3j().ethGetLogs(filter).send().getLogs().size();
    }

    private long validUntil() throws IOException {
        return latestTimestamp() + 3600;
    }

    private long latestTimestamp() throws IOException {
        return chain.web3j()
                .ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
                .send()
                .getBlock()
                .getTimestamp()
                .longValueExact();
    }

    private static void assertWeights(List<Integer> actual, int... expected) {
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual.get(i)).as("sleeve %d of %s", i, actual).isCloseTo(expected[i], within(10));
        }
    }
}
