package io.vaultrisk.surface;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * Static-arbitrage checks on a fitted surface, on a fine grid of log-moneyness.
 * <ul>
 *   <li>Butterfly: Durrleman's {@code g(k) ≥ 0} on every slice (Gatheral–Jacquier 2014, Lemma 2.2), with g from the
 *   closed-form SVI derivatives.</li>
 *   <li>Calendar: total variance non-decreasing in expiry at every k between consecutive slices (their Lemma 2.1; with
 *   variance interpolated linearly in time that is also sufficient between slices).</li>
 * </ul>
 * Violations are reported as contiguous stretches of the grid, each with its worst point, rather than one entry per
 * grid point. A small tolerance separates genuine violations from rounding (g is computed to about 1e-14 in
 * magnitude).
 */
public final class ArbitrageChecker {

    /** k from -3 to 3 in steps of 0.0025: 2401 points per slice. */
    public static final ArbitrageChecker DEFAULT = new ArbitrageChecker(-3.0, 3.0, 2400, 1e-10);

    private final double kMin;
    private final double kMax;
    private final int intervals;
    private final double tolerance;

    private ArbitrageChecker(double kMin, double kMax, int intervals, double tolerance) {
        this.kMin = kMin;
        this.kMax = kMax;
        this.intervals = intervals;
        this.tolerance = tolerance;
    }

    /** A checker on {@code intervals + 1} equally spaced points of [kMin, kMax]. */
    public static ArbitrageChecker of(double kMin, double kMax, int intervals, double tolerance) {
        if (!(kMin < kMax) || intervals < 2 || !(tolerance >= 0.0)) {
            throw new IllegalArgumentException(
                    "arbitrage grid needs kMin < kMax, at least 2 intervals and a non-negative" + " tolerance, got ["
                            + kMin + ", " + kMax + "], " + intervals + ", " + tolerance);
        }
        return new ArbitrageChecker(kMin, kMax, intervals, tolerance);
    }

    public ArbitrageReport check(VolSurface surface) {
        return new ArbitrageReport(butterfly(surface), calendar(surface));
    }

    public List<ButterflyViolation> butterfly(VolSurface surface) {
        List<ButterflyViolation> out = new ArrayList<>();
        for (SmileSlice slice : surface.slices()) {
            // Durrleman's g below -tolerance (or not a number) is a butterfly arbitrage; the worst point has the least
            // g
            for (Run r : runs(k -> -slice.smile().durrleman(k), true)) {
                out.add(new ButterflyViolation(
                        slice.expiry(), slice.timeToExpiry(), r.from(), r.to(), r.worstK(), -r.worst()));
            }
        }
        return out;
    }

    public List<CalendarViolation> calendar(VolSurface surface) {
        List<CalendarViolation> out = new ArrayList<>();
        List<SmileSlice> slices = surface.slices();
        for (int j = 1; j < slices.size(); j++) {
            SmileSlice a = slices.get(j - 1);
            SmileSlice b = slices.get(j);
            for (Run r : runs(k -> a.smile().totalVariance(k) - b.smile().totalVariance(k), false)) {
                out.add(new CalendarViolation(a.expiry(), b.expiry(), r.from(), r.to(), r.worstK(), r.worst()));
            }
        }
        return out;
    }

    /** Consecutive grid points [from, to] where a check fails, and the point where it fails worst. */
    private record Run(double from, double to, double worstK, double worst) {}

    /**
     * The runs of grid points where {@code excess(k)} exceeds the tolerance (or is not a number, when
     * {@code nanFails}), each with its largest excess; a NaN excess is worse than any number until a later failing
     * point replaces it.
     */
    private List<Run> runs(DoubleUnaryOperator excess, boolean nanFails) {
        List<Run> out = new ArrayList<>();
        double from = Double.NaN;
        double worstK = Double.NaN;
        double worst = 0.0;
        double previousK = Double.NaN;
        for (int i = 0; i <= intervals; i++) {
            double k = kAt(i);
            double e = excess.applyAsDouble(k);
            if (e > tolerance || (nanFails && Double.isNaN(e))) {
                if (Double.isNaN(from)) {
                    from = k;
                    worst = Double.NEGATIVE_INFINITY;
                }
                if (!(e <= worst)) {
                    worst = e;
                    worstK = k;
                }
            } else if (!Double.isNaN(from)) {
                out.add(new Run(from, previousK, worstK, worst));
                from = Double.NaN;
            }
            previousK = k;
        }
        if (!Double.isNaN(from)) {
            out.add(new Run(from, previousK, worstK, worst));
        }
        return out;
    }

    private double kAt(int i) {
        return kMin + (kMax - kMin) * i / intervals;
    }
}
