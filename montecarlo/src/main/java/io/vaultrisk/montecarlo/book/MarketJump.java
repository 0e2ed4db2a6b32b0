package io.vaultrisk.montecarlo.book;

/**
 * A market-wide jump: one Poisson clock with {@code intensity} jumps per year hits every underlying at once; underlying
 * u's log-spot then jumps by a normal N(mean[u], vol[u]²) (0, 0 for one the jump leaves alone). The drift is
 * compensated, so each underlying's expected spot is unchanged.
 *
 * @param mean per underlying in file order, the mean log jump
 * @param vol per underlying, the standard deviation of the log jump
 */
public record MarketJump(double intensity, double[] mean, double[] vol) {
    public static final MarketJump NONE = new MarketJump(0, new double[0], new double[0]);

    public MarketJump {
        if (!(intensity >= 0 && intensity <= 1000)) {
            throw new BookFormatException(
                    null, "market.marketJump.intensity", "must be in [0, 1000] per year, got " + intensity);
        }
        mean = mean.clone();
        vol = vol.clone();
    }

    public boolean isOn() {
        return intensity > 0;
    }

    /** E[e^J] − 1 of underlying u's jump. */
    public double meanRelativeJump(int u) {
        return Math.expm1(mean[u] + 0.5 * vol[u] * vol[u]);
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] vol() {
        return vol.clone();
    }
}
