package io.vaultrisk.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.utils.Numeric;

class AllocationTypedDataTest {

    private static final String VAULT = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
    private static final String CHECKSUMMED_VAULT = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    private static final ECKeyPair KEY = Credentials.create(
                    "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318")
            .getEcKeyPair();

    @Test
    void typeHashes_matchTheTypeStrings() {
        assertThat(Numeric.toHexString(AllocationTypedData.domainTypeHash()))
                // keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)")
                .isEqualTo("0x8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f");
        assertThat(AllocationTypedData.allocationTypeHash())
                .isEqualTo(Hash.sha3(("Allocation(address vault,uint256 nonce,uint256 validUntil,uint256[] weightsBps,"
                                + "uint256[] referencePricesX18,bytes32 inputsHash)")
                        .getBytes()));
    }

    @Test
    void digest_handBuiltPerEip712_isIdentical() {
        String hash = "0x" + "c3".repeat(16) + "0e".repeat(16);
        Allocation a = Allocation.of(
                        VAULT,
                        9,
                        1_764_061_200L,
                        List.of(7000, 3000),
                        List.of(Allocation.PRICE_ONE, BigInteger.valueOf(2_500)))
                .withInputsHash(hash);
        // EIP-712 spelled out word by word (hashStruct = keccak256(typeHash ‖ encodeData), arrays as the keccak of
        // their concatenated 32-byte words, bytes32 as itself), independent of AllocationTypedData's helpers
        String typeHash = Numeric.toHexStringNoPrefix(Hash.sha3(
                "Allocation(address vault,uint256 nonce,uint256 validUntil,uint256[] weightsBps,uint256[] referencePricesX18,bytes32 inputsHash)"
                        .getBytes()));
        String weights = Numeric.toHexStringNoPrefix(
                Hash.sha3(Numeric.hexStringToByteArray("%064x%064x".formatted(7000, 3000))));
        String prices = Numeric.toHexStringNoPrefix(
                Hash.sha3(Numeric.hexStringToByteArray("%064x%064x".formatted(Allocation.PRICE_ONE, 2500))));
        String struct = Numeric.toHexStringNoPrefix(Hash.sha3(Numeric.hexStringToByteArray(typeHash
                + "000000000000000000000000" + VAULT.substring(2)
                + "%064x%064x".formatted(9, 1_764_061_200L)
                + weights + prices + hash.substring(2))));
        String domain = Numeric.toHexStringNoPrefix(Hash.sha3(
                Numeric.hexStringToByteArray("8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f"
                        + Numeric.toHexStringNoPrefix(Hash.sha3("Vaultrisk".getBytes()))
                        + Numeric.toHexStringNoPrefix(Hash.sha3("3".getBytes()))
                        + "%064x".formatted(31337) + "000000000000000000000000" + VAULT.substring(2))));

        byte[] digest = Hash.sha3(Numeric.hexStringToByteArray("1901" + domain + struct));

        assertThat(Numeric.toHexString(AllocationTypedData.digest(31337, a))).isEqualTo(Numeric.toHexString(digest));
        assertThat(Numeric.toHexString(AllocationTypedData.structHash(a))).isEqualTo("0x" + struct);
    }

    @Test
    void digest_sameTypedDataThroughWeb3jEncoder_isIdentical() throws Exception {
        Allocation a = Allocation.of(
                        VAULT,
                        3,
                        1_764_061_200L,
                        List.of(4000, 3000, 3000),
                        List.of(
                                Allocation.PRICE_ONE,
                                new BigInteger("90000000000000000000000"),
                                new BigInteger("3000")))
                .withInputsHash("0x9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08");
        // web3j's generic EIP-712 encoder over the JSON typed data: an independent path to the same digest
        String json = """
                {"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},
                {"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],
                "Allocation":[{"name":"vault","type":"address"},{"name":"nonce","type":"uint256"},
                {"name":"validUntil","type":"uint256"},{"name":"weightsBps","type":"uint256[]"},
                {"name":"referencePricesX18","type":"uint256[]"},{"name":"inputsHash","type":"bytes32"}]},
                "primaryType":"Allocation",
                "domain":{"name":"Vaultrisk","version":"3","chainId":31337,"verifyingContract":"%s"},
                "message":{"vault":"%s","nonce":3,"validUntil":1764061200,"weightsBps":[4000,3000,3000],
                "referencePricesX18":[1000000000000000000,90000000000000000000000,3000],
                "inputsHash":"0x9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"}}
                """.formatted(VAULT, VAULT);

        byte[] reference = new StructuredDataEncoder(json).hashStructuredData();

        assertThat(Numeric.toHexString(AllocationTypedData.digest(31337, a))).isEqualTo(Numeric.toHexString(reference));
    }

