package io.vaultrisk.protocol;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A firm offer from an options venue ({@code PutSeller.sol}) to sell cash-settled European puts, signed by the venue's
 * quoter key ({@link ProtectionTypedData#quoteDigest}).
 *
 * @param buyer the only account that may take the quote (the vault); the zero address lets anyone take it
 * @param asset the underlying token (the venue accepts only its own)
 * @param strike stablecoin units per whole asset token
 * @param expiry unix second from which the put settles
 * @param amount asset token units (smallest unit)
 * @param premium stablecoin units the buyer pays
 * @param quoteExpiry last unix second (block timestamp) at which the quote can be taken
 * @param nonce the venue's quote nonce, usable once
 */
public record PutQuote(
        String buyer,
        String asset,
        BigInteger strike,
        long expiry,
        BigInteger amount,
        BigInteger premium,
        long quoteExpiry,
        BigInteger nonce) {

    public PutQuote {
        Objects.requireNonNull(buyer, "buyer");
        Objects.requireNonNull(asset, "asset");
        if (!Allocation.isAddress(buyer)) {
            throw new IllegalArgumentException("buyer: not a 0x-prefixed 20-byte address: " + buyer);
        }
        if (!Allocation.isAddress(asset)) {
            throw new IllegalArgumentException("asset: not a 0x-prefixed 20-byte address: " + asset);
        }
        uint("strike", strike);
        uint("amount", amount);
        uint("premium", premium);
        uint("nonce", nonce);
        if (expiry < 0) {
            throw new IllegalArgumentException("expiry: must be >= 0, got " + expiry);
        }
        if (quoteExpiry < 0) {
            throw new IllegalArgumentException("quoteExpiry: must be >= 0, got " + quoteExpiry);
        }
    }

    private static void uint(String field, BigInteger v) {
        Objects.requireNonNull(v, field);
        if (!Allocation.isUint256(v)) {
            throw new IllegalArgumentException(field + ": must be a uint256, got " + v);
        }
    }
}
