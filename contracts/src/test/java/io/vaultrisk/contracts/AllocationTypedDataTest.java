package io.vaultrisk.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.utils.Numeric;

class AllocationTypedDataTest {

    private static final String VAULT = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
    private static final ECKeyPair KEY = Credentials.create(
            "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318").getEcKeyPair();

    @Test
    void digest_sameTypedDataThroughWeb3jEncoder_isIdentical() throws Exception {
        Allocation a = Allocation.of(VAULT, 3, 1_764_061_200L, List.of(4000, 3000, 3000));
        // web3j's generic EIP-712 encoder over the JSON typed data: an independent path to the same digest
        String json = """
                {"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},
                {"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],
                "Allocation":[{"name":"vault","type":"address"},{"name":"nonce","type":"uint256"},
                {"name":"validUntil","type":"uint256"},{"name":"weightsBps","type":"uint256[]"}]},
                "primaryType":"Allocation",
                "domain":{"name":"Vaultrisk","version":"1","chainId":31337,"verifyingContract":"%s"},
                "message":{"vault":"%s","nonce":3,"validUntil":1764061200,"weightsBps":[4000,3000,3000]}}
                """.formatted(VAULT, VAULT);

        byte[] reference = new StructuredDataEncoder(json).hashStructuredData();

        assertThat(Numeric.toHexString(AllocationTypedData.digest(31337, a))).isEqualTo(Numeric.toHexString(reference));
    }

    @Test
    void recoverSigner_ownSignature_givesSignerAddress() {
        Allocation a = Allocation.of(VAULT, 1, 2_000_000_000L, List.of(10_000, 0, 0));
        byte[] sig = AllocationTypedData.sign(31337, a, KEY);

        String signer = AllocationTypedData.recoverSigner(AllocationTypedData.digest(31337, a), sig);

        assertThat(sig).hasSize(65);
        assertThat(sig[64]).isIn((byte) 27, (byte) 28);
        assertThat(signer).isEqualTo(Credentials.create(KEY).getAddress());
    }

    @Test
    void recoverSigner_otherChainId_givesAnotherAddress() {
        Allocation a = Allocation.of(VAULT, 1, 2_000_000_000L, List.of(10_000, 0, 0));
        byte[] sig = AllocationTypedData.sign(1, a, KEY);

        assertThat(AllocationTypedData.recoverSigner(AllocationTypedData.digest(31337, a), sig))
                .isNotEqualTo(Credentials.create(KEY).getAddress());
    }

    @Test
    void recoverSigner_truncatedSignature_namesSignatureField() {
        assertThatThrownBy(() -> AllocationTypedData.recoverSigner(new byte[32], new byte[64]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("signature:");
    }

    @Test
    void of_badVaultAddress_namesVaultField() {
        assertThatThrownBy(() -> Allocation.of("0x1234", 1, 1, List.of(10_000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("vault:");
    }
}
