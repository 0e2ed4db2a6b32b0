package io.vaultrisk.montecarlo.analytic;

import io.vaultrisk.montecarlo.instrument.EuropeanOption;
import io.vaultrisk.montecarlo.instrument.OptionType;
import io.vaultrisk.montecarlo.instrument.Settlement;

/**
 * Black–Scholes closed forms for European options, linear and inverse.
 *
 * <p>Inverse options pay (S_T − K)⁺/S_T coins. Their quote-currency value at expiry is (S_T − K)⁺, so with the coin as
 * numeraire the coin value today is the linear value divided by spot: C_coin = N(d₁) − (K/S)e^(−rT) N(d₂) for a call
 * and (K/S)e^(−rT) N(−d₂) − N(−d₁) for a put. Averaging the coin payoff under the quote-currency measure instead
 * (E[(S−K)⁺/S] e^(−rT)) is the classic numeraire mistake: it misses the S_T/S₀ density change.
 */
public final class BlackScholes {
    private BlackScholes() {
    }

    public static Greeks greeks(EuropeanOption option, double spot, double rate, double vol) {
        Greeks linear = linear(option.type(), spot, option.strike(), option.expiry(), rate, vol);
        return option.settlement() == Settlement.INVERSE ? inverse(linear, spot) : linear;
    }

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
            return new Greeks(spot * nd1 - strike * df * nd2, nd1, gamma, vega, strike * expiry * df * nd2,
                    decay - rate * strike * df * nd2);
        }
        double nd1 = Normal.cdf(-d1), nd2 = Normal.cdf(-d2);
        return new Greeks(strike * df * nd2 - spot * nd1, -nd1, gamma, vega, -strike * expiry * df * nd2,
                decay + rate * strike * df * nd2);
    }

    /** Coin value and greeks of an inverse option from the linear ones (quotient rule on V/S). */
    public static Greeks inverse(Greeks linear, double spot) {
        double v = linear.price(), d = linear.delta(), g = linear.gamma();
        return new Greeks(v / spot, d / spot - v / (spot * spot), g / spot - 2 * d / (spot * spot)
                + 2 * v / (spot * spot * spot), linear.vega() / spot, linear.rho() / spot, linear.theta() / spot);
    }

    /** The inverse option's coin value written out directly (the derived closed form; equals linear/spot). */
    public static double inverseCoinPrice(OptionType type, double spot, double strike, double expiry, double rate,
                                          double vol) {
        double sd = vol * Math.sqrt(expiry);
        double d1 = (Math.log(spot / strike) + (rate + 0.5 * vol * vol) * expiry) / sd;
        double d2 = d1 - sd;
        double k = strike / spot * Math.exp(-rate * expiry);
        return type.isCall() ? Normal.cdf(d1) - k * Normal.cdf(d2) : k * Normal.cdf(-d2) - Normal.cdf(-d1);
    }
}
