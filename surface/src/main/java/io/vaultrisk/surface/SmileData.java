package io.vaultrisk.surface;

import java.util.Arrays;

/**
 * Market total variances of one expiry, the input of the smile fitters: log-moneyness {@code k = ln(K/F)}, total
 * implied variance {@code w = σ²T} and the weight of each squared residual in total variance (for a fit within the
 * bid–ask, the inverse square of the half spread expressed in total variance).
 *
 * @param expiry year fraction T &gt; 0
 * @param logMoneyness k for each quote
 * @param totalVariance w for each quote, positive
 * @param weight non-negative weight for each quote, not all zero
 */
public record SmileData(double expiry, double[] logMoneyness, double[] totalVariance, double[] weight) {

    public SmileData {
        if (!(expiry > 0.0) || Double.isInfinite(expiry)) {
            throw new IllegalArgumentException("smile expiry must be a positive year fraction, got " + expiry);
        }
        int n = logMoneyness.length;
        if (totalVariance.length != n || weight.length != n) {
            throw new IllegalArgumentException("smile arrays must have equal lengths, got " + n + ", "
                    + totalVariance.length + ", " + weight.length);
        }
        double total = 0.0;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(logMoneyness[i])
                    || !(totalVariance[i] > 0.0)
                    || !(weight[i] >= 0.0)
                    || Double.isInfinite(totalVariance[i])
                    || Double.isInfinite(weight[i])) {
                throw new IllegalArgumentException("smile point " + i + " is invalid: k=" + logMoneyness[i] + " w="
                        + totalVariance[i] + " weight=" + weight[i]);
            }
            total += weight[i];
        }
        if (!(total > 0.0)) {
            throw new IllegalArgumentException("smile needs at least one point with positive weight");
        }
        logMoneyness = logMoneyness.clone();
        totalVariance = totalVariance.clone();
        weight = weight.clone();
    }

    public static SmileData of(double expiry, double[] logMoneyness, double[] totalVariance, double[] weight) {
        return new SmileData(expiry, logMoneyness, totalVariance, weight);
    }

    /** Equal weights. */
    public static SmileData unweighted(double expiry, double[] logMoneyness, double[] totalVariance) {
        double[] w = new double[logMoneyness.length];
        Arrays.fill(w, 1.0);
        return new SmileData(expiry, logMoneyness, totalVariance, w);
    }

    public int size() {
        return logMoneyness.length;
    }

    /** At-the-money total variance by linear interpolation in k between the two nearest quotes (flat outside). */
    public double atmTotalVariance() {
        int below = -1;
        int above = -1;
        for (int i = 0; i < size(); i++) {
            double k = logMoneyness[i];
            if (k <= 0.0 && (below < 0 || k > logMoneyness[below])) {
                below = i;
            }
            if (k >= 0.0 && (above < 0 || k < logMoneyness[above])) {
                above = i;
            }
        }
        if (below < 0) {
            return totalVariance[above];
        }
        if (above < 0 || logMoneyness[above] == logMoneyness[below]) {
            return totalVariance[below];
        }
        double f = -logMoneyness[below] / (logMoneyness[above] - logMoneyness[below]);
        return totalVariance[below] + f * (totalVariance[above] - totalVariance[below]);
    }

    /** Weighted sum of squared total-variance residuals of a smile. */
    double sse(java.util.function.DoubleUnaryOperator model) {
        double s = 0.0;
        for (int i = 0; i < size(); i++) {
            double r = model.applyAsDouble(logMoneyness[i]) - totalVariance[i];
            s += weight[i] * r * r;
        }
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SmileData d
                && d.expiry == expiry
                && Arrays.equals(d.logMoneyness, logMoneyness)
                && Arrays.equals(d.totalVariance, totalVariance)
                && Arrays.equals(d.weight, weight);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(expiry) + 31 * Arrays.hashCode(logMoneyness) + 961 * Arrays.hashCode(totalVariance);
    }

    @Override
    public String toString() {
        return "SmileData[T=" + expiry + ", n=" + size() + "]";
    }
}
