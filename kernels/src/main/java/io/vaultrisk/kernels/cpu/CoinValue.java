package io.vaultrisk.kernels.cpu;

import io.vaultrisk.kernels.Estimator;

/**
 * Turns one path's quote-currency estimators into those of the inverse (coin-settled) option: the coin value is the
 * quote value divided by spot, so each greek follows by the quotient rule, path by path (unbiased, honest errors).
 */
final class CoinValue {
    private CoinValue() {}

    static void convert(double[] out, double spot) {
        double inv = 1.0 / spot;
        int p = Estimator.PRICE.ordinal(), d = Estimator.DELTA.ordinal(), g = Estimator.GAMMA.ordinal();
        out[g] = (out[g] - 2.0 * out[d] * inv + 2.0 * out[p] * inv * inv) * inv;
        out[d] = (out[d] - out[p] * inv) * inv;
        out[p] *= inv;
        out[Estimator.VEGA.ordinal()] *= inv;
        out[Estimator.RHO.ordinal()] *= inv;
        out[Estimator.THETA.ordinal()] *= inv;
        out[Estimator.CONTROL.ordinal()] *= inv;
    }
}
