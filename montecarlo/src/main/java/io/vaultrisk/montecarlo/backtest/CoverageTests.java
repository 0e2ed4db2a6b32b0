package io.vaultrisk.montecarlo.backtest;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;

/**
 * Tests of a VaR exception series: Kupiec's proportion of failures (unconditional coverage, χ²(1)), Christoffersen's
 * independence test (a first-order Markov chain of exceptions against an independent one, χ²(1)) and the Basel
 * traffic light scaled to the number of observations.
 */
public final class CoverageTests {
    private CoverageTests() {}

    /** A likelihood-ratio statistic and its χ² p-value. */
    public record Statistic(double statistic, double pValue) {}

    /**
     * Kupiec (1995): LR = −2 ln[(1−p)^(n−x) p^x] + 2 ln[(1−x/n)^(n−x) (x/n)^x], p the expected exception rate
     * (1 − confidence).
     */
    public static Statistic kupiec(int n, int exceptions, double p) {
        if (n <= 0 || exceptions < 0 || exceptions > n) {
            throw new IllegalArgumentException("observations: need 0 <= exceptions <= n, n > 0");
        }
        double phat = (double) exceptions / n;
        double lr = -2 * (xlogy(n - exceptions, 1 - p) + xlogy(exceptions, p))
                + 2 * (xlogy(n - exceptions, 1 - phat) + xlogy(exceptions, phat));
        lr = Math.max(0, lr);
        return new Statistic(lr, pValue(lr, 1));
    }

    /**
     * Christoffersen (1998) independence: with n_ij the count of days in state j after a day in state i (1 = an
     * exception), LR = −2 ln[(1−π)^(n00+n10) π^(n01+n11)] + 2 ln[(1−π01)^n00 π01^n01 (1−π11)^n10 π11^n11].
     */
    public static Statistic christoffersen(boolean[] exceptions) {
        long n00 = 0, n01 = 0, n10 = 0, n11 = 0;
        for (int t = 1; t < exceptions.length; t++) {
            boolean a = exceptions[t - 1], b = exceptions[t];
            if (!a && !b) n00++;
            else if (!a) n01++;
            else if (!b) n10++;
            else n11++;
        }
        double pi01 = n00 + n01 == 0 ? 0 : (double) n01 / (n00 + n01);
        double pi11 = n10 + n11 == 0 ? 0 : (double) n11 / (n10 + n11);
        double pi = n00 + n01 + n10 + n11 == 0 ? 0 : (double) (n01 + n11) / (n00 + n01 + n10 + n11);
        double lr = -2 * (xlogy(n00 + n10, 1 - pi) + xlogy(n01 + n11, pi))
                + 2 * (xlogy(n00, 1 - pi01) + xlogy(n01, pi01) + xlogy(n10, 1 - pi11) + xlogy(n11, pi11));
        lr = Math.max(0, lr);
        return new Statistic(lr, pValue(lr, 1));
    }

    /**
     * The Basel zone of an exception count, scaled to {@code n} observations at the expected rate {@code p}: green
     * while the binomial probability of at most that many exceptions is below 95%, red from 99.99% up, yellow between
     * (for n = 250, p = 1%: green 0–4, yellow 5–9, red 10 or more, the Basel table).
     */
    public static String trafficLight(int n, int exceptions, double p) {
        double cumulative = new BinomialDistribution(null, n, p).cumulativeProbability(exceptions);
        return cumulative < 0.95 ? "green" : cumulative < 0.9999 ? "yellow" : "red";
    }

    private static double pValue(double lr, int df) {
        return 1 - new ChiSquaredDistribution(null, df).cumulativeProbability(lr);
    }

    /** x·ln(y) with 0·ln(0) = 0 (the limit the likelihoods need at a zero count). */
    private static double xlogy(double x, double y) {
        return x == 0 ? 0 : x * Math.log(y);
    }
}
