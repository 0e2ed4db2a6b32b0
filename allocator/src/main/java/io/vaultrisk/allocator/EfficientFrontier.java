package io.vaultrisk.allocator;

import java.util.ArrayList;
import java.util.List;

/**
 * The mean-CVaR efficient frontier: minimum-CVaR portfolios for targets spaced evenly from the return of the
 * least-CVaR portfolio to the highest return the constraints allow. All points share one cut pool, since a cut of
 * the CVaR function is valid whatever the target.
 *
 * @param points  frontier portfolios, in increasing target return
 * @param strategies  each strategy held alone (budget 1), for reference on the chart
 */
public record EfficientFrontier(List<Allocation> points, List<Allocation> strategies) {

    public EfficientFrontier {
        points = List.copyOf(points);
        strategies = List.copyOf(strategies);
    }

    /**
     * Traces the frontier with {@code count} points (at least 2).
     *
     * @throws IllegalArgumentException if the constraints admit no weights
     */
    public static EfficientFrontier trace(ScenarioMatrix scenarios, double beta, PortfolioConstraints c, int count) {
        if (count < 2) {
            throw new IllegalArgumentException("count: a frontier needs at least 2 points, got " + count);
        }
        MeanCvarProblem base = MeanCvarProblem.minCvar(scenarios, beta, c, Double.NaN);
        CvarBundleSolver solver = CvarBundleSolver.DEFAULT;
        Allocation least = solver.solve(base);
        if (!least.hasWeights()) {
            throw new IllegalArgumentException("constraints: " + least.reason());
        }
        double top = Feasibility.maxReturn(scenarios.means(), c);
        double bottom = least.expectedReturn();
        if (!Double.isFinite(top)) {
            throw new IllegalArgumentException(
                    "constraints: the expected return is unbounded (add bounds or leverage)");
        }
        double[] targets = new double[count];
        for (int k = 0; k < count; k++) {
            // the top target is pulled in by a hair so that rounding in the LP cannot make it infeasible
            targets[k] = bottom
                    + (top - bottom) * k / (count - 1)
                    - (k == count - 1 ? 1e-12 * Math.max(1, Math.abs(top)) : 0);
        }
        List<Allocation> points = new ArrayList<>();
        for (Allocation a : solver.frontier(base, targets)) {
            if (a.hasWeights()) {
                points.add(a);
            }
        }
        List<Allocation> alone = new ArrayList<>();
        int n = scenarios.strategyCount();
        PortfolioConstraints free = PortfolioConstraints.longOnly(n);
        for (int i = 0; i < n; i++) {
            double[] w = new double[n];
            w[i] = 1.0;
            alone.add(Allocation.evaluate(
                    scenarios, beta, free, w, AllocationStatus.OPTIMAL, "", "single strategy", 0, Double.NaN));
        }
        return new EfficientFrontier(points, alone);
    }
}
