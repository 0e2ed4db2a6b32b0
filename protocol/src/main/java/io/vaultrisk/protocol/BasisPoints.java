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
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            if (!(weights[i] >= -1e-9) || !Double.isFinite(weights[i])) {
                throw new InvalidWeightsException(
                        field + "[" + i + "]", "weights must be finite and non-negative, got " + weights[i]);
            }
            sum += weights[i];
        }
        if (Math.abs(sum - 1) > 1e-6) {
            throw new InvalidWeightsException(field, "weights must sum to 1, got " + sum);
        }
        int[] floor = new int[weights.length];
        double[] rest = new double[weights.length];
        int used = 0;
        for (int i = 0; i < weights.length; i++) {
            double bps = Math.max(0, weights[i]) / sum * TOTAL;
            floor[i] = (int) Math.floor(bps);
            rest[i] = bps - floor[i];
            used += floor[i];
        }
        List<Integer> order =
                new ArrayList<>(IntStream.range(0, weights.length).boxed().toList());
        order.sort(Comparator.comparingDouble((Integer i) -> -rest[i]).thenComparingInt(i -> i));
        for (int k = 0; k < TOTAL - used; k++) {
            floor[order.get(k % order.size())]++;
        }
        return IntStream.of(floor).boxed().toList();
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
