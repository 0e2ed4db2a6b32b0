package io.vaultrisk.protocol;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * EIP-712 typed data of an {@link Allocation}, byte for byte what {@code Vault.allocationDigest} computes on chain,
 * hashed by hand so that every byte is visible:
 * <pre>
 * EIP712Domain(string name,string version,uint256 chainId,address verifyingContract), name "Vaultrisk", version "3",
 *   verifyingContract = the vault
 * Allocation(address vault,uint256 nonce,uint256 validUntil,uint256[] weightsBps,uint256[] referencePricesX18,
 *   bytes32 inputsHash), each array hashed as keccak256(abi.encodePacked(array)) (each element a 32-byte word; an
 *   empty array hashes to keccak256("")), inputsHash encoded as its 32 bytes
 * signature: 65 bytes r ‖ s ‖ v with v in {27, 28} and s in the lower half of the curve order
 * </pre>
 * The one implementation of the digest: the service signs it, the executor recomputes it before spending gas, and the
 * contract tests check it against the deployed vault. Version 2 added the reference prices, version 3 the receipt's
 * inputs hash; bumping the domain version with the type means no signature of one version verifies on a vault of
 * another.
 */
public final class AllocationTypedData {

    public static final String DOMAIN_NAME = "Vaultrisk";
    public static final String DOMAIN_VERSION = "3";
    public static final String DOMAIN_TYPE =
            "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)";
    public static final String ALLOCATION_TYPE = "Allocation(address vault,uint256 nonce,uint256 validUntil,"
            + "uint256[] weightsBps,uint256[] referencePricesX18,bytes32 inputsHash)";
    private static final byte[] DOMAIN_TYPEHASH = keccak(DOMAIN_TYPE);
    private static final byte[] ALLOCATION_TYPEHASH = keccak(ALLOCATION_TYPE);
    private static final BigInteger HALF_CURVE_ORDER = Sign.CURVE_PARAMS.getN().shiftRight(1);

    private AllocationTypedData() {}

    public static byte[] domainTypeHash() {
        return DOMAIN_TYPEHASH.clone();
    }

    public static byte[] allocationTypeHash() {
        return ALLOCATION_TYPEHASH.clone();
    }

    public static byte[] domainSeparator(long chainId, String verifyingContract) {
        return Hash.sha3(concat(
                DOMAIN_TYPEHASH,
                keccak(DOMAIN_NAME),
                keccak(DOMAIN_VERSION),
                word(BigInteger.valueOf(chainId)),
                address(verifyingContract)));
    }

    public static byte[] structHash(Allocation a) {
        return Hash.sha3(concat(
                ALLOCATION_TYPEHASH,
                address(a.vault()),
                word(a.nonce()),
                word(a.validUntil()),
                packedHash(a.weightsBps().stream().map(BigInteger::valueOf).toList()),
                packedHash(a.referencePricesX18()),
                Numeric.hexStringToByteArray(a.inputsHash())));
    }

    /** The 32-byte digest that is signed: keccak256("\x19\x01" ‖ domainSeparator ‖ structHash). */
    public static byte[] digest(long chainId, Allocation a) {
        return Hash.sha3(concat(new byte[] {0x19, 0x01}, domainSeparator(chainId, a.vault()), structHash(a)));
    }

    /** Signs the digest (no further prefix): the 65-byte r ‖ s ‖ v signature the vault's ecrecover expects. */
    public static byte[] sign(long chainId, Allocation a, ECKeyPair key) {
        Sign.SignatureData sig = Sign.signMessage(digest(chainId, a), key, false);
        return concat(sig.getR(), sig.getS(), sig.getV());
    }

    /**
     * The address (lower-case, 0x-prefixed) that signed the digest, refusing the same malformed signatures the vault
     * refuses: wrong length, v outside {27, 28}, or a malleable high s.
     */
    public static String recoverSigner(byte[] digest, byte[] signature) {
        if (signature == null || signature.length != 65) {
            throw new IllegalArgumentException("signature: expected 65 bytes r||s||v, got "
                    + (signature == null ? "none" : signature.length + " bytes"));
        }
        byte[] r = Arrays.copyOfRange(signature, 0, 32);
        byte[] s = Arrays.copyOfRange(signature, 32, 64);
        byte v = signature[64];
        if (new BigInteger(1, s).compareTo(HALF_CURVE_ORDER) > 0) {
            throw new IllegalArgumentException("signature: malleable (s above half the curve order)");
        }
        if (v != 27 && v != 28) {
            throw new IllegalArgumentException("signature: v must be 27 or 28, got " + (v & 0xff));
        }
        try {
            BigInteger publicKey = Sign.signedMessageHashToKey(digest, new Sign.SignatureData(v, r, s));
            return "0x" + Keys.getAddress(publicKey);
        } catch (SignatureException | IllegalArgumentException e) {
            throw new IllegalArgumentException("signature: does not recover a public key: " + e.getMessage(), e);
        }
    }

    /** The same typed data in the JSON form of eth_signTypedData_v4 (what wallets and web3j's encoder read). */
    public static String json(long chainId, Allocation a) {
        String weights = a.weightsBps().stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]"));
        String prices = a.referencePricesX18().stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]"));
        return "{\"types\":{\"EIP712Domain\":[{\"name\":\"name\",\"type\":\"string\"},"
                + "{\"name\":\"version\",\"type\":\"string\"},{\"name\":\"chainId\",\"type\":\"uint256\"},"
                + "{\"name\":\"verifyingContract\",\"type\":\"address\"}],"
                + "\"Allocation\":[{\"name\":\"vault\",\"type\":\"address\"},{\"name\":\"nonce\",\"type\":\"uint256\"},"
                + "{\"name\":\"validUntil\",\"type\":\"uint256\"},{\"name\":\"weightsBps\",\"type\":\"uint256[]\"},"
                + "{\"name\":\"referencePricesX18\",\"type\":\"uint256[]\"},"
                + "{\"name\":\"inputsHash\",\"type\":\"bytes32\"}]},"
                + "\"primaryType\":\"Allocation\",\"domain\":{\"name\":\"" + DOMAIN_NAME + "\",\"version\":\""
                + DOMAIN_VERSION + "\",\"chainId\":" + chainId + ",\"verifyingContract\":\"" + a.vault() + "\"},"
                + "\"message\":{\"vault\":\"" + a.vault() + "\",\"nonce\":" + a.nonce() + ",\"validUntil\":"
                + a.validUntil() + ",\"weightsBps\":" + weights + ",\"referencePricesX18\":" + prices
                + ",\"inputsHash\":\""
                + a.inputsHash() + "\"}}";
    }

    private static byte[] packedHash(java.util.List<BigInteger> values) {
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        for (BigInteger v : values) {
            packed.writeBytes(word(v));
        }
        return Hash.sha3(packed.toByteArray());
    }

    private static byte[] keccak(String s) {
        return Hash.sha3(s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] word(BigInteger v) {
        return Numeric.toBytesPadded(v, 32);
    }

    private static byte[] address(String hex) {
        return Numeric.toBytesPadded(Numeric.toBigInt(hex), 32);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
