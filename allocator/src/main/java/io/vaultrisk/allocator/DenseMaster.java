package io.vaultrisk.allocator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.linear.LinearSolver;

/**
 * The constraints as dense rows for ojAlgo's LinearSolver builder, for the bundle method's many small master LPs.
 * Building an ExpressionsBasedModel each round costs about five times the solve itself (BigDecimal coefficients,
 * presolve), so the masters skip it; the rows are the same as {@link PortfolioModel}'s.
 * <p>
 * Variables: w (n), then |w| (n, only when shorts meet a margin or leverage cap), then trades t ≥ |w − w₀| (n, only
 * when turnover is costed or capped), then the caller's extra variables.
 */
final class DenseMaster {

    final int n;
    final int base;
    private final int absOffset;
    private final int tradeOffset;
    private final PortfolioConstraints c;
    private final List<double[]> equalities = new ArrayList<>();
    private final List<Double> equalityRhs = new ArrayList<>();
    private final List<double[]> inequalities = new ArrayList<>();
    private final List<Double> inequalityRhs = new ArrayList<>();
    private final double[] lower;
    private final double[] upper;

    DenseMaster(PortfolioConstraints c) {
        this.c = c;
        this.n = c.size();
        boolean needAbs = !c.longOnlyBounds()
                && (c.marginCap() < Double.POSITIVE_INFINITY || c.leverageCap() < Double.POSITIVE_INFINITY);
        this.absOffset = needAbs ? n : -1;
        this.tradeOffset = c.tracksTurnover() ? n * (needAbs ? 2 : 1) : -1;
        this.base = n * (1 + (needAbs ? 1 : 0) + (c.tracksTurnover() ? 1 : 0));
        lower = new double[base];
        upper = new double[base];
        Arrays.fill(upper, Double.POSITIVE_INFINITY);
        boolean bounded = PortfolioModel.boundedSet(c);
        for (int i = 0; i < n; i++) {
            lower[i] = bounded ? c.lower(i) : Math.max(c.lower(i), -PortfolioModel.ARTIFICIAL_BOUND);
            upper[i] = bounded ? c.upper(i) : Math.min(c.upper(i), PortfolioModel.ARTIFICIAL_BOUND);
        }
        if (c.hasBudget()) {
            double[] row = new double[base];
            Arrays.fill(row, 0, n, 1.0);
            equalities.add(row);
            equalityRhs.add(c.budget());
        }
        for (GroupCap g : c.groups()) {
            double[] row = new double[base];
            for (int member : g.members()) {
                row[member] = 1.0;
            }
            add(row, g.cap());
        }
        int abs = needAbs ? absOffset : 0;
        if (needAbs) {
            for (int i = 0; i < n; i++) {
                double[] up = new double[base];
                up[i] = 1.0;
                up[abs + i] = -1.0;
                add(up, 0.0);
                double[] down = new double[base];
                down[i] = -1.0;
                down[abs + i] = -1.0;
                add(down, 0.0);
            }
        }
        if (c.marginCap() < Double.POSITIVE_INFINITY) {
            double[] row = new double[base];
            for (int i = 0; i < n; i++) {
                row[abs + i] = c.margin(i);
            }
            add(row, c.marginCap());
        }
        if (c.leverageCap() < Double.POSITIVE_INFINITY) {
            double[] row = new double[base];
            Arrays.fill(row, abs, abs + n, 1.0);
            add(row, c.leverageCap());
        }
        if (tradeOffset >= 0) {
            for (int i = 0; i < n; i++) {
                double[] up = new double[base];
                up[i] = 1.0;
                up[tradeOffset + i] = -1.0;
                add(up, c.current(i));
                double[] down = new double[base];
                down[i] = -1.0;
                down[tradeOffset + i] = -1.0;
                add(down, -c.current(i));
            }
            if (c.turnoverCap() < Double.POSITIVE_INFINITY) {
                double[] row = new double[base];
                Arrays.fill(row, tradeOffset, tradeOffset + n, 1.0);
                add(row, c.turnoverCap());
            }
        }
    }

    private void add(double[] row, double rhs) {
        inequalities.add(row);
        inequalityRhs.add(rhs);
    }

    /** Coefficients of the net return μ·w − c·Σt over the first {@code width} variables. */
    double[] netReturn(double[] mean, int width) {
        double[] row = new double[width];
        System.arraycopy(mean, 0, row, 0, n);
        addCost(row, -1.0);
        return row;
    }

    /** Adds sign·c·Σt to a row. */
    void addCost(double[] row, double sign) {
        if (tradeOffset >= 0 && c.costRate() > 0) {
            for (int i = 0; i < n; i++) {
                row[tradeOffset + i] += sign * c.costRate();
            }
        }
    }

    /**
     * Minimises {@code objective}·x over the constraints plus {@code rows}·x ≤ {@code rhs}, with the extra variables
     * (beyond {@link #base}) bounded by {@code extraLower}/{@code extraUpper}.
     */
    Optimisation.Result minimise(
            double[] objective, List<double[]> rows, List<Double> rhs, double[] extraLower, double[] extraUpper) {
        int width = objective.length;
        LinearSolver.Builder b = LinearSolver.newBuilder(objective);
        for (int k = 0; k < equalities.size(); k++) {
            b.equality(equalityRhs.get(k), Arrays.copyOf(equalities.get(k), width));
        }
        for (int k = 0; k < inequalities.size(); k++) {
            b.inequality(inequalityRhs.get(k), Arrays.copyOf(inequalities.get(k), width));
        }
        for (int k = 0; k < rows.size(); k++) {
            b.inequality(rhs.get(k), rows.get(k));
        }
        double[] lo = Arrays.copyOf(lower, width);
        double[] hi = Arrays.copyOf(upper, width);
        System.arraycopy(extraLower, 0, lo, base, width - base);
        System.arraycopy(extraUpper, 0, hi, base, width - base);
        b.lower(lo);
        b.upper(hi);
        return b.build().solve();
    }

    double[] weights(Optimisation.Result r) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = r.doubleValue(i);
        }
        return w;
    }
}
