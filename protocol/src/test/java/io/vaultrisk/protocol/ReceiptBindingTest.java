package io.vaultrisk.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

class ReceiptBindingTest {
    // anvil's well-known first development key and its address
    private static final ECKeyPair ANVIL =
            ECKeyPair.create(Numeric.toBigInt("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"));
    private static final String ANVIL_ADDRESS = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
    private static final String DIGEST = "0x" + "1f".repeat(32);
    private static final String HASH = "0x" + "a0".repeat(32);

    @Test
    void digest_prefixDigestAndHash_keccakOfTheirConcatenation() {
        String message = Numeric.toHexString("Vaultrisk receipt".getBytes(StandardCharsets.US_ASCII))
                + DIGEST.substring(2)
                + HASH.substring(2);

        assertThat(ReceiptBinding.digest(DIGEST, HASH)).isEqualTo(Hash.sha3(Numeric.hexStringToByteArray(message)));
    }

    @Test
    void recoverSigner_signedBinding_givesTheKeysAddressAndAnotherHashDoesNot() {
        String signature = ReceiptBinding.sign(DIGEST, HASH, ANVIL);

        assertThat(ReceiptBinding.recoverSigner(DIGEST, HASH, signature)).isEqualTo(ANVIL_ADDRESS);
        assertThat(ReceiptBinding.recoverSigner(DIGEST, "0x" + "a1".repeat(32), signature))
                .isNotEqualTo(ANVIL_ADDRESS);
        assertThat(ReceiptBinding.recoverSigner("0x" + "2f".repeat(32), HASH, signature))
                .isNotEqualTo(ANVIL_ADDRESS);
    }

    @Test
    void digest_hashNot32Bytes_namesInputsHash() {
        assertThatThrownBy(() -> ReceiptBinding.digest(DIGEST, "0xabc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("inputsHash:");
    }
}
