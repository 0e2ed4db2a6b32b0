package io.vaultrisk.allocator;

import java.util.Locale;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.Optimisation;

/**
 * Fractional Kelly: the weights maximising expected log growth E[ln(1 + w·r)] over the constraints (the rest of
 * the capital earns nothing), then scaled by a fraction (½ Kelly is common: three quarters of the growth for half
 * the volatility). Newton's method whose steps are ojAlgo QPs over the constraints, with a backtracking line search
 * that keeps 1 + w·r &gt; 0 in every scenario (ruin in one scenario is −∞ growth).
 */
public final class KellyOptimizer {

    public static final KellyOptimizer DEFAULT = new KellyOptimizer();

    static final String NAME = "kelly newton (ojalgo qp steps)";
    private static final int MAX_ITERATIONS = 200;

    private KellyOptimizer() {}

    /**
     * @param fraction  the Kelly fraction in (0, 1]; the full-Kelly weights are multiplied by it
     */
    public Allocation maximise(ScenarioMatrix scenarios, double beta, PortfolioConstraints c, double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction: the Kelly fraction must be in (0, 1], got " + fraction);
        }
        int n = scenarios.strategyCount();
        int s = scenarios.scenarioCount();
        PortfolioModel start = PortfolioModel.of(c);
        Expression zero = start.freeRow("zero").weight(1.0);
        for (int i = 0; i < n; i++) {
            // the point of least exposure: closest to all-cash, where every scenario's wealth is positive
            zero.set(start.w[i], start.w[i], 1.0);
        }
        Optimisation.Result r0 = start.model.minimise();
        if (!r0.getState().isFeasible()) {
            String clash = Feasibility.constraintsClash(c);
            return Allocation.failed(
                    scenarios.names(),
                    AllocationStatus.INFEASIBLE,
                    clash == null ? "the QP solver failed: " + r0.getState() : clash,
                    NAME);
        }
        double[] w = start.weights(r0);
        double[] wealth = scenarios.portfolioReturns(w);
        for (int k = 0; k < s; k++) {
            if (!(1 + wealth[k] > 0)) {
                return Allocation.failed(
                        scenarios.names(),
                        AllocationStatus.INFEASIBLE,
                        "every allowed portfolio is ruined in scenario " + (k + 1) + " (loses all capital)",
                        NAME);
            }
        }
        int iteration = 0;
        double move = Double.POSITIVE_INFINITY;
        for (; iteration < MAX_ITERATIONS && move > 1e-13; iteration++) {
            double[] r = scenarios.portfolioReturns(w);
            double[] grad = new double[n];
            double[][] hess = new double[n][n];
            for (int k = 0; k < s; k++) {
                double inv = 1.0 / (1.0 + r[k]);
                for (int i = 0; i < n; i++) {
                    double ri = scenarios.get(k, i) * inv;
                    grad[i] += ri / s;
                    for (int j = 0; j <= i; j++) {
                        hess[i][j] += ri * scenarios.get(k, j) * inv / s;
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < i; j++) {
                    hess[j][i] = hess[i][j];
                }
            }
            double[] target = newtonStep(c, w, grad, hess);
            if (target == null) {
                break;
            }
            double f0 = growth(scenarios, w, c);
            double t = 1.0;
            double[] next = new double[n];
            double f1 = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < 60; k++) {
                for (int i = 0; i < n; i++) {
                    next[i] = w[i] + t * (target[i] - w[i]);
                }
                f1 = growth(scenarios, next, c);
                // near the optimum the gain is below the rounding of f itself: compare with a tolerance of that size
                if (f1 >= f0 - 1e-15 * Math.max(1.0, Math.abs(f0))) {
                    break;
                }
                t *= 0.5;
            }
            if (!(f1 >= f0 - 1e-15 * Math.max(1.0, Math.abs(f0)))) {
                break;
            }
            move = 0;
            for (int i = 0; i < n; i++) {
                move = Math.max(move, Math.abs(next[i] - w[i]));
            }
            w = next.clone();
        }
        if (!PortfolioModel.boundedSet(c)) {
            for (int i = 0; i < n; i++) {
                if (Math.abs(w[i]) >= 0.999 * PortfolioModel.ARTIFICIAL_BOUND) {
                    return Allocation.failed(
                            scenarios.names(),
                            AllocationStatus.UNBOUNDED,
                            "log growth grows without bound " + "in strategy '"
                                    + scenarios.names().get(i) + "' (it never loses): cap leverage or weights",
                            NAME);
                }
            }
        }
        double[] scaled = new double[n];
        for (int i = 0; i < n; i++) {
            scaled[i] = fraction * w[i];
        }
        String solver = NAME + String.format(Locale.ROOT, ", fraction %.3g", fraction);
        return Allocation.optimal(scenarios, beta, c.withBudget(Double.NaN), scaled, solver, iteration, Double.NaN);
    }

    /** Expected log growth net of trading costs; −∞ when some scenario is ruined. */
    public static double growth(ScenarioMatrix scenarios, double[] w, PortfolioConstraints c) {
        double[] r = scenarios.portfolioReturns(w);
        double cost = c.tradingCost(w);
        double sum = 0;
        for (double x : r) {
            double wealth = 1 + x - cost;
            if (!(wealth > 0)) {
                return Double.NEGATIVE_INFINITY;
            }
            sum += Math.log(wealth);
        }
        return sum / r.length;
    }

    /** The maximiser of the quadratic model g·(v − w) − ½(v − w)ᵀH(v − w) over the constraints. */
    private static double[] newtonStep(PortfolioConstraints c, double[] w, double[] grad, double[][] hess) {
        PortfolioModel pm = PortfolioModel.of(c);
        int n = w.length;
        Expression model = pm.freeRow("model").weight(1.0);
        // minimise ½ vᵀHv − (g + Hw)·v, the same quadratic up to a constant
        double[] hw = DenseLinearAlgebra.multiply(hess, w);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (hess[i][j] != 0) {
                    model.set(pm.w[i], pm.w[j], 0.5 * hess[i][j]);
                }
            }
            model.set(pm.w[i], -(grad[i] + hw[i]));
        }
        // trading cost enters at first order; the line search uses the exact growth
        pm.addCost(model, -1.0);
        Optimisation.Result r = pm.model.minimise();
        return r.getState().isFeasible() ? pm.weights(r) : null;
    }
}
