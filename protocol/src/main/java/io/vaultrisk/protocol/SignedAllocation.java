package io.vaultrisk.protocol;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

/**
 * A published allocation exactly as it travels from the risk service to executors (the body of
 * {@code GET /api/v1/vaults/{address}/allocation/latest}): the {@link Allocation}, its chain, the vault's sleeve
 * names, and the service's EIP-712 digest, signature and signer address. A receiver trusts none of it: it rebuilds the
 * allocation ({@link #allocation()}), recomputes the digest and recovers the signer ({@link #recoverSigner()}).
 * Lists may hold nulls and fields may be missing, because this is also what a receiver parses from the wire.
 *
 * @param strategies the vault's sleeve names in weight order; informational, not signed
 * @param digest 0x-hex of the EIP-712 digest the signer signed
 * @param signature 0x-hex of the 65-byte r ‖ s ‖ v signature
 * @param signer the address the service says signed (checksummed when the service wrote it)
 * @param createdAt when the service published it, ISO-8601 ({@link Instant#toString()}); informational, not signed
 * @param referencePricesX18 the signed reference prices (USD per whole token, times 1e18; empty or missing: none)
 * @param referencePriceSource where the signer took them from ({@code market-feed}, {@code book-spot}, {@code none});
 *     informational, not signed
 * @param inputsHash the signed SHA-256 of the receipt's inputs, 0x-hex ({@link Allocation#NO_INPUTS} or missing: the
 *     allocation has no receipt)
 */
public record SignedAllocation(
        String vault,
        long chainId,
        BigInteger nonce,
        BigInteger validUntil,
        List<String> strategies,
        List<Integer> weightsBps,
        String digest,
        String signature,
        String signer,
        String createdAt,
        List<BigInteger> referencePricesX18,
        String referencePriceSource,
        String inputsHash) {

    public SignedAllocation {
        strategies = strategies == null ? null : Collections.unmodifiableList(new ArrayList<>(strategies));
        weightsBps = weightsBps == null ? null : Collections.unmodifiableList(new ArrayList<>(weightsBps));
        referencePricesX18 =
                referencePricesX18 == null ? null : Collections.unmodifiableList(new ArrayList<>(referencePricesX18));
    }

    /** A signed allocation without receipt inputs (as published before they were signed). */
    public SignedAllocation(
            String vault,
            long chainId,
            BigInteger nonce,
            BigInteger validUntil,
            List<String> strategies,
            List<Integer> weightsBps,
            String digest,
            String signature,
            String signer,
            String createdAt,
            List<BigInteger> referencePricesX18,
            String referencePriceSource) {
        this(
                vault,
                chainId,
                nonce,
                validUntil,
                strategies,
                weightsBps,
                digest,
                signature,
                signer,
                createdAt,
                referencePricesX18,
                referencePriceSource,
                Allocation.NO_INPUTS);
    }

    /** A signed allocation without reference prices (as published before they existed). */
    public SignedAllocation(
            String vault,
            long chainId,
            BigInteger nonce,
            BigInteger validUntil,
            List<String> strategies,
            List<Integer> weightsBps,
            String digest,
            String signature,
            String signer,
            String createdAt) {
        this(
                vault,
                chainId,
                nonce,
                validUntil,
                strategies,
                weightsBps,
                digest,
                signature,
                signer,
                createdAt,
                List.of(),
                "none");
    }

    /** Signs {@code a} on chain {@code chainId} with {@code key}. */
    public static SignedAllocation sign(
            long chainId, Allocation a, List<String> strategies, ECKeyPair key, Instant createdAt) {
        return sign(
                chainId, a, strategies, key, createdAt, a.referencePricesX18().isEmpty() ? "none" : "given");
    }

    /** Signs {@code a}, recording where its reference prices came from ({@code priceSource}, not signed). */
    public static SignedAllocation sign(
            long chainId, Allocation a, List<String> strategies, ECKeyPair key, Instant createdAt, String priceSource) {
        byte[] digest = AllocationTypedData.digest(chainId, a);
        byte[] signature = AllocationTypedData.sign(chainId, a, key);
        return new SignedAllocation(
                a.vault(),
                chainId,
                a.nonce(),
                a.validUntil(),
                strategies,
                a.weightsBps(),
                Numeric.toHexString(digest),
                Numeric.toHexString(signature),
                Keys.toChecksumAddress(Keys.getAddress(key)),
                createdAt.toString(),
                a.referencePricesX18(),
                priceSource,
                a.inputsHash());
    }

    /**
     * The typed-data message, validated (address form, uint256 range, non-negative weights, a 32-byte inputs hash;
     * a missing one is {@link Allocation#NO_INPUTS}, so a hash dropped on the way no longer matches the signature).
     *
     * @throws IllegalArgumentException or NullPointerException naming the field that is malformed or missing
     */
    public Allocation allocation() {
        return new Allocation(
                vault,
                nonce,
                validUntil,
                weightsBps,
                referencePricesX18 == null ? List.of() : referencePricesX18,
                inputsHash == null ? Allocation.NO_INPUTS : inputsHash);
    }

    /**
     * The address (lower-case, 0x-prefixed) whose key signed the allocation as rebuilt here on {@code chainId}: the
     * digest is recomputed, never taken from the {@link #digest} field.
     *
     * @throws IllegalArgumentException when the allocation or the signature is malformed
     */
    public String recoverSigner(long chainId) {
        byte[] expected = AllocationTypedData.digest(chainId, allocation());
        return AllocationTypedData.recoverSigner(
                expected, Numeric.hexStringToByteArray(signature == null ? "" : signature));
    }
}
