package io.vaultrisk.surface;

import io.vaultrisk.basics.BlackScholes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.math3.analysis.solvers.BrentSolver;

/**
 * A fitted implied volatility surface: smiles at listed expiries, total variance interpolated linearly in time at fixed
 * log-moneyness between them (which keeps a calendar-arbitrage-free set of slices free of calendar arbitrage),
 * proportional to T before the first and beyond the last (constant implied volatility along each k), and the log
 * forward interpolated linearly in T (flat outside).
 * <p>
 * Queries used by vaults: volatility at a strike or at a forward delta, and the strike of a given delta on the smile
 * (the delta is computed with the smile's own volatility at that strike, the exchange convention).
 *
 * @param model name of the model that produced the slices ("svi" or "ssvi")
 * @param slices smiles in increasing order of expiry
 */
public record VolSurface(String model, List<SmileSlice> slices) {

    public VolSurface {
        if (slices.isEmpty()) {
            throw new IllegalArgumentException("a surface needs at least one expiry");
        }
        List<SmileSlice> sorted = new ArrayList<>(slices);
        sorted.sort(Comparator.comparingDouble(SmileSlice::timeToExpiry));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).timeToExpiry() == sorted.get(i - 1).timeToExpiry()) {
                throw new IllegalArgumentException(
                        "two slices share the expiry " + sorted.get(i).expiry());
            }
        }
        slices = List.copyOf(sorted);
    }

    public static VolSurface of(String model, List<SmileSlice> slices) {
        return new VolSurface(model, slices);
    }

    /** The slice expiring at the given instant. */
    public SmileSlice slice(Instant expiry) {
        for (SmileSlice s : slices) {
            if (s.expiry().equals(expiry)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no fitted expiry " + expiry + "; expiries are "
                + slices.stream().map(s -> s.expiry().toString()).toList());
    }

    /** Total implied variance at year fraction T and log-moneyness k. */
    public double totalVariance(double t, double k) {
        requireTime(t);
        SmileSlice first = slices.get(0);
        if (t <= first.timeToExpiry()) {
            return first.smile().totalVariance(k) * t / first.timeToExpiry();
        }
        SmileSlice last = slices.get(slices.size() - 1);
        if (t >= last.timeToExpiry()) {
            return last.smile().totalVariance(k) * t / last.timeToExpiry();
        }
        int i = upper(t);
        SmileSlice a = slices.get(i - 1);
        SmileSlice b = slices.get(i);
        double f = (t - a.timeToExpiry()) / (b.timeToExpiry() - a.timeToExpiry());
        return (1.0 - f) * a.smile().totalVariance(k) + f * b.smile().totalVariance(k);
    }

    /** Forward at year fraction T. */
    public double forward(double t) {
        requireTime(t);
        SmileSlice first = slices.get(0);
        SmileSlice last = slices.get(slices.size() - 1);
        if (t <= first.timeToExpiry()) {
            return first.forward();
        }
        if (t >= last.timeToExpiry()) {
            return last.forward();
        }
        int i = upper(t);
        SmileSlice a = slices.get(i - 1);
        SmileSlice b = slices.get(i);
        double f = (t - a.timeToExpiry()) / (b.timeToExpiry() - a.timeToExpiry());
        return Math.exp((1.0 - f) * Math.log(a.forward()) + f * Math.log(b.forward()));
    }

    /** Implied volatility at year fraction T and strike K. */
    public double vol(double t, double strike) {
        if (!(strike > 0.0) || Double.isInfinite(strike)) {
            throw new IllegalArgumentException("strike must be positive, got " + strike);
        }
        return Math.sqrt(Math.max(totalVariance(t, Math.log(strike / forward(t))), 0.0) / t);
    }

    /**
     * The strike whose forward Black delta, at the surface's own volatility for that strike, equals {@code delta}
     * (in (0, 1) for calls, (-1, 0) for puts). Delta is monotone in strike on an arbitrage-free smile; the root is found
     * by Brent's method in log-moneyness.
     */
    public double strikeForDelta(double t, double delta, PutCall putCall) {
        requireTime(t);
        double target = putCall.sign() * delta;
        if (!(target > 0.0 && target < 1.0)) {
            throw new IllegalArgumentException("delta of a " + putCall.name().toLowerCase(java.util.Locale.ROOT)
                    + " must lie in " + (putCall == PutCall.CALL ? "(0, 1)" : "(-1, 0)") + ", got " + delta);
        }
        double f = forward(t);
        double atm = Math.sqrt(Math.max(totalVariance(t, 0.0), 1e-12));
        double lo = -atm;
        double hi = atm;
        for (int i = 0;
                i < 60 && deltaResidual(t, lo, target, putCall) * deltaResidual(t, hi, target, putCall) > 0.0;
                i++) {
            lo -= atm * (i + 1);
            hi += atm * (i + 1);
        }
        double flo = deltaResidual(t, lo, target, putCall);
        double fhi = deltaResidual(t, hi, target, putCall);
        if (flo * fhi > 0.0) {
            throw new IllegalArgumentException("no strike has delta " + delta + " on this smile at T=" + t);
        }
        double k = new BrentSolver(1e-14, 1e-14).solve(500, x -> deltaResidual(t, x, target, putCall), lo, hi);
        return f * Math.exp(k);
    }

    /** Implied volatility at the strike of the given forward delta. */
    public double volAtDelta(double t, double delta, PutCall putCall) {
        return vol(t, strikeForDelta(t, delta, putCall));
    }

    /** Implied volatility at a listed expiry and strike. */
    public double vol(Instant expiry, double strike) {
        return slice(expiry).volAtStrike(strike);
    }

    /** The strike of a forward delta at a listed expiry (see {@link #strikeForDelta(double, double, PutCall)}). */
    public double strikeForDelta(Instant expiry, double delta, PutCall putCall) {
        return strikeForDelta(slice(expiry).timeToExpiry(), delta, putCall);
    }

    /** Implied volatility at the strike of a forward delta at a listed expiry. */
    public double volAtDelta(Instant expiry, double delta, PutCall putCall) {
        return volAtDelta(slice(expiry).timeToExpiry(), delta, putCall);
    }

    /** Smile of one expiry: volatility at each of the given strikes. */
    public double[] smile(Instant expiry, double[] strikes) {
        SmileSlice s = slice(expiry);
        double[] vols = new double[strikes.length];
        for (int i = 0; i < strikes.length; i++) {
            vols[i] = s.volAtStrike(strikes[i]);
        }
        return vols;
    }

    /** The first slice expiring at or after {@code t}, for t strictly between the first and last expiry. */
    private int upper(double t) {
        int i = 1;
        while (slices.get(i).timeToExpiry() < t) {
            i++;
        }
        return i;
    }

    private double deltaResidual(double t, double k, double target, PutCall putCall) {
        double w = Math.max(totalVariance(t, k), 1e-300);
        double sd = Math.sqrt(w);
        return putCall.sign() * BlackScholes.forwardDelta(putCall.optionType(), k, sd) - target;
    }

    private static void requireTime(double t) {
        if (!(t > 0.0) || Double.isInfinite(t)) {
            throw new IllegalArgumentException("time to expiry must be a positive year fraction, got " + t);
        }
    }
}
