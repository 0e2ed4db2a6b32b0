package io.vaultrisk.protocol;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/** Weights in basis points: the vault wants integers summing to exactly 10,000. */
public final class BasisPoints {
    public static final int TOTAL = 10_000;

    private BasisPoints() {}

    /**
     * Rounds fractional weights (summing to 1 within 1e-6) to basis points summing to 10,000 by the largest-remainder
     * method, which moves no weight by more than one basis point. Ties go to the earlier weight.
     *
     * @param field the weights' name in the caller's request, for the error
     */
    public static List<Integer> fromWeights(String field, double[] weights) {
        int[] lower = new int[weights.length];
        int[] upper = new int[weights.length];
        java.util.Arrays.fill(upper, TOTAL);
        return fromWeights(field, weights, lower, upper);
    }

    /**
     * Rounds fractional weights (summing to 1 within 1e-6) to basis points summing to 10,000 within per-weight bounds
     * in basis points (a request's min and max weight, a vault's on-chain caps): largest remainder among the weights
     * still below their upper bound, so a bound the weights meet before rounding still holds after it (rounding each
     * weight alone could put a sleeve one basis point over its cap, and the vault reverts). A weight within its
     * bounds moves by less than one basis point; one below its lower bound is raised to it and the excess taken
     * from the smallest remainders above their lower bounds. Ties go to the earlier weight.
     *
     * @param field the weights' name in the caller's request, for the error
     * @param lowerBps least basis points per weight
     * @param upperBps most basis points per weight
     */
    public static List<Integer> fromWeights(String field, double[] weights, int[] lowerBps, int[] upperBps) {
        if (lowerBps.length != weights.length || upperBps.length != weights.length) {
            throw new IllegalArgumentException("one lower and one upper bound per weight");
        }
        double sum = 0;
        long lowSum = 0;
        long highSum = 0;
        for (int i = 0; i < weights.length; i++) {
            if (!(weights[i] >= -1e-9) || !Double.isFinite(weights[i])) {
                throw new InvalidWeightsException(
                        field + "[" + i + "]", "weights must be finite and non-negative, got " + weights[i]);
            }
            if (lowerBps[i] < 0 || upperBps[i] > TOTAL || lowerBps[i] > upperBps[i]) {
                throw new InvalidWeightsException(
                        field + "[" + i + "]",
                        "bounds must satisfy 0 <= lower <= upper <= 10000 bps, got " + lowerBps[i] + ".."
                                + upperBps[i]);
            }
            sum += weights[i];
            lowSum += lowerBps[i];
            highSum += upperBps[i];
        }
        if (Math.abs(sum - 1) > 1e-6) {
            throw new InvalidWeightsException(field, "weights must sum to 1, got " + sum);
        }
        if (lowSum > TOTAL || highSum < TOTAL) {
            throw new InvalidWeightsException(
                    field,
                    "no weights in basis points meet the bounds: lower bounds sum to " + lowSum + ", upper bounds to "
                            + highSum + " (need <= 10000 <= upper)");
        }
        int n = weights.length;
        int[] bps = new int[n];
        double[] rest = new double[n];
        long used = 0;
        for (int i = 0; i < n; i++) {
            double exact = Math.max(0, weights[i]) / sum * TOTAL;
            int floor = (int) Math.floor(exact);
            bps[i] = Math.min(upperBps[i], Math.max(lowerBps[i], floor));
            rest[i] = exact - bps[i];
            used += bps[i];
        }
        // up: largest remainder first, among weights below their cap; down: smallest remainder above their floor
        List<Integer> order = new ArrayList<>(IntStream.range(0, n).boxed().toList());
        order.sort(Comparator.comparingDouble((Integer i) -> -rest[i]).thenComparingInt(i -> i));
        while (used != TOTAL) {
            boolean moved = false;
            if (used < TOTAL) {
                for (int k = 0; k < n && used < TOTAL; k++) {
                    int i = order.get(k);
                    if (bps[i] < upperBps[i]) {
                        bps[i]++;
                        used++;
                        moved = true;
                    }
                }
            } else {
                for (int k = n - 1; k >= 0 && used > TOTAL; k--) {
                    int i = order.get(k);
                    if (bps[i] > lowerBps[i]) {
                        bps[i]--;
                        used--;
                        moved = true;
                    }
                }
            }
            if (!moved) {
                throw new IllegalStateException("bounds checked above admit a rounding"); // unreachable
            }
        }
        return IntStream.of(bps).boxed().toList();
    }

    /**
     * Checks weights already in basis points: one per strategy (sleeve), each in 0..10,000, summing to 10,000.
     *
     * @param field the weights' name in the caller's request, for the error
     */
    public static List<Integer> validate(String field, List<Integer> bps, int expectedSize) {
        if (bps == null || bps.size() != expectedSize) {
            throw new InvalidWeightsException(
                    field,
                    field + " must hold one weight per strategy (" + expectedSize + "), got "
                            + (bps == null ? 0 : bps.size()));
        }
        long sum = 0;
        for (int i = 0; i < bps.size(); i++) {
            Integer w = bps.get(i);
            if (w == null || w < 0 || w > TOTAL) {
                throw new InvalidWeightsException(
                        field + "[" + i + "]", "weights must be integers in 0..10000, got " + w);
            }
            sum += w;
        }
        if (sum != TOTAL) {
            throw new InvalidWeightsException(field, field + " must sum to 10000 basis points, got " + sum);
        }
        return List.copyOf(bps);
    }
}
