package io.vaultrisk.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * What ties an allocation's receipt (the inputs it was computed from, by their SHA-256 {@code inputsHash}) to the
 * allocation the vault checks: the risk signer signs keccak256("Vaultrisk receipt" ‖ allocation digest ‖ inputsHash)
 * with the key that signed the allocation. The EIP-712 allocation itself does not carry the hash (the vault contract
 * verifies that type), so without this signature a receipt's inputs would be bound to the allocation only by the
 * service's database.
 */
public final class ReceiptBinding {
    private static final byte[] PREFIX = "Vaultrisk receipt".getBytes(StandardCharsets.US_ASCII);

    private ReceiptBinding() {}

    /**
     * The 32-byte digest that binds {@code inputsHash} to the allocation whose EIP-712 digest is {@code
     * allocationDigest} (both 0x-hex of 32 bytes).
     *
     * @throws IllegalArgumentException naming {@code digest} or {@code inputsHash} when one is not 32 bytes of hex
     */
    public static byte[] digest(String allocationDigest, String inputsHash) {
        byte[] a = bytes32("digest", allocationDigest);
        byte[] h = bytes32("inputsHash", inputsHash);
        byte[] message = Arrays.copyOf(PREFIX, PREFIX.length + 64);
        System.arraycopy(a, 0, message, PREFIX.length, 32);
        System.arraycopy(h, 0, message, PREFIX.length + 32, 32);
        return Hash.sha3(message);
    }

    /** 0x-hex of the 65-byte r ‖ s ‖ v signature of {@link #digest} by {@code key}. */
    public static String sign(String allocationDigest, String inputsHash, ECKeyPair key) {
        Sign.SignatureData sig = Sign.signMessage(digest(allocationDigest, inputsHash), key, false);
        byte[] out = new byte[65];
        System.arraycopy(sig.getR(), 0, out, 0, 32);
        System.arraycopy(sig.getS(), 0, out, 32, 32);
        out[64] = sig.getV()[0];
        return Numeric.toHexString(out);
    }

    /** The address (lower-case, 0x-prefixed) that signed the binding; same refusals as the allocation's signature. */
    public static String recoverSigner(String allocationDigest, String inputsHash, String signature) {
        return AllocationTypedData.recoverSigner(
                digest(allocationDigest, inputsHash), Numeric.hexStringToByteArray(signature == null ? "" : signature));
    }

    private static byte[] bytes32(String field, String hex) {
        if (hex == null || !hex.matches("0x[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException(field + ": expected 0x and 64 hex digits, got " + hex);
        }
        return Numeric.hexStringToByteArray(hex);
    }
}
