package io.vaultrisk.basics;

/**
 * Black–Scholes closed forms for European options, linear and inverse, with greeks and the strike for a delta.
 * Black-76 (undiscounted, on the forward) is the case {@code spot = forward}, {@code rate = 0}.
 *
 * <p>Inverse options pay (S_T − K)⁺/S_T coins. Their quote-currency value at expiry is (S_T − K)⁺, so with the coin as
 * numeraire the coin value today is the linear value divided by spot: C_coin = N(d₁) − (K/S)e^(−rT) N(d₂) for a call
 * and (K/S)e^(−rT) N(−d₂) − N(−d₁) for a put. Averaging the coin payoff under the quote-currency measure instead
 * (E[(S−K)⁺/S] e^(−rT)) is the classic numeraire mistake: it misses the S_T/S₀ density change.
 *
 * <p>Prices of far out-of-the-money options to full relative precision (what implied-vol inversion needs) come from
 * surface's normalised Black function instead; these forms are accurate in absolute terms.
 */
public final class BlackScholes {
    private BlackScholes() {}

    public static double price(OptionType type, double spot, double strike, double expiry, double rate, double vol) {
        return linear(type, spot, strike, expiry, rate, vol).price();
    }

    public static Greeks linear(OptionType type, double spot, double strike, double expiry, double rate, double vol) {
        double sqrtT = Math.sqrt(expiry);
        double sd = vol * sqrtT;
        double d1 = (Math.log(spot / strike) + (rate + 0.5 * vol * vol) * expiry) / sd;
        double d2 = d1 - sd;
        double df = Math.exp(-rate * expiry);
        double pdf = Normal.pdf(d1);
        double gamma = pdf / (spot * sd);
        double vega = spot * pdf * sqrtT;
        double decay = -spot * pdf * vol / (2 * sqrtT);
        if (type.isCall()) {
            double nd1 = Normal.cdf(d1), nd2 = Normal.cdf(d2);
            return new Greeks(
                    spot * nd1 - strike * df * nd2,
                    nd1,
                    gamma,
                    vega,
                    strike * expiry * df * nd2,
                    decay - rate * strike * df * nd2);
        }
        double nd1 = Normal.cdf(-d1), nd2 = Normal.cdf(-d2);
        return new Greeks(
                strike * df * nd2 - spot * nd1,
                -nd1,
                gamma,
                vega,
                -strike * expiry * df * nd2,
                decay + rate * strike * df * nd2);
    }

    /** Coin value and greeks of an inverse option from the linear ones (quotient rule on V/S). */
    public static Greeks inverse(Greeks linear, double spot) {
        double v = linear.price(), d = linear.delta(), g = linear.gamma();
        return new Greeks(
                v / spot,
                d / spot - v / (spot * spot),
                g / spot - 2 * d / (spot * spot) + 2 * v / (spot * spot * spot),
                linear.vega() / spot,
                linear.rho() / spot,
                linear.theta() / spot);
    }

    /** The inverse option's coin value written out directly (the derived closed form; equals linear/spot). */
    public static double inverseCoinPrice(
            OptionType type, double spot, double strike, double expiry, double rate, double vol) {
        double sd = vol * Math.sqrt(expiry);
        double d1 = (Math.log(spot / strike) + (rate + 0.5 * vol * vol) * expiry) / sd;
        double d2 = d1 - sd;
        double k = strike / spot * Math.exp(-rate * expiry);
        return type.isCall() ? Normal.cdf(d1) - k * Normal.cdf(d2) : k * Normal.cdf(-d2) - Normal.cdf(-d1);
    }

    /**
     * Writes [value, delta] of one linear option into {@code out}, with {@link Normal#fastCdf}: a grid node's value
     * needs absolute accuracy (about 1e-15), and the tail continued fraction of {@link Normal#cdf} dominated building
     * the horizon grids of a 1,000-option book.
     */
    public static void valueAndDelta(
            OptionType type, double spot, double strike, double expiry, double rate, double vol, double[] out) {
        double sd = vol * Math.sqrt(expiry);
        double d1 = (Math.log(spot / strike) + (rate + 0.5 * vol * vol) * expiry) / sd, d2 = d1 - sd;
        double df = Math.exp(-rate * expiry);
        if (type.isCall()) {
            double n1 = Normal.fastCdf(d1);
            out[0] = spot * n1 - strike * df * Normal.fastCdf(d2);
            out[1] = n1;
        } else {
            double n1 = Normal.fastCdf(-d1);
            out[0] = strike * df * Normal.fastCdf(-d2) - spot * n1;
            out[1] = -n1;
        }
    }

    /**
     * Forward (Black-76) delta {@code θ Φ(θ d₁)}, {@code d₁ = -k/s + s/2}, from the log-moneyness {@code k = ln(K/F)}
     * and the total standard deviation {@code s = σ√T}: what vaults quote when they pick a "25-delta" strike.
     */
    public static double forwardDelta(OptionType type, double logMoneyness, double stdDev) {
        double d1 = -logMoneyness / stdDev + 0.5 * stdDev;
        return type.sign() * Normal.cdf(type.sign() * d1);
    }

    /**
     * The strike whose Black–Scholes delta at a fixed volatility is {@code delta} (in (0, 1) for calls, (-1, 0) for
     * puts, the sign of the greek itself): {@code K = S exp((r + σ²/2)T − θ Φ⁻¹(θΔ) σ√T)}. With {@code spot = forward}
     * and {@code rate = 0} it is the strike of a forward delta.
     *
     * @throws IllegalArgumentException when the delta is outside (0, 1) for a call or (-1, 0) for a put
     */
    public static double strikeForDelta(
            OptionType type, double spot, double delta, double expiry, double rate, double vol) {
        double p = type.sign() * delta;
        if (!(p > 0.0 && p < 1.0)) {
            throw new IllegalArgumentException("delta of a " + type.name().toLowerCase(java.util.Locale.ROOT)
                    + " must lie in " + (type.isCall() ? "(0, 1)" : "(-1, 0)") + ", got " + delta);
        }
        double d1 = type.isCall() ? Normal.quantile(p) : -Normal.quantile(p);
        double sd = vol * Math.sqrt(expiry);
        return spot * Math.exp((rate + 0.5 * vol * vol) * expiry - d1 * sd);
    }
}
