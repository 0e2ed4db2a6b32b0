package io.vaultrisk.montecarlo.risk;

import java.util.Arrays;

/**
 * A sum of doubles without rounding error (Shewchuk's non-overlapping partials, as Python's {@code math.fsum}): its
 * {@link #value} is the exact sum correctly rounded, so it does not depend on the order the terms come in or on how
 * a run split them across machines. The partials are few (a handful for P&amp;L sums) and are what a part sends.
 */
final class ExactSum {
    private double[] partials = new double[4];
    private int size;

    /** Adds x exactly. */
    void add(double x) {
        int i = 0;
        for (int j = 0; j < size; j++) {
            double y = partials[j];
            if (Math.abs(x) < Math.abs(y)) {
                double t = x;
                x = y;
                y = t;
            }
            double hi = x + y;
            double lo = y - (hi - x);
            if (lo != 0.0) {
                partials[i++] = lo;
            }
            x = hi;
        }
        if (i == partials.length) {
            partials = Arrays.copyOf(partials, 2 * i);
        }
        partials[i] = x;
        size = i + 1;
    }

    /** Adds another sum's partials exactly. */
    void addAll(double[] others) {
        for (double p : others) {
            add(p);
        }
    }

    /** The partials, whose exact sum is this sum. */
    double[] partials() {
        return Arrays.copyOf(partials, size);
    }

    /** The exact sum rounded to the nearest double (ties to even). */
    double value() {
        int n = size;
        double hi = 0.0;
        if (n > 0) {
            hi = partials[--n];
            double lo = 0.0;
            while (n > 0) {
                double x = hi;
                double y = partials[--n];
                hi = x + y;
                double yr = hi - x;
                lo = y - yr;
                if (lo != 0.0) {
                    break;
                }
            }
            // hi + lo is exact; round half-way cases the way the remaining partials point
            if (n > 0 && ((lo < 0 && partials[n - 1] < 0) || (lo > 0 && partials[n - 1] > 0))) {
                double y = lo * 2;
                double x = hi + y;
                double yr = x - hi;
                if (y == yr) {
                    hi = x;
                }
            }
        }
        return hi;
    }
}
