package io.vaultrisk.montecarlo.book;

import io.vaultrisk.montecarlo.model.PricingModel;

/**
 * One risk factor of a book: a coin quoted in the book's quote currency.
 *
 * @param spot  spot price in the quote currency
 * @param vol   lognormal volatility used for simulation and option revaluation (decimal, 0.6 = 60%); with a surface,
 *              options are marked on the surface instead, and with a Merton model it is the diffusion vol
 * @param drift real-world drift of the spot over the risk horizon (decimal per year; 0 is the usual risk convention)
 * @param model the spot's model along the paths: null for GBM at {@code vol}, else a
 *              {@link io.vaultrisk.montecarlo.model.MertonModel} or {@link io.vaultrisk.montecarlo.model.HestonModel}
 *              with the parameters {@code price} takes
 * @param surface implied-vol surface options are marked on, or null (flat {@code vol})
 * @param volDynamics how the ATM implied vol moves along the paths, or null (frozen)
 */
public record Underlying(
        String name,
        double spot,
        double vol,
        double drift,
        PricingModel model,
        ImpliedVolSurface surface,
        VolDynamics volDynamics) {
    public Underlying(String name, double spot, double vol, double drift) {
        this(name, spot, vol, drift, null, null, null);
    }

    public Underlying {
        if (name == null || name.isBlank() || name.contains("/")) {
            throw new IllegalArgumentException(
                    "underlying name must be non-blank and contain no '/', got '" + name + "'");
        }
        if (!(spot > 0) || !Double.isFinite(spot)) {
            throw new IllegalArgumentException("underlying " + name + ": spot must be positive, got " + spot);
        }
        if (!(vol > 0) || vol > 10) {
            throw new IllegalArgumentException("underlying " + name + ": vol must be in (0, 10], got " + vol);
        }
        if (!Double.isFinite(drift) || Math.abs(drift) > 10) {
            throw new IllegalArgumentException("underlying " + name + ": drift must be within [-10, 10], got " + drift);
        }
    }

    public static Underlying of(String name, double spot, double vol, double drift) {
        return new Underlying(name, spot, vol, drift);
    }

    public Underlying withSpot(double newSpot) {
        return new Underlying(name, newSpot, vol, drift, model, surface, volDynamics);
    }

    public Underlying withVol(double newVol) {
        return new Underlying(name, spot, newVol, drift, model, surface, volDynamics);
    }

    /** The implied vol an option of strike K with τ years left is marked at, for spot S and vol factor x. */
    public double markVol(double tau, double strike, double spotNow, double rate, double x) {
        if (surface == null) {
            return x == 0.0 ? vol : vol * Math.exp(x);
        }
        double reference = volDynamics != null && volDynamics.stickyStrike() ? spot : spotNow;
        return surface.vol(tau, strike, reference, rate, x);
    }
}
