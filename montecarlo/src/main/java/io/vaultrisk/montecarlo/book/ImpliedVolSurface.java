package io.vaultrisk.montecarlo.book;

import io.vaultrisk.surface.SmileSlice;
import io.vaultrisk.surface.SsviParameters;
import io.vaultrisk.surface.VolSurface;
import java.util.List;

/**
 * An underlying's implied-vol surface as a book marks options on it: total variance w(τ, k) by time to expiry τ
 * (from the valuation date, so the surface floats with time) and log-moneyness k = ln(K / (S·e^(rτ))) against the
 * book's own forward. The ATM level moves with a vol factor x (the log of the ATM vol relative to today) the way the
 * surface's parametrisation moves: SSVI's ATM total variance θ_τ becomes θ_τ·e^(2x) and its skew and curvature
 * follow φ(θ); a raw SVI surface (no global parametrisation) scales its whole smile, w·e^(2x). At x = 0 both give
 * exactly the fitted surface.
 *
 * @param ssvi SSVI's global parameters, or null for a raw SVI surface
 * @param source where the surface came from, for reports ("chain FILE (ssvi)", "inline ssvi", …)
 */
public record ImpliedVolSurface(VolSurface surface, SsviParameters ssvi, String source) {
    public ImpliedVolSurface {
        if (surface == null) {
            throw new IllegalArgumentException("surface is required");
        }
    }

    public static ImpliedVolSurface of(VolSurface surface, SsviParameters ssvi, String source) {
        return new ImpliedVolSurface(surface, ssvi, source);
    }

    /** Total implied variance at τ years and log-moneyness k, with the ATM vol moved by e^x. */
    public double totalVariance(double tau, double k, double x) {
        if (ssvi == null) {
            double w = surface.totalVariance(tau, k);
            return x == 0.0 ? w : w * Math.exp(2 * x);
        }
        double theta = atmTotalVariance(tau);
        return ssvi.totalVariance(k, x == 0.0 ? theta : theta * Math.exp(2 * x));
    }

    /** Implied vol of strike K with τ years left when the spot is {@code spot}, the rate r and the vol factor x. */
    public double vol(double tau, double strike, double spot, double rate, double x) {
        double k = Math.log(strike / spot) - rate * tau;
        return Math.sqrt(Math.max(totalVariance(tau, k, x), 1e-16) / tau);
    }

    /** One smile of the surface: w(k) at a fixed τ and vol factor x, with its slope dw/dk. */
    public interface Smile {
        double totalVariance(double k);

        double slope(double k);
    }

    /**
     * The smile at τ years and vol factor x, with what depends only on them worked out once (SSVI's θ and φ(θ)),
     * so a table over many strikes or spots costs a square root per point.
     */
    public Smile smile(double tau, double x) {
        if (ssvi == null) {
            double scale = x == 0.0 ? 1.0 : Math.exp(2 * x);
            return new Smile() {
                @Override
                public double totalVariance(double k) {
                    return scale * surface.totalVariance(tau, k);
                }

                @Override
                public double slope(double k) {
                    double h = 1e-5;
                    return scale * (surface.totalVariance(tau, k + h) - surface.totalVariance(tau, k - h)) / (2 * h);
                }
            };
        }
        double theta0 = atmTotalVariance(tau), theta = x == 0.0 ? theta0 : theta0 * Math.exp(2 * x);
        double phi = ssvi.phi(theta), rho = ssvi.rho();
        return new Smile() {
            @Override
            public double totalVariance(double k) {
                double u = phi * k + rho;
                return 0.5 * theta * (1.0 + rho * phi * k + Math.sqrt(u * u + 1.0 - rho * rho));
            }

            @Override
            public double slope(double k) {
                double u = phi * k + rho;
                return 0.5 * theta * phi * (rho + u / Math.sqrt(u * u + 1.0 - rho * rho));
            }
        };
    }

    /** ATM vol (k = 0) at τ years. */
    public double atmVol(double tau) {
        return Math.sqrt(totalVariance(tau, 0.0, 0.0) / tau);
    }

    /** SSVI's θ at τ: linear in T between the fitted slices, proportional to T outside them (constant ATM vol). */
    private double atmTotalVariance(double tau) {
        List<SmileSlice> s = surface.slices();
        SmileSlice first = s.get(0), last = s.get(s.size() - 1);
        if (tau <= first.timeToExpiry()) {
            return first.smile().totalVariance(0.0) * tau / first.timeToExpiry();
        }
        if (tau >= last.timeToExpiry()) {
            return last.smile().totalVariance(0.0) * tau / last.timeToExpiry();
        }
        int i = 1;
        while (s.get(i).timeToExpiry() < tau) {
            i++;
        }
        SmileSlice a = s.get(i - 1), b = s.get(i);
        double f = (tau - a.timeToExpiry()) / (b.timeToExpiry() - a.timeToExpiry());
        return (1 - f) * a.smile().totalVariance(0.0) + f * b.smile().totalVariance(0.0);
    }
}
