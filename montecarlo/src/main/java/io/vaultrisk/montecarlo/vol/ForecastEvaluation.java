package io.vaultrisk.montecarlo.vol;

/**
 * Losses of one-day variance forecasts against the squared return that followed (the only realised variance a
 * close-only history has; a noisy but unbiased proxy, under which both losses still rank forecasts correctly — Patton
 * 2011). QLIKE in the form {@code ln h + r²/h}, which stays finite on a zero return; MSE {@code (r² − h)²}. Days
 * before {@code burnIn} are left out for every model alike.
 */
public record ForecastEvaluation(String model, int observations, double qlike, double mse, double forecastVol) {
    public static ForecastEvaluation of(VarianceForecast model, double[] r, int burnIn) {
        double[] h = model.filter(r);
        double q = 0;
        double m = 0;
        int n = 0;
        for (int t = burnIn; t < r.length; t++) {
            double rv = r[t] * r[t];
            q += Math.log(h[t]) + rv / h[t];
            m += (rv - h[t]) * (rv - h[t]);
            n++;
        }
        if (n == 0) {
            throw new IllegalArgumentException("returns: no day left after a burn-in of " + burnIn);
        }
        return new ForecastEvaluation(model.name(), n, q / n, m / n, VarianceForecast.annualise(h[r.length]));
    }
}
