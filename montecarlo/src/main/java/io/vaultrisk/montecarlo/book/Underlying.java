package io.vaultrisk.montecarlo.book;

/**
 * One risk factor of a book: a coin quoted in the book's quote currency.
 *
 * @param spot  spot price in the quote currency
 * @param vol   lognormal volatility used for simulation and option revaluation (decimal, 0.6 = 60%)
 * @param drift real-world drift of the spot over the risk horizon (decimal per year; 0 is the usual risk convention)
 */
public record Underlying(String name, double spot, double vol, double drift) {
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
        return new Underlying(name, newSpot, vol, drift);
    }

    public Underlying withVol(double newVol) {
        return new Underlying(name, spot, newVol, drift);
    }
}
