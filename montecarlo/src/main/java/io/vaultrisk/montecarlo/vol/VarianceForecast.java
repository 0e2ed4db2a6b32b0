package io.vaultrisk.montecarlo.vol;

/**
 * One-day-ahead variance forecasts of daily log returns: {@code h[t]} is the forecast of {@code r[t]²} made with
 * {@code r[0..t-1]} only (so {@code h[0]} uses no return and {@code h[r.length]} is the forecast for tomorrow).
 */
public interface VarianceForecast {
    /** A model name as reported ({@code "ewma"}, {@code "garch"}, {@code "har"}). */
    String name();

    /** {@code r.length + 1} forecasts; see the interface. */
    double[] filter(double[] r);

    /** Annualised volatility (365-day year) of a daily variance. */
    static double annualise(double dailyVariance) {
        return Math.sqrt(dailyVariance * 365.0);
    }
}
