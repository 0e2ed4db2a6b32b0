package io.vaultrisk.montecarlo.risk;

/**
 * VaR and expected shortfall of a loss sample, with 95% confidence intervals.
 *
 * <p>VaR_α is the ⌈nα⌉-th smallest loss. Its interval is distribution-free from order statistics: the number of
 * losses below the true quantile is Binomial(n, α), so ranks nα ∓ 1.96·√(nα(1−α)) bracket it with 95% probability.
 * ES_α is the mean of the losses from that rank up. Its interval uses the asymptotic variance of the tail-mean
 * estimator, (Var[L | L ≥ VaR] + α(ES − VaR)²) / (n(1 − α)) (the second term carries the uncertainty of the VaR
 * threshold itself).
 */
public record TailMeasures(
        double confidence,
        double var,
        double varLow,
        double varHigh,
        double es,
        double esStderr,
        int varRank,
        int tailCount) {
    public static final double Z95 = 1.959963984540054;
    /**
     * Fewest tail paths for which an ES interval is given: below it the asymptotic variance of the tail mean is itself
     * too uncertain (a heavy tail's few largest losses dominate it), so the report gives ES without an interval and
     * a warning.
     */
    public static final int MIN_TAIL_FOR_ES_INTERVAL = 100;

    /** From losses sorted ascending. */
    public static TailMeasures of(double[] sorted, double alpha) {
        int n = sorted.length;
        int k = (int) Math.ceil(n * alpha - 1e-9); // 1-based rank of VaR
        k = Math.max(1, Math.min(n, k));
        double half = Z95 * Math.sqrt(n * alpha * (1 - alpha));
        int lo = Math.max(1, (int) Math.floor(n * alpha - half)), hi = Math.min(n, (int) Math.ceil(n * alpha + half));
        double var = sorted[k - 1];
        int tail = n - k + 1;
        double sum = 0;
        for (int i = k - 1; i < n; i++) {
            sum += sorted[i];
        }
        double es = sum / tail;
        double ss = 0;
        for (int i = k - 1; i < n; i++) {
            ss += (sorted[i] - es) * (sorted[i] - es);
        }
        double tailVar = tail > 1 ? ss / (tail - 1) : 0.0;
        double se = Math.sqrt((tailVar + alpha * (es - var) * (es - var)) / (n * (1 - alpha)));
        return new TailMeasures(alpha, var, sorted[lo - 1], sorted[hi - 1], es, se, k, tail);
    }

    /** Whether the tail is large enough for an ES interval ({@link #MIN_TAIL_FOR_ES_INTERVAL}). */
    public boolean hasEsInterval() {
        return tailCount >= MIN_TAIL_FOR_ES_INTERVAL;
    }

    public double esLow() {
        return es - Z95 * esStderr;
    }

    public double esHigh() {
        return es + Z95 * esStderr;
    }
}
