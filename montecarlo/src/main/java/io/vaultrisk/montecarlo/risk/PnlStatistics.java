package io.vaultrisk.montecarlo.risk;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Summary statistics of a P&amp;L sample. */
final class PnlStatistics {
    static final double[] QUANTILES = {0.001, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 0.999};
    static final int BINS = 60;

    private PnlStatistics() {}

    /** From losses sorted ascending (P&amp;L = −loss, so P&amp;L quantile q is −loss quantile 1 − q). */
    static RiskReport.PnlSummary of(double[] sortedLoss) {
        int n = sortedLoss.length;
        double mean = 0;
        for (double l : sortedLoss) {
            mean -= l;
        }
        mean /= n;
        double m2 = 0, m3 = 0;
        for (double l : sortedLoss) {
            double d = -l - mean;
            m2 += d * d;
            m3 += d * d * d;
        }
        double var = m2 / (n - 1), sd = Math.sqrt(var);
        double skew = m2 > 0 ? (m3 / n) / Math.pow(m2 / n, 1.5) : 0.0;
        Map<String, Double> q = new LinkedHashMap<>();
        for (double p : QUANTILES) {
            q.put(String.format(Locale.ROOT, "%s", p), pnlQuantile(sortedLoss, p));
        }
        double low = pnlQuantile(sortedLoss, 0.0005), high = pnlQuantile(sortedLoss, 0.9995);
        if (!(high > low)) {
            high = low + Math.max(1e-9, Math.abs(low) * 1e-9);
        }
        long[] hist = new long[BINS];
        long below = 0, above = 0;
        double w = (high - low) / BINS;
        for (double l : sortedLoss) {
            double pnl = -l;
            if (pnl < low) {
                below++;
            } else if (pnl > high) {
                above++;
            } else {
                hist[Math.min(BINS - 1, (int) ((pnl - low) / w))]++;
            }
        }
        return new RiskReport.PnlSummary(
                mean, sd, skew, -sortedLoss[n - 1], -sortedLoss[0], q, low, high, hist, below, above);
    }

    static double pnlQuantile(double[] sortedLoss, double p) {
        int n = sortedLoss.length;
        int k = (int) Math.ceil(n * (1 - p) - 1e-9);
        return -sortedLoss[Math.max(0, Math.min(n - 1, k - 1))];
    }
}
