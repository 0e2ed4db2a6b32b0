package io.vaultrisk.executor;

import io.vaultrisk.basics.BlackScholes;
import io.vaultrisk.basics.OptionType;
import io.vaultrisk.basics.YearFraction;
import io.vaultrisk.protocol.ProtectionTypedData;
import io.vaultrisk.protocol.PutQuote;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Objects;
import org.web3j.crypto.ECKeyPair;

/**
 * The demo's and tests' market maker for a {@code PutSeller} venue: prices a European put with Black–Scholes at the
 * vol the caller reads off the surface (no smile beyond that one vol, no jumps, a flat rate), adds a stated spread,
 * and signs the firm quote with the venue's quoter key. A production market maker would price off its own surface
 * with skew, hedge costs and inventory; the vault does not rely on this price, only on the risk signer's
 * {@code maxPremium} and its premium budgets.
 *
 * @param chainId chain of the venue (EIP-712 domain)
 * @param venue the PutSeller's address
 * @param asset the venue's underlying token
 * @param assetDecimals decimals of the underlying token (amounts are in its smallest unit)
 * @param stableDecimals decimals of the settlement stablecoin (strike and premium are in its smallest unit)
 * @param spread premium = Black–Scholes × (1 + spread), e.g. 0.05
 * @param rate continuously compounded rate the price discounts at (0 for a stablecoin settled on chain)
 */
public record PutQuoter(
        long chainId,
        String venue,
        String asset,
        int assetDecimals,
        int stableDecimals,
        double spread,
        double rate,
        ECKeyPair key) {

    public PutQuoter {
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(key, "key");
        if (assetDecimals < 0 || assetDecimals > 36) {
            throw new IllegalArgumentException("assetDecimals: must be in [0, 36], got " + assetDecimals);
        }
        if (stableDecimals < 0 || stableDecimals > 36) {
            throw new IllegalArgumentException("stableDecimals: must be in [0, 36], got " + stableDecimals);
        }
        if (!(spread >= 0 && spread < 1)) {
            throw new IllegalArgumentException("spread: must be in [0, 1), got " + spread);
        }
        if (!Double.isFinite(rate)) {
            throw new IllegalArgumentException("rate: must be finite, got " + rate);
        }
    }

    /** A quote with its quoter signature, ready for {@code Vault.buyProtection}. */
    public record SignedQuote(PutQuote quote, byte[] signature, double modelPricePerUnit) {
        public SignedQuote {
            signature = signature.clone();
        }

        @Override
        public byte[] signature() {
            return signature.clone();
        }
    }

    /**
     * Black–Scholes put value per whole token with the spread on top, in USD (= stablecoin).
     *
     * @param years time to expiry (ACT/365)
     */
    public double pricePerUnit(double spotUsd, double strikeUsd, double years, double vol) {
        if (!(spotUsd > 0) || !(strikeUsd > 0)) {
            throw new IllegalArgumentException("spot and strike: must be > 0, got " + spotUsd + ", " + strikeUsd);
        }
        if (!(years > 0)) {
            throw new IllegalArgumentException("expiry: must be after now, got " + years + " years");
        }
        if (!(vol > 0) || !Double.isFinite(vol)) {
            throw new IllegalArgumentException("vol: must be > 0, got " + vol);
        }
        return BlackScholes.price(OptionType.PUT, spotUsd, strikeUsd, years, rate, vol) * (1 + spread);
    }

    /**
     * Quotes {@code amount} puts (asset token units) struck at {@code strikeUsd} expiring at {@code expiry} (unix
     * seconds) to {@code buyer}, firm until {@code now + validForSeconds}. The premium is rounded up to a whole
     * stablecoin unit (the seller never sells below its price); the strike is rounded to the nearest unit.
     */
    public SignedQuote quote(
            String buyer,
            double spotUsd,
            double strikeUsd,
            double vol,
            long now,
            long expiry,
            BigInteger amount,
            long validForSeconds,
            BigInteger nonce) {
        double perUnit = pricePerUnit(spotUsd, strikeUsd, (expiry - now) / YearFraction.SECONDS_PER_YEAR, vol);
        BigInteger premium = new BigDecimal(perUnit)
                .multiply(new BigDecimal(amount))
                .movePointLeft(assetDecimals)
                .movePointRight(stableDecimals)
                .setScale(0, RoundingMode.CEILING)
                .toBigIntegerExact();
        BigInteger strike = new BigDecimal(strikeUsd)
                .movePointRight(stableDecimals)
                .setScale(0, RoundingMode.HALF_EVEN)
                .toBigIntegerExact();
        PutQuote q = new PutQuote(buyer, asset, strike, expiry, amount, premium, now + validForSeconds, nonce);
        return new SignedQuote(q, ProtectionTypedData.signQuote(chainId, venue, q, key), perUnit);
    }
}
