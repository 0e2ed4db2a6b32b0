package io.vaultrisk.protocol;

import java.math.BigInteger;
import java.util.Objects;

/**
 * The risk signer's authorisation for the vault to buy one put quote ({@code Vault.buyProtection}): the keeper that
 * submits it cannot pick another quote, pay more, or buy twice.
 *
 * @param vault the vault (the EIP-712 verifying contract)
 * @param venue the options venue the quote is from (must be the vault's registered venue)
 * @param quoteHash the venue's EIP-712 digest of the quote ({@link ProtectionTypedData#quoteDigest}), 32 bytes
 * @param maxPremium the most stablecoin units the purchase may cost
 * @param nonce strictly above the vault's last used protection nonce (a sequence of its own, not the allocations')
 * @param validUntil last unix second (block timestamp) at which the vault accepts it
 */
public record ProtectionOrder(
        String vault, String venue, byte[] quoteHash, BigInteger maxPremium, long nonce, long validUntil) {

    public ProtectionOrder {
        Objects.requireNonNull(vault, "vault");
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(quoteHash, "quoteHash");
        Objects.requireNonNull(maxPremium, "maxPremium");
        if (!Allocation.isAddress(vault)) {
            throw new IllegalArgumentException("vault: not a 0x-prefixed 20-byte address: " + vault);
        }
        if (!Allocation.isAddress(venue)) {
            throw new IllegalArgumentException("venue: not a 0x-prefixed 20-byte address: " + venue);
        }
        if (quoteHash.length != 32) {
            throw new IllegalArgumentException("quoteHash: expected 32 bytes, got " + quoteHash.length);
        }
        if (!Allocation.isUint256(maxPremium)) {
            throw new IllegalArgumentException("maxPremium: must be a uint256, got " + maxPremium);
        }
        if (nonce < 0) {
            throw new IllegalArgumentException("nonce: must be >= 0, got " + nonce);
        }
        if (validUntil < 0) {
            throw new IllegalArgumentException("validUntil: must be >= 0, got " + validUntil);
        }
        quoteHash = quoteHash.clone();
    }

    @Override
    public byte[] quoteHash() {
        return quoteHash.clone();
    }
}
