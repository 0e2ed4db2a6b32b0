package io.vaultrisk.protocol;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * EIP-712 typed data of the protective-put path, byte for byte what the contracts compute:
 * <pre>
 * PutSeller.quoteDigest: domain name "Vaultrisk PutSeller", version "1", verifyingContract = the venue;
 *   Quote(address buyer,address asset,uint256 strike,uint256 expiry,uint256 amount,uint256 premium,
 *         uint256 quoteExpiry,uint256 nonce)
 * Vault.protectionDigest: the vault's own domain ({@link AllocationTypedData#domainSeparator});
 *   Protection(address vault,address venue,bytes32 quoteHash,uint256 maxPremium,uint256 nonce,uint256 validUntil)
 * </pre>
 * The quoter signs the quote; the risk signer signs an order whose quoteHash is the quote's digest, so its
 * signature covers every term of the quote. Signatures are 65 bytes r ‖ s ‖ v and recover with
 * {@link AllocationTypedData#recoverSigner}.
 */
public final class ProtectionTypedData {

    public static final String VENUE_DOMAIN_NAME = "Vaultrisk PutSeller";
    public static final String VENUE_DOMAIN_VERSION = "1";
    public static final String QUOTE_TYPE = "Quote(address buyer,address asset,uint256 strike,uint256 expiry,"
            + "uint256 amount,uint256 premium,uint256 quoteExpiry,uint256 nonce)";
    public static final String PROTECTION_TYPE = "Protection(address vault,address venue,bytes32 quoteHash,"
            + "uint256 maxPremium,uint256 nonce,uint256 validUntil)";
    private static final byte[] QUOTE_TYPEHASH = keccak(QUOTE_TYPE);
    private static final byte[] PROTECTION_TYPEHASH = keccak(PROTECTION_TYPE);

    private ProtectionTypedData() {}

    public static byte[] venueDomainSeparator(long chainId, String venue) {
        return Hash.sha3(concat(
                AllocationTypedData.domainTypeHash(),
                keccak(VENUE_DOMAIN_NAME),
                keccak(VENUE_DOMAIN_VERSION),
                word(BigInteger.valueOf(chainId)),
                address(venue)));
    }

    /** The digest the venue's quoter signs and {@code PutSeller.quoteDigest} returns. */
    public static byte[] quoteDigest(long chainId, String venue, PutQuote q) {
        byte[] structHash = Hash.sha3(concat(
                QUOTE_TYPEHASH,
                address(q.buyer()),
                address(q.asset()),
                word(q.strike()),
                word(BigInteger.valueOf(q.expiry())),
                word(q.amount()),
                word(q.premium()),
                word(BigInteger.valueOf(q.quoteExpiry())),
                word(q.nonce())));
        return Hash.sha3(concat(new byte[] {0x19, 0x01}, venueDomainSeparator(chainId, venue), structHash));
    }

    /** The digest the risk signer signs and {@code Vault.protectionDigest} returns. */
    public static byte[] orderDigest(long chainId, ProtectionOrder o) {
        byte[] structHash = Hash.sha3(concat(
                PROTECTION_TYPEHASH,
                address(o.vault()),
                address(o.venue()),
                o.quoteHash(),
                word(o.maxPremium()),
                word(BigInteger.valueOf(o.nonce())),
                word(BigInteger.valueOf(o.validUntil()))));
        return Hash.sha3(
                concat(new byte[] {0x19, 0x01}, AllocationTypedData.domainSeparator(chainId, o.vault()), structHash));
    }

    public static byte[] signQuote(long chainId, String venue, PutQuote q, ECKeyPair quoter) {
        return sign(quoteDigest(chainId, venue, q), quoter);
    }

    public static byte[] signOrder(long chainId, ProtectionOrder o, ECKeyPair riskSigner) {
        return sign(orderDigest(chainId, o), riskSigner);
    }

    private static byte[] sign(byte[] digest, ECKeyPair key) {
        Sign.SignatureData sig = Sign.signMessage(digest, key, false);
        return concat(sig.getR(), sig.getS(), sig.getV());
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
