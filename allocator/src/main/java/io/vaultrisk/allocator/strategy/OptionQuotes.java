package io.vaultrisk.allocator.strategy;

import io.vaultrisk.basics.BlackScholes;
import io.vaultrisk.basics.OptionType;
import io.vaultrisk.basics.YearFraction;
import io.vaultrisk.montecarlo.book.Underlying;
import io.vaultrisk.surface.SmileSlice;
import java.util.List;

/**
 * Where a vault trades options on one underlying: at the mid implied vol of the option's own strike and tenor, selling
 * at the bid and buying at the ask, both a stated half-spread in vol points from the mid (the book's surfaces are
 * fitted mids). With a surface the mid is the surface's vol (the smile and term structure), without one the model
 * vol × (1 + vol risk premium), so a premium is an explicit parameter, never a hidden edge. Where the book declares
 * vol dynamics the paths carry each underlying's log ATM vol factor x, and every quote takes the path's x (the
 * surface's level moved by e^x, or the flat vol × e^x); x = 0 is today's level.
 */
public final class OptionQuotes {
    private static final double DAY = YearFraction.DAY;
    private final Underlying underlying;
    private final double rate;
    private final double flatVol;
    private final double halfSpread;

    private OptionQuotes(Underlying underlying, double rate, double volPremium, double halfSpread) {
        this.underlying = underlying;
        this.rate = rate;
        this.flatVol = underlying.vol() * (1 + volPremium);
        this.halfSpread = halfSpread;
    }

    /**
     * @param volPremium flat implied over model vol minus one; not used when the underlying has a surface
     * @param halfSpread half the option bid–ask spread in vol points (0.01 = one vol point)
     */
    public static OptionQuotes of(Underlying underlying, double rate, double volPremium, double halfSpread) {
        if (!(halfSpread >= 0 && halfSpread < 0.5)) {
            throw new IllegalArgumentException("option half-spread must be in [0, 0.5) vol points, got " + halfSpread);
        }
        return new OptionQuotes(underlying, rate, volPremium, halfSpread);
    }

    public boolean hasSurface() {
        return underlying.surface() != null;
    }

    /**
     * Whether the surface spans a tenor: within one day of its first and last expiries (always true without one).
     * Outside them a surface extrapolates, which is not a market price.
     */
    public boolean covers(int tenorDays) {
        if (!hasSurface()) {
            return true;
        }
        List<SmileSlice> s = underlying.surface().surface().slices();
        double t = tenorDays * DAY;
        return t >= s.get(0).timeToExpiry() - DAY && t <= s.get(s.size() - 1).timeToExpiry() + DAY;
    }

    /** The surface's expiries in days, for errors. */
    public String expiryRange() {
        if (!hasSurface()) {
            return "any";
        }
        List<SmileSlice> s = underlying.surface().surface().slices();
        return String.format(
                java.util.Locale.ROOT,
                "%.1f..%.1f days",
                s.get(0).timeToExpiry() / DAY,
                s.get(s.size() - 1).timeToExpiry() / DAY);
    }

    /** Mid implied vol of strike K with τ years left at spot S. */
    public double midVol(double tau, double strike, double spot) {
        return midVol(tau, strike, spot, 0.0);
    }

    /** The same with the path's log ATM vol factor {@code x} (0: today's level). */
    public double midVol(double tau, double strike, double spot, double x) {
        if (hasSurface()) {
            return underlying.markVol(tau, strike, spot, rate, x);
        }
        return x == 0.0 ? flatVol : flatVol * Math.exp(x);
    }

    /**
     * The strike whose delta at its own mid vol is {@code delta} (signed: calls positive, puts negative): a fixed
     * point K = K(σ(K)), which converges in a few steps on smiles of realistic skew.
     */
    public double strikeForDelta(OptionType type, double spot, double delta, double tau) {
        return strikeForDelta(type, spot, delta, tau, 0.0);
    }

    /** The same at the path's vol factor {@code x}. */
    public double strikeForDelta(OptionType type, double spot, double delta, double tau, double x) {
        double vol = midVol(tau, spot, spot, x);
        double strike = BlackScholes.strikeForDelta(type, spot, delta, tau, rate, vol);
        if (!hasSurface()) {
            return strike;
        }
        for (int i = 0; i < 20; i++) {
            double next = BlackScholes.strikeForDelta(type, spot, delta, tau, rate, midVol(tau, strike, spot, x));
            if (Math.abs(next - strike) < 1e-10 * spot) {
                return next;
            }
            strike = next;
        }
        return strike;
    }

    /** What selling one option brings: Black–Scholes at the mid vol less the half-spread. */
    public double bid(OptionType type, double spot, double strike, double tau) {
        return bid(type, spot, strike, tau, 0.0);
    }

    /** The bid at the path's vol factor {@code x}. */
    public double bid(OptionType type, double spot, double strike, double tau, double x) {
        if (tau <= 0) {
            return Math.max(type.isCall() ? spot - strike : strike - spot, 0.0);
        }
        return BlackScholes.price(
                type, spot, strike, tau, rate, Math.max(midVol(tau, strike, spot, x) - halfSpread, 1e-4));
    }

    /** What buying one option back costs: Black–Scholes at the mid vol plus the half-spread. */
    public double ask(OptionType type, double spot, double strike, double tau) {
        return ask(type, spot, strike, tau, 0.0);
    }

    /** The ask at the path's vol factor {@code x}. */
    public double ask(OptionType type, double spot, double strike, double tau, double x) {
        if (tau <= 0) {
            return Math.max(type.isCall() ? spot - strike : strike - spot, 0.0);
        }
        return BlackScholes.price(type, spot, strike, tau, rate, midVol(tau, strike, spot, x) + halfSpread);
    }

    /** Black–Scholes delta at the mid vol, what the hedge targets. */
    public double delta(OptionType type, double spot, double strike, double tau) {
        return delta(type, spot, strike, tau, 0.0);
    }

    /** The delta at the path's vol factor {@code x}. */
    public double delta(OptionType type, double spot, double strike, double tau, double x) {
        return BlackScholes.linear(type, spot, strike, tau, rate, midVol(tau, strike, spot, x))
                .delta();
    }

    public double rate() {
        return rate;
    }
}
