package io.vaultrisk.allocator;

import java.util.Arrays;
import java.util.List;

/**
 * The feasible set of weights, shared by every objective. All parts are linear (with |·| written through auxiliary
 * variables), so each optimiser hands them to ojAlgo unchanged.
 * <ul>
 *   <li>budget: Σw = budget (NaN for none: Kelly sizes exposures and leaves the rest in cash)</li>
 *   <li>bounds per strategy (long-only [0, ∞) by default)</li>
 *   <li>group caps</li>
 *   <li>turnover Σ|w − w₀| ≤ cap against current weights w₀, each unit traded costing {@code costRate}; the cost is
 *       paid up front, so it lowers the return of every scenario</li>
 *   <li>margin use Σ mᵢ|wᵢ| ≤ cap, with mᵢ the margin per unit weight from the risk engine</li>
 *   <li>leverage Σ|wᵢ| ≤ cap</li>
 * </ul>
 */
public record PortfolioConstraints(
        double budget,
        double[] lower,
        double[] upper,
        List<GroupCap> groups,
        double[] current,
        double turnoverCap,
        double costRate,
        double[] marginPerUnit,
        double marginCap,
        double leverageCap) {

    public PortfolioConstraints {
        lower = lower.clone();
        upper = upper.clone();
        current = current.clone();
        marginPerUnit = marginPerUnit.clone();
        groups = List.copyOf(groups);
    }

    /** Budget 1, long-only, nothing else. */
    public static PortfolioConstraints longOnly(int n) {
        double[] upper = new double[n];
        Arrays.fill(upper, Double.POSITIVE_INFINITY);
        return of(
                1.0,
                new double[n],
                upper,
                List.of(),
                new double[n],
                Double.POSITIVE_INFINITY,
                0.0,
                new double[n],
                Double.POSITIVE_INFINITY,
                Double.POSITIVE_INFINITY);
    }

    /** Validates every part against the strategy count n = lower.length. */
    public static PortfolioConstraints of(
            double budget,
            double[] lower,
            double[] upper,
            List<GroupCap> groups,
            double[] current,
            double turnoverCap,
            double costRate,
            double[] marginPerUnit,
            double marginCap,
            double leverageCap) {
        int n = lower.length;
        requireLength("upper", upper, n);
        requireLength("current", current, n);
        requireLength("marginPerUnit", marginPerUnit, n);
        if (!Double.isNaN(budget) && !Double.isFinite(budget)) {
            throw new IllegalArgumentException("budget: must be finite (or NaN for none), got " + budget);
        }
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(lower[i])
                    || Double.isNaN(upper[i])
                    || lower[i] > upper[i]
                    || lower[i] == Double.POSITIVE_INFINITY
                    || upper[i] == Double.NEGATIVE_INFINITY) {
                throw new IllegalArgumentException(
                        "bounds: strategy " + (i + 1) + " has lower " + lower[i] + " and upper " + upper[i]);
            }
            if (!Double.isFinite(current[i])) {
                throw new IllegalArgumentException("current: weight " + (i + 1) + " is not finite");
            }
            if (!(marginPerUnit[i] >= 0) || !Double.isFinite(marginPerUnit[i])) {
                throw new IllegalArgumentException("marginPerUnit: strategy " + (i + 1) + " must be finite and >= 0");
            }
        }
        for (GroupCap g : groups) {
            for (int member : g.members()) {
                if (member < 0 || member >= n) {
                    throw new IllegalArgumentException(
                            "group '" + g.name() + "': member " + member + " outside 0.." + (n - 1));
                }
            }
        }
        requireCap("turnoverCap", turnoverCap);
        requireCap("marginCap", marginCap);
        requireCap("leverageCap", leverageCap);
        if (!(costRate >= 0) || !Double.isFinite(costRate)) {
            throw new IllegalArgumentException("costRate: must be finite and >= 0, got " + costRate);
        }
        return new PortfolioConstraints(
                budget, lower, upper, groups, current, turnoverCap, costRate, marginPerUnit, marginCap, leverageCap);
    }

    public int size() {
        return lower.length;
    }

    public boolean hasBudget() {
        return !Double.isNaN(budget);
    }

    /** True when trades are costed or capped, so the model needs the turnover variables. */
    public boolean tracksTurnover() {
        return costRate > 0 || turnoverCap < Double.POSITIVE_INFINITY;
    }

    public boolean longOnlyBounds() {
        return Arrays.stream(lower).allMatch(l -> l >= 0);
    }

    /** Proportional trading cost of moving from the current weights to {@code w}. */
    public double tradingCost(double[] w) {
        return costRate * turnover(w);
    }

    public double turnover(double[] w) {
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            sum += Math.abs(w[i] - current[i]);
        }
        return sum;
    }

    public PortfolioConstraints withBudget(double newBudget) {
        return of(
                newBudget, lower, upper, groups, current, turnoverCap, costRate, marginPerUnit, marginCap, leverageCap);
    }

    public PortfolioConstraints withBounds(double[] newLower, double[] newUpper) {
        return of(
                budget,
                newLower,
                newUpper,
                groups,
                current,
                turnoverCap,
                costRate,
                marginPerUnit,
                marginCap,
                leverageCap);
    }

    public PortfolioConstraints withGroups(List<GroupCap> newGroups) {
        return of(
                budget, lower, upper, newGroups, current, turnoverCap, costRate, marginPerUnit, marginCap, leverageCap);
    }

    public PortfolioConstraints withTurnover(double[] newCurrent, double newTurnoverCap, double newCostRate) {
        return of(
                budget,
                lower,
                upper,
                groups,
                newCurrent,
                newTurnoverCap,
                newCostRate,
                marginPerUnit,
                marginCap,
                leverageCap);
    }

    public PortfolioConstraints withMargin(double[] newMarginPerUnit, double newMarginCap) {
        return of(
                budget,
                lower,
                upper,
                groups,
                current,
                turnoverCap,
                costRate,
                newMarginPerUnit,
                newMarginCap,
                leverageCap);
    }

    public PortfolioConstraints withLeverageCap(double newLeverageCap) {
        return of(
                budget, lower, upper, groups, current, turnoverCap, costRate, marginPerUnit, marginCap, newLeverageCap);
    }

    @Override
    public double[] lower() {
        return lower.clone();
    }

    @Override
    public double[] upper() {
        return upper.clone();
    }

    @Override
    public double[] current() {
        return current.clone();
    }

    @Override
    public double[] marginPerUnit() {
        return marginPerUnit.clone();
    }

    double lower(int i) {
        return lower[i];
    }

    double upper(int i) {
        return upper[i];
    }

    double current(int i) {
        return current[i];
    }

    double margin(int i) {
        return marginPerUnit[i];
    }

    private static void requireLength(String field, double[] a, int n) {
        if (a == null || a.length != n) {
            throw new IllegalArgumentException(
                    field + ": expected " + n + " values, got " + (a == null ? 0 : a.length));
        }
    }

    private static void requireCap(String field, double cap) {
        if (Double.isNaN(cap) || cap < 0) {
            throw new IllegalArgumentException(field + ": must be >= 0 (or infinite for none), got " + cap);
        }
    }
}
