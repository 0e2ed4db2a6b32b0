package io.vaultrisk.kernels;

/**
 * Sums over independent samples of the per-path estimators: Σx and Σx² per {@link Estimator}, and Σ x·control
 * for the price (what the control-variate coefficient needs). Backends return these, never path arrays; blocks
 * are added in a fixed order, so a seed gives the same bits for any thread count.
 */
public final class EstimatorSums {
    private long count;
    private final double[] sum = new double[Estimator.COUNT];
    private final double[] sumSquares = new double[Estimator.COUNT];
    private double sumPriceTimesControl;

    /** Adds one sample, values indexed by {@link Estimator#ordinal()}. */
    public void add(double[] values) {
        count++;
        for (int i = 0; i < Estimator.COUNT; i++) {
            double v = values[i];
            sum[i] += v;
            sumSquares[i] += v * v;
        }
        sumPriceTimesControl += values[Estimator.PRICE.ordinal()] * values[Estimator.CONTROL.ordinal()];
    }

    /** Adds another block's sums into this one. */
    public void addAll(EstimatorSums other) {
        count += other.count;
        for (int i = 0; i < Estimator.COUNT; i++) {
            sum[i] += other.sum[i];
            sumSquares[i] += other.sumSquares[i];
        }
        sumPriceTimesControl += other.sumPriceTimesControl;
    }

    /** Builds sums from raw totals, as a device returns them. */
    public static EstimatorSums of(long count, double[] sum, double[] sumSquares, double sumPriceTimesControl) {
        EstimatorSums s = new EstimatorSums();
        s.count = count;
        System.arraycopy(sum, 0, s.sum, 0, Estimator.COUNT);
        System.arraycopy(sumSquares, 0, s.sumSquares, 0, Estimator.COUNT);
        s.sumPriceTimesControl = sumPriceTimesControl;
        return s;
    }

    public long count() {
        return count;
    }

    public double sum(Estimator e) {
        return sum[e.ordinal()];
    }

    public double sumSquares(Estimator e) {
        return sumSquares[e.ordinal()];
    }

    public double sumPriceTimesControl() {
        return sumPriceTimesControl;
    }

    public double mean(Estimator e) {
        return sum[e.ordinal()] / count;
    }

    /** Sample variance (n − 1 in the denominator). */
    public double variance(Estimator e) {
        double m = mean(e);
        return Math.max(0.0, (sumSquares[e.ordinal()] - count * m * m) / (count - 1));
    }

    public double covariancePriceControl() {
        return (sumPriceTimesControl - count * mean(Estimator.PRICE) * mean(Estimator.CONTROL)) / (count - 1);
    }
}
