package io.vaultrisk.service.signing;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * The EIP-712 typed data the vault contract verifies, hashed by hand so that every byte is visible:
 * domain {@code EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)} with name
 * "Vaultrisk", version "1" and the vault as verifying contract; message
 * {@code Allocation(address vault,uint256 nonce,uint256 validUntil,uint256[] weightsBps)} whose array is hashed as
 * keccak256(abi.encodePacked(weightsBps)) (each element a 32-byte word).
 */
public final class AllocationTypedData {
    public static final String NAME = "Vaultrisk";
    public static final String VERSION = "1";
    public static final String DOMAIN_TYPE =
            "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)";
    public static final String ALLOCATION_TYPE =
            "Allocation(address vault,uint256 nonce,uint256 validUntil,uint256[] weightsBps)";
    public static final byte[] DOMAIN_TYPEHASH = keccak(DOMAIN_TYPE);
    public static final byte[] ALLOCATION_TYPEHASH = keccak(ALLOCATION_TYPE);

    private AllocationTypedData() {
    }

    public static byte[] domainSeparator(long chainId, String vault) {
        return Hash.sha3(concat(DOMAIN_TYPEHASH, keccak(NAME), keccak(VERSION), uint(BigInteger.valueOf(chainId)),
                address(vault)));
    }

    public static byte[] hashStruct(String vault, long nonce, long validUntil, List<Integer> weightsBps) {
        byte[][] words = new byte[weightsBps.size()][];
        for (int i = 0; i < words.length; i++) {
            words[i] = uint(BigInteger.valueOf(weightsBps.get(i)));
        }
        return Hash.sha3(concat(ALLOCATION_TYPEHASH, address(vault), uint(BigInteger.valueOf(nonce)),
                uint(BigInteger.valueOf(validUntil)), Hash.sha3(concat(words))));
    }

    /** keccak256(0x19 ‖ 0x01 ‖ domainSeparator ‖ hashStruct(message)): the 32 bytes that are signed. */
    public static byte[] digest(long chainId, String vault, long nonce, long validUntil, List<Integer> weightsBps) {
        return Hash.sha3(concat(new byte[] {0x19, 0x01}, domainSeparator(chainId, vault),
                hashStruct(vault, nonce, validUntil, weightsBps)));
    }

    /** The same typed data in the JSON form of eth_signTypedData_v4 (what wallets and web3j's encoder read). */
    public static String json(long chainId, String vault, long nonce, long validUntil, List<Integer> weightsBps) {
        return "{\"types\":{\"EIP712Domain\":[{\"name\":\"name\",\"type\":\"string\"},"
                + "{\"name\":\"version\",\"type\":\"string\"},{\"name\":\"chainId\",\"type\":\"uint256\"},"
                + "{\"name\":\"verifyingContract\",\"type\":\"address\"}],"
                + "\"Allocation\":[{\"name\":\"vault\",\"type\":\"address\"},{\"name\":\"nonce\",\"type\":\"uint256\"},"
                + "{\"name\":\"validUntil\",\"type\":\"uint256\"},{\"name\":\"weightsBps\",\"type\":\"uint256[]\"}]},"
                + "\"primaryType\":\"Allocation\",\"domain\":{\"name\":\"" + NAME + "\",\"version\":\"" + VERSION
                + "\",\"chainId\":" + chainId + ",\"verifyingContract\":\"" + vault + "\"},"
                + "\"message\":{\"vault\":\"" + vault + "\",\"nonce\":" + nonce + ",\"validUntil\":" + validUntil
                + ",\"weightsBps\":" + weightsBps + "}}";
    }

    private static byte[] keccak(String text) {
        return Hash.sha3(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] uint(BigInteger value) {
        return Numeric.toBytesPadded(value, 32);
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
