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
        return of(sorted, sorted.length, alpha);
    }

    /**
     * From the largest losses of a sample of {@code n}, sorted ascending: {@code top[i]} is the sample's
     * (n − top.length + i)-th smallest. {@code top} must reach down to the interval's lower rank ({@link #firstRank}).
     */
    static TailMeasures of(double[] top, int n, double alpha) {
        int off = n - top.length;
        int k = (int) Math.ceil(n * alpha - 1e-9); // 1-based rank of VaR
        k = Math.max(1, Math.min(n, k));
        double half = Z95 * Math.sqrt(n * alpha * (1 - alpha));
        int lo = Math.max(1, (int) Math.floor(n * alpha - half)), hi = Math.min(n, (int) Math.ceil(n * alpha + half));
        if (Math.min(lo, k) - 1 < off) {
            throw new IllegalArgumentException(
                    "the tail holds ranks from " + (off + 1) + ", the measures need " + Math.min(lo, k) + " of " + n);
        }
        double var = top[k - 1 - off];
        int tail = n - k + 1;
        double sum = 0;
        for (int i = k - 1; i < n; i++) {
            sum += top[i - off];
        }
        double es = sum / tail;
        double ss = 0;
        for (int i = k - 1; i < n; i++) {
            ss += (top[i - off] - es) * (top[i - off] - es);
        }
        double tailVar = tail > 1 ? ss / (tail - 1) : 0.0;
        double se = Math.sqrt((tailVar + alpha * (es - var) * (es - var)) / (n * (1 - alpha)));
        return new TailMeasures(alpha, var, top[lo - 1 - off], top[hi - 1 - off], es, se, k, tail);
    }

    /** The 1-based rank of VaR at level {@code alpha} in a sample of {@code n}. */
    static int varRank(int n, double alpha) {
        return Math.max(1, Math.min(n, (int) Math.ceil(n * alpha - 1e-9)));
    }

    /** The lowest 1-based rank of a sample of {@code n} that {@link #of} reads at level {@code alpha}. */
    static int firstRank(int n, double alpha) {
        int k = varRank(n, alpha);
        double half = Z95 * Math.sqrt(n * alpha * (1 - alpha));
        return Math.min(k, Math.max(1, (int) Math.floor(n * alpha - half)));
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
