package io.vaultrisk.montecarlo.risk;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

/**
 * Summary statistics of a P&amp;L sample, from parts a run split by path index adds up so that the split does not
 * change a bit: the mean from the exact sum (correctly rounded), the centred moments' sums per 4,096-path block added
 * in block order, order statistics selected exactly, and histogram counts.
 */
final class PnlStatistics {
    static final double[] QUANTILES = {0.001, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 0.999};
    static final int BINS = 60;
    /** The histogram spans the P&amp;L quantiles at these levels. */
    static final double LOW = 0.0005, HIGH = 0.9995;

    private PnlStatistics() {}

    /** The partials of Σ P&amp;L over losses [from, to), summed exactly ({@link ExactSum}). */
    static double[] pnlSum(double[] loss, int from, int to) {
        ExactSum s = new ExactSum();
        for (int k = from; k < to; k++) {
            s.add(-loss[k]);
        }
        return s.partials();
    }

    /** Σ d² and Σ d³ of d = P&amp;L − mean over losses [from, to) of a block, in path order. */
    static double[] centered(double[] loss, int from, int to, double mean) {
        double m2 = 0, m3 = 0;
        for (int k = from; k < to; k++) {
            double d = -loss[k] - mean;
            m2 += d * d;
            m3 += d * d * d;
        }
        return new double[] {m2, m3};
    }

    /** The 0-based rank of the loss that is the P&amp;L quantile at {@code p}, in a sample of {@code n}. */
    static int rank(int n, double p) {
        int k = (int) Math.ceil(n * (1 - p) - 1e-9);
        return Math.max(0, Math.min(n - 1, k - 1));
    }

    /** The histogram's span {low, high} from the P&amp;L quantiles at {@link #LOW} and {@link #HIGH}. */
    static double[] span(double low, double high) {
        if (!(high > low)) {
            high = low + Math.max(1e-9, Math.abs(low) * 1e-9);
        }
        return new double[] {low, high};
    }

    /** Adds losses [from, to) to the histogram {@code hist} over {@code span}; returns {below, above} counts. */
    static long[] histogram(double[] loss, int from, int to, double[] span, long[] hist) {
        double low = span[0], high = span[1];
        long below = 0, above = 0;
        double w = (high - low) / BINS;
        for (int k = from; k < to; k++) {
            double pnl = -loss[k];
            if (pnl < low) {
                below++;
            } else if (pnl > high) {
                above++;
            } else {
                hist[Math.min(BINS - 1, (int) ((pnl - low) / w))]++;
            }
        }
        return new long[] {below, above};
    }

    /**
     * The summary of {@code n} P&amp;Ls from their sum (exact, rounded once), centred second and third moment sums, the sorted losses'
     * order statistics ({@code sortedLoss}: 0-based rank to loss) and the histogram over {@code span}.
     */
    static RiskReport.PnlSummary of(
            int n,
            double pnlSum,
            double m2,
            double m3,
            IntToDoubleFunction sortedLoss,
            double[] span,
            long[] hist,
            long below,
            long above) {
        double mean = pnlSum / n;
        double var = m2 / (n - 1), sd = Math.sqrt(var);
        double skew = m2 > 0 ? (m3 / n) / Math.pow(m2 / n, 1.5) : 0.0;
        Map<String, Double> q = new LinkedHashMap<>();
        for (double p : QUANTILES) {
            q.put(String.format(Locale.ROOT, "%s", p), -sortedLoss.applyAsDouble(rank(n, p)));
        }
        return new RiskReport.PnlSummary(
                mean,
                sd,
                skew,
                -sortedLoss.applyAsDouble(n - 1),
                -sortedLoss.applyAsDouble(0),
                q,
                span[0],
                span[1],
                hist,
                below,
                above);
    }
}
