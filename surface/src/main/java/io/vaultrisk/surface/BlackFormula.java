package io.vaultrisk.surface;

/**
 * Undiscounted (forward-measure) Black price through the normalised Black function the implied-vol solver inverts, so
 * that far out-of-the-money prices keep their relative precision and round-trip through {@link ImpliedVolatility} to
 * machine precision. Greeks and the strike for a delta at a fixed vol are {@link io.vaultrisk.basics.BlackScholes}'s
 * (with {@code spot = forward}, {@code rate = 0}).
 */
public final class BlackFormula {

    private BlackFormula() {}

    /** {@code θ [F Φ(θ d₁) - K Φ(θ d₂)]}; the intrinsic value when {@code σ√T = 0}. */
    public static double price(double forward, double strike, double expiry, double vol, PutCall putCall) {
        double intrinsic = Math.max(putCall.sign() * (forward - strike), 0.0);
        double s = vol * Math.sqrt(expiry);
        if (!(s > 0.0)) {
            return intrinsic;
        }
        // intrinsic in price space plus the time value, which equals the out-of-the-money call at -|x|
        return intrinsic
                + Math.sqrt(forward * strike) * NormalisedBlack.price(-Math.abs(Math.log(forward / strike)), s, 1);
    }

    /** Coin price of an inverse option: the USD Black price divided by the forward (see {@link ImpliedVolatility}). */
    public static double inversePrice(double forward, double strike, double expiry, double vol, PutCall putCall) {
        return price(forward, strike, expiry, vol, putCall) / forward;
    }
}
