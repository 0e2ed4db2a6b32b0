package io.vaultrisk.kernels.device;

import io.vaultrisk.kernels.Estimator;
import io.vaultrisk.kernels.EstimatorSums;

/**
 * Adds the per-work-group partial sums a device returns, in group order (so a seed gives the same bits every run),
 * into the totals of one estimate.
 */
public final class GroupSums {
    private final double[] sum = new double[Estimator.COUNT];
    private final double[] sumSquares = new double[Estimator.COUNT];
    private double sumPriceTimesControl;

    /** Adds groups [0, groups) of {@code out}, laid out {@link EuropeanKernelParameters#OUT_STRIDE} apart. */
    public void add(double[] out, int groups) {
        int n = Estimator.COUNT;
        for (int g = 0; g < groups; g++) {
            int at = g * EuropeanKernelParameters.OUT_STRIDE;
            for (int i = 0; i < n; i++) {
                sum[i] += out[at + i];
                sumSquares[i] += out[at + n + i];
            }
            sumPriceTimesControl += out[at + 2 * n];
        }
    }

    public EstimatorSums toSums(long count) {
        return EstimatorSums.of(count, sum, sumSquares, sumPriceTimesControl);
    }
}
