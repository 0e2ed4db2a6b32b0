package io.vaultrisk.montecarlo.vol;

/**
 * RiskMetrics EWMA: {@code h[t+1] = λ h[t] + (1 − λ) r[t]²}, seeded with the mean of the first
 * {@value #SEED_DAYS} squared returns (or of all of them if fewer), zero mean assumed (daily crypto means are far
 * below their noise).
 */
public record Ewma(double lambda) implements VarianceForecast {
    public static final double DEFAULT_LAMBDA = 0.94;
    public static final int SEED_DAYS = 20;

    public Ewma {
        if (!(lambda > 0 && lambda < 1)) {
            throw new IllegalArgumentException("lambda: must be in (0, 1), got " + lambda);
        }
    }

    @Override
    public String name() {
        return "ewma";
    }

    @Override
    public double[] filter(double[] r) {
        if (r.length == 0) {
            throw new IllegalArgumentException("returns: EWMA needs at least one return");
        }
        double[] h = new double[r.length + 1];
        int seed = Math.min(SEED_DAYS, r.length);
        double s = 0;
        for (int t = 0; t < seed; t++) {
            s += r[t] * r[t];
        }
        h[0] = s / seed;
        for (int t = 0; t < r.length; t++) {
            h[t + 1] = next(h[t], r[t]);
        }
        return h;
    }

    /** One step of the recursion: the variance after return {@code r}, from {@code h} before it (online updates). */
    public double next(double h, double r) {
        return lambda * h + (1 - lambda) * r * r;
    }
}