    @Test
    void digest_manyAllocationsThroughWeb3jEncoder_isIdentical() throws Exception {
        BigInteger beyondLong = BigInteger.ONE.shiftLeft(200).add(BigInteger.valueOf(12345));
        BigInteger maxUint = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
        for (List<Integer> w : List.of(
                List.of(10000),
                List.of(5000, 3000, 2000),
                List.of(0, 0, 1, 9999),
                List.of(2500, 2500, 2500, 2500, 0, 0, 0))) {
            for (long chainId : new long[] {1, 31337, 8453}) {
                for (BigInteger nonce : List.of(BigInteger.valueOf(7 + w.size()), beyondLong, maxUint)) {
                    // with and without reference prices: an empty array is hashed too
                    List<BigInteger> prices = w.size() % 2 == 0
                            ? List.of()
                            : w.stream()
                                    .map(x -> maxUint.subtract(BigInteger.valueOf(x)))
                                    .toList();
                    // with and without receipt inputs: bytes32(0) is a hash like any other
                    String hash = nonce.testBit(0)
                            ? Allocation.NO_INPUTS
                            : "0x" + "5a".repeat(31) + "%02x".formatted(w.size());
                    Allocation a = new Allocation(
                            CHECKSUMMED_VAULT, nonce, BigInteger.valueOf(1_764_061_200L), w, prices, hash);
                    StructuredDataEncoder web3j = new StructuredDataEncoder(AllocationTypedData.json(chainId, a));

                    assertThat(AllocationTypedData.digest(chainId, a))
                            .as("chain %d nonce %s weights %s", chainId, nonce, w)
                            .isEqualTo(web3j.hashStructuredData());
                    assertThat(AllocationTypedData.domainSeparator(chainId, a.vault()))
                            .isEqualTo(web3j.hashDomain());
                }
            }
        }
    }

    @Test
    void digest_changesWithEveryField() {
        byte[] base = AllocationTypedData.digest(31337, Allocation.of(VAULT, 3, 100, List.of(5000, 5000)));

        assertThat(AllocationTypedData.digest(1, Allocation.of(VAULT, 3, 100, List.of(5000, 5000))))
                .isNotEqualTo(base);
        assertThat(AllocationTypedData.digest(
                        31337,
                        Allocation.of("0x0000000000000000000000000000000000000001", 3, 100, List.of(5000, 5000))))
                .isNotEqualTo(base);
        assertThat(AllocationTypedData.digest(31337, Allocation.of(VAULT, 4, 100, List.of(5000, 5000))))
                .isNotEqualTo(base);
        assertThat(AllocationTypedData.digest(31337, Allocation.of(VAULT, 3, 101, List.of(5000, 5000))))
                .isNotEqualTo(base);
        assertThat(AllocationTypedData.digest(31337, Allocation.of(VAULT, 3, 100, List.of(5001, 4999))))
                .isNotEqualTo(base);
        byte[] priced = AllocationTypedData.digest(
                31337,
                Allocation.of(
                        VAULT, 3, 100, List.of(5000, 5000), List.of(Allocation.PRICE_ONE, BigInteger.valueOf(7))));
        assertThat(priced).isNotEqualTo(base);
        assertThat(AllocationTypedData.digest(
                        31337,
                        Allocation.of(
                                VAULT,
                                3,
                                100,
                                List.of(5000, 5000),
                                List.of(Allocation.PRICE_ONE, BigInteger.valueOf(8)))))
                .isNotEqualTo(priced);
        byte[] withInputs = AllocationTypedData.digest(
                31337, Allocation.of(VAULT, 3, 100, List.of(5000, 5000)).withInputsHash("0x" + "00".repeat(31) + "01"));
        assertThat(withInputs).isNotEqualTo(base);
        assertThat(AllocationTypedData.digest(
                        31337,
                        Allocation.of(VAULT, 3, 100, List.of(5000, 5000)).withInputsHash("0x01" + "00".repeat(31))))
                .isNotEqualTo(withInputs);
    }

    @Test
    void digest_addressLetterCase_isIgnored() {
        assertThat(AllocationTypedData.digest(31337, Allocation.of(VAULT, 3, 100, List.of(10_000))))
                .isEqualTo(
                        AllocationTypedData.digest(31337, Allocation.of(CHECKSUMMED_VAULT, 3, 100, List.of(10_000))));
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
    void recoverSigner_anvilDevelopmentKey_givesItsWellKnownAddress() {
        // anvil's well-known first development key and its address
        ECKeyPair anvil = ECKeyPair.create(
                Numeric.toBigInt("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"));
        Allocation a = Allocation.of(CHECKSUMMED_VAULT, 1, 1_764_061_200L, List.of(6000, 4000));

        String signer = AllocationTypedData.recoverSigner(
                AllocationTypedData.digest(31337, a), AllocationTypedData.sign(31337, a, anvil));

        assertThat(Keys.toChecksumAddress(signer)).isEqualTo("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
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
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("signature:");
    }

    @Test
    void recoverSigner_highS_isRefusedAsMalleable() {
        Allocation a = Allocation.of(VAULT, 1, 2_000_000_000L, List.of(10_000));
        byte[] sig = AllocationTypedData.sign(31337, a, KEY);
        // (r, n - s, v flipped) is the same signature's malleable twin, which the vault's _recover refuses
        BigInteger n = org.web3j.crypto.Sign.CURVE_PARAMS.getN();
        byte[] highS =
                Numeric.toBytesPadded(n.subtract(new BigInteger(1, java.util.Arrays.copyOfRange(sig, 32, 64))), 32);
        System.arraycopy(highS, 0, sig, 32, 32);
        sig[64] = (byte) (sig[64] == 27 ? 28 : 27);

        assertThatThrownBy(() -> AllocationTypedData.recoverSigner(AllocationTypedData.digest(31337, a), sig))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("malleable");
    }
}
