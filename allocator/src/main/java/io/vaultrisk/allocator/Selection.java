package io.vaultrisk.allocator;

/** In-place selection (Hoare's quickselect with median-of-three pivots), O(n) expected. */
final class Selection {

    private Selection() {}

    /** The k-th largest value (k = 0 is the maximum); reorders {@code a}. */
    static double kthLargest(double[] a, int k) {
        if (k < 0 || k >= a.length) {
            throw new IllegalArgumentException("k: " + k + " outside 0.." + (a.length - 1));
        }
        int target = a.length - 1 - k;
        int lo = 0;
        int hi = a.length - 1;
        while (hi > lo) {
            int mid = (lo + hi) >>> 1;
            // median of three, moved to hi
            if (a[mid] < a[lo]) {
                swap(a, mid, lo);
            }
            if (a[hi] < a[lo]) {
                swap(a, hi, lo);
            }
            if (a[mid] < a[hi]) {
                swap(a, mid, hi);
            }
            double pivot = a[hi];
            int i = lo - 1;
            int j = hi;
            // Hoare-style partition that moves equal keys to both sides, so runs of ties stay O(n)
            while (true) {
                do {
                    i++;
                } while (a[i] < pivot);
                do {
                    j--;
                } while (j > lo && a[j] > pivot);
                if (i >= j) {
                    break;
                }
                swap(a, i, j);
            }
            swap(a, i, hi);
            if (i == target) {
                return a[i];
            } else if (i < target) {
                lo = i + 1;
            } else {
                hi = i - 1;
            }
        }
        return a[target];
    }

    private static void swap(double[] a, int i, int j) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
