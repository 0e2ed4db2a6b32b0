package io.vaultrisk.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultrisk.contracts.AnvilNode;
import io.vaultrisk.contracts.Chain;
import io.vaultrisk.contracts.DeploymentSpec;
import io.vaultrisk.contracts.SafetyLimits;
import io.vaultrisk.contracts.VaultDeployer;
import io.vaultrisk.contracts.VaultDeployment;
import io.vaultrisk.contracts.generated.Vault;
import io.vaultrisk.executor.Outcome.Kind;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;

/**
 * Issue 16's kill -9 property: a polling executor process killed (SIGKILL, no shutdown hooks) at random moments while
 * allocations keep arriving never applies an allocation twice, never wastes a transaction, and never loses the latest
 * allocation. 20 kills at seeded random delays (scripts can raise {@code vaultrisk.kills} for a nightly run).
 */
@Tag("slow") // starts Anvil and 20 JVMs: ./run-tests --fast leaves it out
class ExecutorKillTest {

    private static final ECKeyPair RISK_KEY = Credentials.create(
                    "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318")
            .getEcKeyPair();

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void executorProcess_killedAtRandomMoments_neverDoubleAppliesOrLosesAnAllocation() throws Exception {
        int kills = Integer.getInteger("vaultrisk.kills", 20);
        Random random = new Random(16);
        Credentials executorAccount = Credentials.create(AnvilNode.DEV_KEYS.get(1));
        try (AnvilNode anvil = AnvilNode.start();
                Chain chain = Chain.connect(anvil.rpcUrl());
                AllocationEndpoint service = new AllocationEndpoint()) {
            // no interval between rebalances and budgets that never bind: every allocation may apply at once
            VaultDeployment d = VaultDeployer.deploy(
                    chain,
                    Credentials.create(AnvilNode.DEV_KEYS.get(0)),
                    Credentials.create(RISK_KEY).getAddress(),
                    List.of(executorAccount.getAddress()),
                    DeploymentSpec.DEFAULT.withSafety(SafetyLimits.DEFAULT.unthrottled()));
            Path keyFile = dir.resolve("executor.key");
            Files.writeString(keyFile, AnvilNode.DEV_KEYS.get(1) + "\n");
            Path stateFile = dir.resolve("state.json");
            long txBefore = txCount(chain, executorAccount.getAddress());
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            List<Long> delays = new ArrayList<>();

            for (int k = 1; k <= kills; k++) {
                List<Integer> weights = k % 2 == 1 ? List.of(4000, 3000, 3000) : List.of(6000, 2000, 2000);
                service.publish(d.vault(), chain.chainId(), k, latest(chain) + 3600, weights, RISK_KEY);
                Process p = new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java")
                                        .toString(),
                                "-cp",
                                classpath,
                                ExecutorMain.class.getName(),
                                "--service",
                                service.url().toString(),
                                "--rpc",
                                anvil.rpcUrl(),
                                "--vault",
                                d.vault(),
                                "--key-file",
                                keyFile.toString(),
                                "--api-key",
                                AllocationEndpoint.API_KEY,
                                "--state-file",
                                stateFile.toString(),
                                "--drift-bps",
                                "0",
                                "--poll-seconds",
                                "1")
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(
                                dir.resolve("executor.log").toFile()))
                        .start();
                long delay = 300 + random.nextInt(3200);
                delays.add(delay);
                Thread.sleep(delay);
                p.destroyForcibly(); // SIGKILL
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }

            // a last executor, left to finish: it must recover whatever the last kill left and apply the latest
            Outcome last = null;
            ExecutorConfig config = ExecutorConfig.of(
                            service.url(), AllocationEndpoint.API_KEY, anvil.rpcUrl(), d.vault(), keyFile, true)
                    .withStateFile(stateFile)
                    .withThresholds(0, ExecutorConfig.DEFAULT_MAX_GAS_PRICE_WEI);
            try (Executor executor = Executor.create(config)) {
                for (int i = 0; i < 5 && (last == null || last.kind() != Kind.ALREADY_APPLIED); i++) {
                    last = executor.runOnce();
                }
                assertThat(executor.state().pending()).isNull();
            }
            String log = Files.readString(dir.resolve("executor.log"));

            List<BigInteger> applied = rebalancedNonces(chain, d.vault());
            long sent = txCount(chain, executorAccount.getAddress()) - txBefore;
            assertThat(last.kind()).as(log).isEqualTo(Kind.ALREADY_APPLIED);
            assertThat(vault(chain, d.vault()).nonce().send())
                    .as("the latest allocation is applied")
                    .isEqualTo(BigInteger.valueOf(kills));
            assertThat(applied)
                    .as("strictly increasing: no allocation applied twice")
                    .isSorted()
                    .doesNotHaveDuplicates();
            assertThat(sent)
                    .as("every transaction sent applied an allocation: none wasted, none repeated")
                    .isEqualTo(applied.size());
            assertThat(log).doesNotContain("REVERTED");
            assertThat(delays).hasSize(kills);
        }
    }

    private static List<BigInteger> rebalancedNonces(Chain chain, String vault) throws Exception {
        EthFilter filter = new EthFilter(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST, vault);
        filter.addSingleTopic(org.web3j.abi.EventEncoder.encode(Vault.REBALANCED_EVENT));
        List<BigInteger> nonces = new ArrayList<>();
        for (EthLog.LogResult<?> r : chain.web3j().ethGetLogs(filter).send().getLogs()) {
            var log = (org.web3j.protocol.core.methods.response.Log) r.get();
            nonces.add(new BigInteger(log.getTopics().get(1).substring(2), 16));
        }
        return nonces;
    }

    private static Vault vault(Chain chain, String address) {
        return Vault.load(
                address,
                chain.web3j(),
                new org.web3j.tx.ReadonlyTransactionManager(chain.web3j(), address),
                new org.web3j.tx.gas.StaticGasProvider(BigInteger.ONE, BigInteger.ONE));
    }

    private static long txCount(Chain chain, String account) throws Exception {
        return chain.web3j()
                .ethGetTransactionCount(account, DefaultBlockParameterName.LATEST)
                .send()
                .getTransactionCount()
                .longValueExact();
    }

    private static long latest(Chain chain) throws Exception {
        return chain.web3j()
                .ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
                .send()
                .getBlock()
                .getTimestamp()
                .longValueExact();
    }
}
