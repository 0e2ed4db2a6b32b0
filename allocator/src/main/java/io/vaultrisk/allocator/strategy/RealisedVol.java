package io.vaultrisk.allocator.strategy;

/** Realised variance of a path: the sum of its squared log returns (not annualised). */
final class RealisedVol {
    private RealisedVol() {}

    static double variance(double[] spots, int steps) {
        double v = 0;
        for (int i = 1; i <= steps; i++) {
            double r = Math.log(spots[i] / spots[i - 1]);
            v += r * r;
        }
        return v;
    }
}
