package io.vaultrisk.service.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.utils.Numeric;

/** The hand-written EIP-712 hashing against web3j's StructuredDataEncoder, and signing/recovery, without the app. */
class AllocationTypedDataTest {
    private static final String VAULT = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

    @Test
    void typeHashes_matchTheTypeStrings() {
        assertThat(Numeric.toHexString(AllocationTypedData.DOMAIN_TYPEHASH))
                // keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)")
                .isEqualTo("0x8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f");
        assertThat(AllocationTypedData.ALLOCATION_TYPEHASH).isEqualTo(Hash.sha3(
                "Allocation(address vault,uint256 nonce,uint256 validUntil,uint256[] weightsBps)".getBytes()));
    }

    @Test
    void digest_equalsWeb3jStructuredDataEncoder() throws Exception {
        for (List<Integer> w : List.of(List.of(10000), List.of(5000, 3000, 2000), List.of(0, 0, 1, 9999),
                List.of(2500, 2500, 2500, 2500, 0, 0, 0))) {
            for (long chainId : new long[] {1, 31337, 8453}) {
                long nonce = 7 + w.size();
                long validUntil = 1764061200L;
                byte[] manual = AllocationTypedData.digest(chainId, VAULT, nonce, validUntil, w);
                byte[] web3j = new StructuredDataEncoder(AllocationTypedData.json(chainId, VAULT, nonce, validUntil, w))
                        .hashStructuredData();
                assertThat(manual).as("chain %d weights %s", chainId, w).isEqualTo(web3j);
                byte[] domain = new StructuredDataEncoder(AllocationTypedData.json(chainId, VAULT, nonce, validUntil, w))
                        .hashDomain();
                assertThat(AllocationTypedData.domainSeparator(chainId, VAULT)).isEqualTo(domain);
            }
        }
    }

    @Test
    void digest_changesWithEveryField() {
        byte[] base = AllocationTypedData.digest(31337, VAULT, 3, 100, List.of(5000, 5000));
        assertThat(AllocationTypedData.digest(1, VAULT, 3, 100, List.of(5000, 5000))).isNotEqualTo(base);
        assertThat(AllocationTypedData.digest(31337, "0x0000000000000000000000000000000000000001", 3, 100,
                List.of(5000, 5000))).isNotEqualTo(base);
        assertThat(AllocationTypedData.digest(31337, VAULT, 4, 100, List.of(5000, 5000))).isNotEqualTo(base);
        assertThat(AllocationTypedData.digest(31337, VAULT, 3, 101, List.of(5000, 5000))).isNotEqualTo(base);
        assertThat(AllocationTypedData.digest(31337, VAULT, 3, 100, List.of(5001, 4999))).isNotEqualTo(base);
    }

    @Test
    void signature_recoversSignerAddress() {
        // anvil's well-known first development key
        ECKeyPair pair = ECKeyPair.create(Numeric.toBigInt(
                "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"));
        assertThat(Keys.toChecksumAddress(Keys.getAddress(pair))).isEqualTo("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
        byte[] digest = AllocationTypedData.digest(31337, VAULT, 1, 1764061200L, List.of(6000, 4000));
        Sign.SignatureData sig = Sign.signMessage(digest, pair, false);
        assertThat((int) sig.getV()[0]).isIn(27, 28);
        BigInteger recovered = assertDoesNotThrow(digest, sig);
        assertThat(Keys.toChecksumAddress(Keys.getAddress(recovered))).isEqualTo("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
        byte[] other = Arrays.copyOf(digest, 32);
        other[0] ^= 1;
        assertThat(Keys.getAddress(assertDoesNotThrow(other, sig))).isNotEqualTo(Keys.getAddress(pair));
    }

    private static BigInteger assertDoesNotThrow(byte[] digest, Sign.SignatureData sig) {
        try {
            return Sign.signedMessageHashToKey(digest, sig);
        } catch (java.security.SignatureException e) {
            throw new AssertionError(e);
        }
    }
}
