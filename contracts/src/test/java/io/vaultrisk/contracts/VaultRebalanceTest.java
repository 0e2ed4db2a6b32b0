package io.vaultrisk.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vaultrisk.contracts.ContractErrors.DecodedError;
import io.vaultrisk.contracts.generated.Vault;
import io.vaultrisk.protocol.Allocation;
import io.vaultrisk.protocol.AllocationTypedData;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.utils.Numeric;

/**
 * The vault's rebalance on a real EVM (Anvil): every refusal is a mined, reverted transaction whose custom error is
 * decoded from the node's trace, and a valid allocation moves the sleeves to their targets through the pools.
 * {@link VaultSafetyTest} covers the oracle, role, budget and share checks of issue 16.
 * Each test deploys its own vault on the class's single Anvil node, so tests do not share nonces or balances.
 */
@org.junit.jupiter.api.Tag("slow") // starts Anvil: ./run-tests --fast leaves it out
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VaultRebalanceTest {

    private static final ECKeyPair RISK_KEY = Credentials.create(
                    "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318")
            .getEcKeyPair();
    private static final ECKeyPair FORGER_KEY = Credentials.create(
                    "0x8da4ef21b864d2cc526dbdb2a120bd2874c36c9d0a1fb7f8c63d7f7a8b41de8f")
            .getEcKeyPair();

    private AnvilNode anvil;
    private Chain chain;
    private Credentials owner;
    private Credentials keeper;

    @BeforeAll
    void startChain() throws Exception {
        anvil = AnvilNode.start();
        chain = Chain.connect(anvil.rpcUrl());
        owner = Credentials.create(AnvilNode.DEV_KEYS.get(0));
        keeper = Credentials.create(AnvilNode.DEV_KEYS.get(2));
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

    @Test
    void rebalance_validSignedAllocation_movesWeightsToTargetAndEmitsEvent() throws Exception {
        Vault vault = deploy(DeploymentSpec.DEFAULT);
        assertWeights(weights(vault), 6000, 2000, 2000);
        Allocation a = allocation(vault, 1, List.of(4000, 3000, 3000));

        TransactionReceipt receipt = submit(vault, a, AllocationTypedData.sign(chain.chainId(), a, RISK_KEY))
                .receipt();

        assertThat(receipt.isStatusOK()).isTrue();
        var events = Vault.getRebalancedEvents(receipt);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).nonce).isEqualTo(BigInteger.ONE);
        assertThat(events.get(0).signer)
                .isEqualToIgnoringCase(Credentials.create(RISK_KEY).getAddress());
        assertThat(events.get(0).turnoverBps).isEqualTo(BigInteger.valueOf(2000));
        assertThat(Vault.getSleeveTradedEvents(receipt)).hasSize(2);
        assertThat(vault.nonce().send()).isEqualTo(BigInteger.ONE);
        // $50M pools: 0.30% fee plus ~0.2% impact on a $100k buy shifts a weight by well under 10 bps
        assertWeights(weights(vault), 4000, 3000, 3000);
    }

    @Test
    void rebalance_allocationWithInputsHash_emitsTheSignedHashInRebalanced() throws Exception {
        Vault vault = deploy(DeploymentSpec.DEFAULT);
        String hash = "0x9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        Allocation a = allocation(vault, 1, List.of(5000, 2500, 2500)).withInputsHash(hash);

        TransactionReceipt receipt = submit(vault, a, AllocationTypedData.sign(chain.chainId(), a, RISK_KEY))
                .receipt();

        assertThat(receipt.isStatusOK()).isTrue();
        var events = Vault.getRebalancedEvents(receipt);
        assertThat(events).hasSize(1);
        assertThat(Numeric.toHexString(events.get(0).inputsHash)).isEqualTo(hash);
        // indexed: an observer finds the rebalance of a receipt by filtering on the hash's topic
        var log = receipt.getLogs().stream()
                .filter(l -> l.getTopics().get(0).equals(org.web3j.abi.EventEncoder.encode(Vault.REBALANCED_EVENT)))
                .findFirst()
                .orElseThrow();
        assertThat(log.getTopics()).hasSize(4);
        assertThat(log.getTopics().get(3)).isEqualTo(hash);
    }

    @Test
    void rebalance_allocationWithoutInputs_emitsZeroHash() throws Exception {
        Vault vault = deploy(DeploymentSpec.DEFAULT);
        Allocation a = allocation(vault, 1, List.of(5000, 2500, 2500));

        TransactionReceipt receipt = submit(vault, a, AllocationTypedData.sign(chain.chainId(), a, RISK_KEY))
                .receipt();

        assertThat(Numeric.toHexString(Vault.getRebalancedEvents(receipt).get(0).inputsHash))
                .isEqualTo(Allocation.NO_INPUTS);
    }

    @Test
    void rebalance_signatureOverAnotherInputsHash_revertsWithUnauthorizedSigner() throws Exception {
        Vault vault = deploy(DeploymentSpec.DEFAULT);
        Allocation signed = allocation(vault, 1, List.of(4000, 3000, 3000)).withInputsHash("0x" + "11".repeat(32));
        Allocation sent = signed.withInputsHash("0x" + "11".repeat(31) + "12");

        DecodedError error = submit(vault, sent, AllocationTypedData.sign(chain.chainId(), signed, RISK_KEY))
                .error();

        // the digest of what was sent differs, so the signature recovers some other address
        assertThat(error.name()).isEqualTo("UnauthorizedSigner");
        assertThat(error.arguments().get(0))
                .isNotEqualToIgnoringCase(Credentials.create(RISK_KEY).getAddress());
        assertThat(vault.nonce().send()).isZero();
    }

    @Test
    void rebalance_forgedSignature_revertsWithUnauthorizedSigner() throws Exception {
        Vault vault = deploy(DeploymentSpec.DEFAULT);
        Allocation a = allocation(vault, 1, List.of(4000, 3000, 3000));

        DecodedError error = submit(vault, a, AllocationTypedData.sign(chain.chainId(), a, FORGER_KEY))
                .error();

        assertThat(error.name()).isEqualTo("UnauthorizedSigner");
        assertThat(error.arguments().get(0))
                .isEqualToIgnoringCase(Credentials.create(FORGER_KEY).getAddress());
        assertThat(error.arguments().get(1))
                .isEqualToIgnoringCase(Credentials.create(RISK_KEY).getAddress());
        assertThat(vault.nonce().send()).isZero();
    }

    @Test
    void rebalance_signatureForAnotherAllocation_revertsWithUnauthorizedSigner() throws Exception {
        Vault vault = deploy(DeploymentSpec.DEFAULT);
        Allocation signed = allocation(vault, 1, List.of(4000, 3000, 3000));
        Allocation tampered = allocation(vault, 1, List.of(2000, 4000, 4000));

        DecodedError error = submit(vault, tampered, AllocationTypedData.sign(chain.chainId(), signed, RISK_KEY))
                .error();

        assertThat(error.name()).isEqualTo("UnauthorizedSigner");
    }

    @Test
    void rebalance_replayedNonce_revertsWithNonceNotIncreasing() throws Exception {
        Vault vault = deploy(DeploymentSpec.DEFAULT);
        Allocation a = allocation(vault, 7, List.of(5000, 2500, 2500));
        byte[] sig = AllocationTypedData.sign(chain.chainId(), a, RISK_KEY);
        assertThat(submit(vault, a, sig).receipt().isStatusOK()).isTrue();

        DecodedError replay = submit(vault, a, sig).error();
        Allocation lower = allocation(vault, 6, List.of(6000, 2000, 2000));
        DecodedError older = submit(vault, lower, AllocationTypedData.sign(chain.chainId(), lower, RISK_KEY))
                .error();

        assertThat(replay).hasToString("NonceNotIncreasing(7, 7)");
        assertThat(older).hasToString("NonceNotIncreasing(6, 7)");
    }

    @Test
    void rebalance_expiredAllocation_revertsWithAllocationExpired() throws Exception {
        Vault vault = deploy(DeploymentSpec.DEFAULT);
        long expired = latestTimestamp() - 60;
        Allocation a = Allocation.of(vault.getContractAddress(), 1, expired, List.of(4000, 3000, 3000));

        DecodedError error = submit(vault, a, AllocationTypedData.sign(chain.chainId(), a, RISK_KEY))
                .error();

        assertThat(error.name()).isEqualTo("AllocationExpired");
        assertThat(error.arguments().get(0)).isEqualTo(Long.toString(expired));
        assertThat(Long.parseLong(error.arguments().get(1))).isGreaterThan(expired);
    }

    @Test
    void rebalance_weightAboveCap_revertsWithWeightAboveCap() throws Exception {
        Vault vault = deploy(DeploymentSpec.DEFAULT);
        Allocation a = allocation(vault, 1, List.of(3500, 1000, 5500));

        DecodedError error = submit(vault, a, AllocationTypedData.sign(chain.chainId(), a, RISK_KEY))
                .error();

        assertThat(error).hasToString("WeightAboveCap(2, 5500, 5000)");
    }

    @Test
    void rebalance_weightsNotSummingTo10000_revertsWithWeightsSumInvalid() throws Exception {
        Vault vault = deploy(DeploymentSpec.DEFAULT);
        Allocation a = allocation(vault, 1, List.of(4000, 3000, 2999));

        DecodedError error = submit(vault, a, AllocationTypedData.sign(chain.chainId(), a, RISK_KEY))
                .error();

        assertThat(error).hasToString("WeightsSumInvalid(9999)");
    }

    @Test
    void rebalance_turnoverAboveLimit_revertsWithTurnoverTooHigh() throws Exception {
        Vault vault = deploy(DeploymentSpec.DEFAULT);
        // 60/20/20 -> 0/50/50 trades 60% of the vault one way; the limit is 50%
        Allocation a = allocation(vault, 1, List.of(0, 5000, 5000));

        DecodedError error = submit(vault, a, AllocationTypedData.sign(chain.chainId(), a, RISK_KEY))
                .error();

        assertThat(error.name()).isEqualTo("TurnoverTooHigh");
        assertThat(Integer.parseInt(error.arguments().get(0))).isBetween(5990, 6000);
        assertThat(error.arguments().get(1)).isEqualTo("5000");
    }

    @Test
    void rebalance_thinPoolBeyondSlippageLimit_revertsWithSlippageExceeded() throws Exception {
        // a $100k buy into a $2M pool costs ~5% below the feed price in impact and fee, five times the 1% limit
        Vault vault = deploy(DeploymentSpec.DEFAULT.withPoolDepthUsd(new BigDecimal("2000000")));
        Allocation a = allocation(vault, 1, List.of(4000, 3000, 3000));

        DecodedError error = submit(vault, a, AllocationTypedData.sign(chain.chainId(), a, RISK_KEY))
                .error();

        assertThat(error.name()).isEqualTo("SlippageExceeded");
        assertThat(error.arguments().get(0)).isEqualTo("1");
        BigInteger quoted = new BigInteger(error.arguments().get(1));
        BigInteger min = new BigInteger(error.arguments().get(2));
        assertThat(quoted).isLessThan(min);
        assertThat(vault.nonce().send()).as("the revert undoes the spent nonce").isZero();
        assertWeights(weights(vault), 6000, 2000, 2000);
    }

    @Test
    void rebalance_malleableHighS_revertsWithMalleableSignature() throws Exception {
        Vault vault = deploy(DeploymentSpec.DEFAULT);
        Allocation a = allocation(vault, 1, List.of(4000, 3000, 3000));
        byte[] sig = AllocationTypedData.sign(chain.chainId(), a, RISK_KEY);
        // (r, n - s, v ^ 1) recovers the same signer: only the low-s form may be accepted
        byte[] twin = sig.clone();
        BigInteger highS = Sign.CURVE_PARAMS.getN().subtract(new BigInteger(1, Arrays.copyOfRange(sig, 32, 64)));
        System.arraycopy(Numeric.toBytesPadded(highS, 32), 0, twin, 32, 32);
        twin[64] = (byte) (sig[64] == 27 ? 28 : 27);

        DecodedError error = submit(vault, a, twin).error();

        assertThat(error.name()).isEqualTo("MalleableSignature");
    }

    @Test
    void rebalance_badRecoveryByte_revertsWithInvalidSignatureV() throws Exception {
        Vault vault = deploy(DeploymentSpec.DEFAULT);
        Allocation a = allocation(vault, 1, List.of(4000, 3000, 3000));
        byte[] sig = AllocationTypedData.sign(chain.chainId(), a, RISK_KEY);
        sig[64] = (byte) (sig[64] - 27); // the raw 0/1 recovery id some signers emit

        DecodedError error = submit(vault, a, sig).error();

        assertThat(error.name()).isEqualTo("InvalidSignatureV");
        assertThat(error.arguments().get(0)).isIn("0", "1");
    }

    @Test
    void allocationDigest_protocolTypedData_equalsOnChainDigest() throws Exception {
        Vault vault = deploy(DeploymentSpec.DEFAULT);
        String address = vault.getContractAddress();
        BigInteger maxUint = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
        // nonces and expiries beyond a long and up to 2^256 - 1: the protocol's uint256 words against the EVM's
        List<Allocation> allocations = List.of(
                Allocation.of(address, 42, 1_764_061_200L, List.of(4000, 3000, 3000)),
                Allocation.of(address, 0, 0, List.of(10_000, 0, 0)),
                new Allocation(
                        address,
                        BigInteger.ONE.shiftLeft(200).add(BigInteger.valueOf(7)),
                        maxUint,
                        List.of(1, 2, 9997)),
                new Allocation(
                        Keys.toChecksumAddress(address),
                        maxUint,
                        BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE),
                        List.of(5000, 5000)),
                Allocation.of(address, 3, 1_764_061_200L, List.of(2500, 2500, 2500, 2500, 0, 0, 0)),
                // reference prices (type version 2): realistic, and up to 2^256 - 1
                Allocation.of(
                        address,
                        5,
                        1_764_061_200L,
                        List.of(4000, 3000, 3000),
                        List.of(
                                Allocation.PRICE_ONE,
                                VaultDeployer.referencePrice(new java.math.BigDecimal("90000")),
                                VaultDeployer.referencePrice(new java.math.BigDecimal("3000.123456789")))),
                Allocation.of(address, 6, 7, List.of(10_000, 0), List.of(maxUint, BigInteger.ONE)),
                // receipt inputs hash (type version 3)
                Allocation.of(address, 8, 1_764_061_200L, List.of(4000, 3000, 3000))
                        .withInputsHash("0x9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
                Allocation.of(address, 9, 9, List.of(10_000), List.of(maxUint)).withInputsHash("0x" + "f".repeat(64)));

        for (Allocation a : allocations) {
            byte[] onChain = vault.allocationDigest(AllocationStruct.of(a)).send();

            assertThat(Numeric.toHexString(AllocationTypedData.digest(chain.chainId(), a)))
                    .as("%s", a)
                    .isEqualTo(Numeric.toHexString(onChain));
        }
        assertThat(vault.domainSeparator().send())
                .isEqualTo(AllocationTypedData.domainSeparator(chain.chainId(), address));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private record Outcome(TransactionReceipt receipt, DecodedError error) {}

    private Vault deploy(DeploymentSpec spec) throws Exception {
        VaultDeployment d = VaultDeployer.deploy(
                chain, owner, Credentials.create(RISK_KEY).getAddress(), List.of(keeper.getAddress()), spec);
        return Vault.load(
                d.vault(),
                chain.web3j(),
                chain.transactionManager(owner),
                new StaticGasProvider(gasPrice(), BigInteger.valueOf(200_000)));
    }

    /**
     * Sends rebalance from a keeper account with a fixed gas limit (no estimate, so a refusal is mined as a reverted
     * transaction rather than caught by estimation) and decodes the revert from the node.
     */
    private Outcome submit(Vault vault, Allocation a, byte[] signature) throws Exception {
        Vault asKeeper = Vault.load(
                vault.getContractAddress(),
                chain.web3j(),
                chain.transactionManager(keeper),
                new StaticGasProvider(gasPrice(), BigInteger.valueOf(1_500_000)));
        try {
            return new Outcome(
                    asKeeper.rebalance(AllocationStruct.of(a), signature).send(), null);
        } catch (TransactionException e) {
            TransactionReceipt receipt = e.getTransactionReceipt().orElseThrow();
            assertThat(receipt.isStatusOK()).isFalse();
            Optional<String> data = chain.revertDataOfTransaction(receipt.getTransactionHash());
            DecodedError error = data.flatMap(ContractErrors.DEFAULT::decode)
                    .orElseThrow(() -> new AssertionError("undecodable revert " + data));
            return new Outcome(receipt, error);
        }
    }

    private Allocation allocation(Vault vault, long nonce, List<Integer> weights) throws Exception {
        return Allocation.of(vault.getContractAddress(), nonce, latestTimestamp() + 3600, weights);
    }

    private long latestTimestamp() throws Exception {
        return chain.web3j()
                .ethGetBlockByNumber(org.web3j.protocol.core.DefaultBlockParameterName.LATEST, false)
                .send()
                .getBlock()
                .getTimestamp()
                .longValueExact();
    }

    private BigInteger gasPrice() throws Exception {
        return chain.gasPrice();
    }

    @SuppressWarnings("unchecked")
    private static List<Integer> weights(Vault vault) throws Exception {
        List<BigInteger> w = (List<BigInteger>) vault.currentWeightsBps().send();
        return w.stream().map(BigInteger::intValueExact).toList();
    }

    private static void assertWeights(List<Integer> actual, int... expected) {
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual.get(i)).as("sleeve %d of %s", i, actual).isCloseTo(expected[i], within(10));
        }
    }
}
