package io.vaultrisk.montecarlo.vol;

import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

/**
 * HAR (Corsi 2009) on daily squared returns: {@code h[t+1] = b0 + b1 RV_d + b2 RV_w + b3 RV_m}, the mean squared
 * return over the last 1, 5 and 22 days, coefficients by least squares over the whole series (in-sample). With
 * closes only the daily "realised variance" is the squared return itself; a forecast is floored at a tenth of the
 * sample variance, since least squares can go negative in calm stretches after a crash.
 */
public final class Har implements VarianceForecast {
    public static final int WEEK = 5;
    public static final int MONTH = 22;

    private double[] beta;

    @Override
    public String name() {
        return "har";
    }

    /** The fitted coefficients (b0, b1, b2, b3) of the last {@link #filter} call. */
    public double[] coefficients() {
        return beta.clone();
    }

    @Override
    public double[] filter(double[] r) {
        int n = r.length;
        if (n < MONTH + 10) {
            throw new IllegalArgumentException("returns: HAR needs at least " + (MONTH + 10) + " returns, got " + n);
        }
        double[] sq = new double[n];
        double mean = 0;
        for (int t = 0; t < n; t++) {
            sq[t] = r[t] * r[t];
            mean += sq[t] / n;
        }
        int rows = n - MONTH;
        double[] y = new double[rows];
        double[][] x = new double[rows][];
        for (int t = MONTH - 1; t < n - 1; t++) {
            x[t - MONTH + 1] = regressors(sq, t);
            y[t - MONTH + 1] = sq[t + 1];
        }
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        ols.newSampleData(y, x);
        beta = ols.estimateRegressionParameters();
        double floor = 0.1 * mean;
        double[] h = new double[n + 1];
        for (int t = 0; t <= n; t++) {
            if (t < MONTH) {
                h[t] = mean;
            } else {
                double[] z = regressors(sq, t - 1);
                h[t] = Math.max(floor, beta[0] + beta[1] * z[0] + beta[2] * z[1] + beta[3] * z[2]);
            }
        }
        return h;
    }

    private static double[] regressors(double[] sq, int t) {
        return new double[] {sq[t], mean(sq, t, WEEK), mean(sq, t, MONTH)};
    }

    private static double mean(double[] sq, int t, int window) {
        double s = 0;
        for (int i = t - window + 1; i <= t; i++) {
            s += sq[i];
        }
        return s / window;
    }
}
