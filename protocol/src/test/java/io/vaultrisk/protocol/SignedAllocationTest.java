package io.vaultrisk.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

class SignedAllocationTest {

    private static final String VAULT = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    // anvil's well-known first development key
    private static final ECKeyPair KEY =
            ECKeyPair.create(Numeric.toBigInt("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"));
    private static final Allocation ALLOCATION = Allocation.of(VAULT, 5, 1_764_061_200L, List.of(6000, 4000));

    @Test
    void sign_anvilKey_carriesDigestSignatureAndChecksummedSigner() throws Exception {
        SignedAllocation s = SignedAllocation.sign(
                31337, ALLOCATION, List.of("USDC", "WETH"), KEY, Instant.parse("2026-11-25T07:00:00.123Z"));

        assertThat(s.signer()).isEqualTo("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
        assertThat(s.digest()).isEqualTo(Numeric.toHexString(AllocationTypedData.digest(31337, ALLOCATION)));
        assertThat(s.createdAt()).isEqualTo("2026-11-25T07:00:00.123Z");
        assertThat(s.allocation()).isEqualTo(ALLOCATION);
        // recovered by web3j directly, not through the protocol's own recovery
        byte[] sig = Numeric.hexStringToByteArray(s.signature());
        BigInteger key = Sign.signedMessageHashToKey(
                Numeric.hexStringToByteArray(s.digest()),
                new Sign.SignatureData(
                        sig[64], java.util.Arrays.copyOfRange(sig, 0, 32), java.util.Arrays.copyOfRange(sig, 32, 64)));
        assertThat(key).isEqualTo(KEY.getPublicKey());
    }

    @Test
    void recoverSigner_untamperedOnSameChain_givesTheSigner() {
        SignedAllocation s = SignedAllocation.sign(31337, ALLOCATION, List.of("USDC", "WETH"), KEY, Instant.EPOCH);

        assertThat(s.recoverSigner(31337)).isEqualToIgnoringCase(s.signer());
    }

    @Test
    void recoverSigner_tamperedWeights_givesAnotherAddress() {
        SignedAllocation s = SignedAllocation.sign(31337, ALLOCATION, List.of("USDC", "WETH"), KEY, Instant.EPOCH);
        SignedAllocation tampered = new SignedAllocation(
                s.vault(),
                s.chainId(),
                s.nonce(),
                s.validUntil(),
                s.strategies(),
                List.of(4000, 6000),
                s.digest(),
                s.signature(),
                s.signer(),
                s.createdAt());

        assertThat(tampered.recoverSigner(31337)).isNotEqualToIgnoringCase(s.signer());
    }

    @Test
    void recoverSigner_referencePriceChangedAfterSigning_givesAnotherAddress() {
        Allocation priced =
                ALLOCATION.withReferencePrices(List.of(Allocation.PRICE_ONE, new BigInteger("3000000000000000000000")));
        SignedAllocation s =
                SignedAllocation.sign(31337, priced, List.of("USDC", "WETH"), KEY, Instant.EPOCH, "market-feed");
        SignedAllocation forged = new SignedAllocation(
                s.vault(),
                s.chainId(),
                s.nonce(),
                s.validUntil(),
                s.strategies(),
                s.weightsBps(),
                s.digest(),
                s.signature(),
                s.signer(),
                s.createdAt(),
                List.of(Allocation.PRICE_ONE, new BigInteger("3000000000000000000001")),
                s.referencePriceSource());

        assertThat(s.recoverSigner(31337)).isEqualToIgnoringCase(s.signer());
        assertThat(s.allocation()).isEqualTo(priced);
        assertThat(s.referencePriceSource()).isEqualTo("market-feed");
        assertThat(forged.recoverSigner(31337)).isNotEqualToIgnoringCase(s.signer());
    }

    @Test
    void recoverSigner_otherChain_givesAnotherAddress() {
        SignedAllocation s = SignedAllocation.sign(31337, ALLOCATION, List.of("USDC", "WETH"), KEY, Instant.EPOCH);

        assertThat(s.recoverSigner(1)).isNotEqualToIgnoringCase(s.signer());
    }

    @Test
    void allocation_missingNonce_refuses() {
        SignedAllocation s = new SignedAllocation(
                VAULT, 31337, null, BigInteger.TEN, List.of("USDC"), List.of(10_000), null, null, null, null);

        assertThatThrownBy(s::allocation)
                .isInstanceOf(NullPointerException.class)
                .hasMessage("nonce");
    }

    @Test
    void recoverSigner_inputsHashChangedOrDroppedAfterSigning_givesAnotherAddress() {
        Allocation withInputs = ALLOCATION.withInputsHash("0x" + "7e".repeat(32));
        SignedAllocation s = SignedAllocation.sign(31337, withInputs, List.of("USDC", "WETH"), KEY, Instant.EPOCH);
        SignedAllocation tampered = new SignedAllocation(
                s.vault(),
                s.chainId(),
                s.nonce(),
                s.validUntil(),
                s.strategies(),
                s.weightsBps(),
                s.digest(),
                s.signature(),
                s.signer(),
                s.createdAt(),
                s.referencePricesX18(),
                s.referencePriceSource(),
                "0x" + "7e".repeat(31) + "7f");
        SignedAllocation dropped = new SignedAllocation(
                s.vault(),
                s.chainId(),
                s.nonce(),
                s.validUntil(),
                s.strategies(),
                s.weightsBps(),
                s.digest(),
                s.signature(),
                s.signer(),
                s.createdAt(),
                s.referencePricesX18(),
                s.referencePriceSource(),
                null);

        assertThat(s.inputsHash()).isEqualTo(withInputs.inputsHash());
        assertThat(s.allocation()).isEqualTo(withInputs);
        assertThat(s.recoverSigner(31337)).isEqualToIgnoringCase(s.signer());
        assertThat(tampered.recoverSigner(31337)).isNotEqualToIgnoringCase(s.signer());
        assertThat(dropped.allocation().inputsHash()).isEqualTo(Allocation.NO_INPUTS);
        assertThat(dropped.recoverSigner(31337)).isNotEqualToIgnoringCase(s.signer());
    }
}
