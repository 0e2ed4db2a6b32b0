package io.vaultrisk.surface;

/**
 * Undiscounted (forward-measure) Black formula and its forward delta, with the normal tails evaluated so that far
 * out-of-the-money prices keep their relative precision.
 */
public final class BlackFormula {

    private BlackFormula() {
    }

    /** {@code θ [F Φ(θ d₁) - K Φ(θ d₂)]}; the intrinsic value when {@code σ√T = 0}. */
    public static double price(double forward, double strike, double expiry, double vol, PutCall putCall) {
        double intrinsic = Math.max(putCall.sign() * (forward - strike), 0.0);
        double s = vol * Math.sqrt(expiry);
        if (!(s > 0.0)) {
            return intrinsic;
        }
        // intrinsic in price space plus the time value, which equals the out-of-the-money call at -|x|
        return intrinsic + Math.sqrt(forward * strike) * NormalisedBlack.price(-Math.abs(Math.log(forward / strike)), s, 1);
    }

    /** Coin price of an inverse option: the USD Black price divided by the forward (see {@link ImpliedVolatility}). */
    public static double inversePrice(double forward, double strike, double expiry, double vol, PutCall putCall) {
        return price(forward, strike, expiry, vol, putCall) / forward;
    }

    /** Forward delta {@code θ Φ(θ d₁)} of the USD option: what vaults quote when they pick a "25-delta" strike. */
    public static double delta(double forward, double strike, double expiry, double vol, PutCall putCall) {
        double s = vol * Math.sqrt(expiry);
        double d1 = Math.log(forward / strike) / s + 0.5 * s;
        return putCall.sign() * Erfcx.normCdf(putCall.sign() * d1);
    }

    /** Vega {@code F φ(d₁) √T}: price change per unit of volatility. */
    public static double vega(double forward, double strike, double expiry, double vol) {
        double s = vol * Math.sqrt(expiry);
        double d1 = Math.log(forward / strike) / s + 0.5 * s;
        return forward * Erfcx.normPdf(d1) * Math.sqrt(expiry);
    }

    /**
     * The strike whose forward delta is {@code delta} at a fixed volatility: {@code K = F exp(-θ Φ⁻¹(θΔ) s + s²/2)}.
     *
     * @throws IllegalArgumentException when the delta is outside (0, 1) for a call or (-1, 0) for a put
     */
    public static double strikeForDelta(double forward, double expiry, double vol, double delta, PutCall putCall) {
        double p = putCall.sign() * delta;
        if (!(p > 0.0 && p < 1.0)) {
            throw new IllegalArgumentException("delta of a " + putCall.name().toLowerCase(java.util.Locale.ROOT)
                    + " must lie in " + (putCall == PutCall.CALL ? "(0, 1)" : "(-1, 0)") + ", got " + delta);
        }
        double s = vol * Math.sqrt(expiry);
        double d1 = putCall.sign() * Erfcx.normInv(p);
        return forward * Math.exp(-d1 * s + 0.5 * s * s);
    }

    /** Standard normal distribution function (relative precision in both tails). */
    public static double normCdf(double z) {
        return Erfcx.normCdf(z);
    }

    /** Inverse of {@link #normCdf}. */
    public static double normInv(double p) {
        return Erfcx.normInv(p);
    }
}
