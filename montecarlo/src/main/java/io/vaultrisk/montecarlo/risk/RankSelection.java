package io.vaultrisk.montecarlo.risk;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * Exact order statistics of a sample split into parts that stay where they were made, in two rounds: each part sends
 * a sketch of its sorted values ({@link #sketch}: about 4·√count of them, at most {@link #POINTS}); from the sketches the driver finds,
 * for the rank it wants, a bracket [lo, hi] that surely holds it ({@link #bracket}); each part then sends how many of
 * its values lie below lo and those in [lo, hi] ({@link #window}), from which the driver reads the value exactly
 * ({@link #select}). What travels from a part of c values is its sketch and about two sketch steps (c / 4√c) per
 * bracket, never the sample.
 */
final class RankSelection {
    static final int POINTS = 4096;

    private RankSelection() {}

    /** Values of a part's sorted sample at local ranks 0, step, 2·step, … and count − 1. */
    record Sketch(int count, int step, double[] value) implements Serializable {
        private static final long serialVersionUID = 1L;

        /** The local rank of sketch point j. */
        int at(int j) {
            return Math.min(count - 1, j * step);
        }
    }

    /** A part's answer for one bracket: how many of its values are below lo, and its values in [lo, hi], sorted. */
    record Window(long below, double[] values) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    static Sketch sketch(double[] sorted) {
        int c = sorted.length;
        if (c == 0) {
            return new Sketch(0, 1, new double[0]);
        }
        // the sketch's points against the brackets' ~2 steps per rank: about 4·√c balances them for a dozen ranks
        int points = (int) Math.min(POINTS, Math.max(64, Math.ceil(4 * Math.sqrt(c))));
        int step = Math.max(1, (c + points - 1) / points);
        int m = (c - 1) / step + 1 + ((c - 1) % step == 0 ? 0 : 1);
        double[] v = new double[m];
        for (int j = 0; j < m; j++) {
            v[j] = sorted[Math.min(c - 1, j * step)];
        }
        return new Sketch(c, step, v);
    }

    /**
     * {lo, hi} such that the 0-based rank {@code r} of the whole sample lies in [lo, hi]: at most r values lie below
     * lo and at least r + 1 at or below hi, whatever the parts hold between their sketch points.
     */
    static double[] bracket(List<Sketch> parts, long r) {
        double[] all = parts.stream()
                .flatMapToDouble(s -> Arrays.stream(s.value()))
                .sorted()
                .toArray();
        // both bounds are monotone in v: the last candidate with at most r below, the first with r + 1 at or below
        int a = 0, b = all.length; // all[0, a) qualify as lo
        while (a < b) {
            int mid = (a + b) >>> 1;
            if (mostBelow(parts, all[mid]) <= r) {
                a = mid + 1;
            } else {
                b = mid;
            }
        }
        double lo = a == 0 ? Double.NEGATIVE_INFINITY : all[a - 1];
        int c = 0, d = all.length; // all[d, length) qualify as hi
        while (c < d) {
            int mid = (c + d) >>> 1;
            if (leastAtOrBelow(parts, all[mid]) >= r + 1) {
                d = mid;
            } else {
                c = mid + 1;
            }
        }
        double hi = d == all.length ? Double.POSITIVE_INFINITY : all[d];
        return new double[] {lo, hi};
    }

    /** The most values of all parts that can be below v, given their sketches. */
    private static long mostBelow(List<Sketch> parts, double v) {
        long n = 0;
        for (Sketch s : parts) {
            int a = lowerBound(s.value(), v); // sketch points below v
            n += a == s.value().length ? s.count() : s.at(a);
        }
        return n;
    }

    /** The fewest values of all parts that must be at or below v, given their sketches. */
    private static long leastAtOrBelow(List<Sketch> parts, double v) {
        long n = 0;
        for (Sketch s : parts) {
            int b = upperBound(s.value(), v); // sketch points at or below v
            n += b == 0 ? 0 : s.at(b - 1) + 1;
        }
        return n;
    }

    /** A part's answer to the bracket {lo, hi} from its sorted sample. */
    static Window window(double[] sorted, double[] bracket) {
        int from = lowerBound(sorted, bracket[0]), to = upperBound(sorted, bracket[1]);
        return new Window(from, Arrays.copyOfRange(sorted, from, to));
    }

    /** The first index of a sorted array whose value is not below v. */
    static int lowerBound(double[] sorted, double v) {
        int lo = 0, hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The first index of a sorted array whose value is above v. */
    static int upperBound(double[] sorted, double v) {
        int lo = 0, hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The value of 0-based rank {@code r} of the whole sample from every part's answer to one bracket. */
    static double select(List<Window> parts, long r) {
        long below = 0;
        for (Window w : parts) {
            below += w.below();
        }
        double[] in = parts.stream()
                .flatMapToDouble(w -> Arrays.stream(w.values()))
                .sorted()
                .toArray();
        long i = r - below;
        if (i < 0 || i >= in.length) {
            throw new IllegalStateException(
                    "rank " + r + " is not in its bracket: " + below + " below, " + in.length + " within");
        }
        return in[(int) i];
    }
}
