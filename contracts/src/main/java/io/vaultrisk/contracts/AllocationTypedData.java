package io.vaultrisk.contracts;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SignatureException;
import java.util.Arrays;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * EIP-712 typed data of an {@link Allocation}, byte for byte what {@code Vault.allocationDigest} computes on chain:
 * <pre>
 * EIP712Domain(string name,string version,uint256 chainId,address verifyingContract), name "Vaultrisk", version "1",
 *   verifyingContract = the vault
 * Allocation(address vault,uint256 nonce,uint256 validUntil,uint256[] weightsBps)
 * signature: 65 bytes r ‖ s ‖ v with v in {27, 28} and s in the lower half of the curve order
 * </pre>
 * Signing and recovery use web3j's secp256k1 code, as the risk service does.
 */
public final class AllocationTypedData {

    public static final String DOMAIN_NAME = "Vaultrisk";
    public static final String DOMAIN_VERSION = "1";
    public static final byte[] DOMAIN_TYPEHASH = keccak(
            "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    public static final byte[] ALLOCATION_TYPEHASH = keccak(
            "Allocation(address vault,uint256 nonce,uint256 validUntil,uint256[] weightsBps)");
    private static final BigInteger HALF_CURVE_ORDER = Sign.CURVE_PARAMS.getN().shiftRight(1);

    private AllocationTypedData() {
    }

    public static byte[] domainSeparator(long chainId, String verifyingContract) {
        return Hash.sha3(concat(DOMAIN_TYPEHASH, keccak(DOMAIN_NAME), keccak(DOMAIN_VERSION),
                word(BigInteger.valueOf(chainId)), address(verifyingContract)));
    }

    public static byte[] structHash(Allocation a) {
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        for (int w : a.weightsBps()) {
            packed.writeBytes(word(BigInteger.valueOf(w)));
        }
        return Hash.sha3(concat(ALLOCATION_TYPEHASH, address(a.vault()), word(a.nonce()), word(a.validUntil()),
                Hash.sha3(packed.toByteArray())));
    }

    /** The 32-byte digest that is signed: keccak256("\x19\x01" ‖ domainSeparator ‖ structHash). */
    public static byte[] digest(long chainId, Allocation a) {
        return Hash.sha3(concat(new byte[] {0x19, 0x01}, domainSeparator(chainId, a.vault()), structHash(a)));
    }

    /** Signs the digest (no further prefix) and returns the 65-byte r ‖ s ‖ v signature. */
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
