package io.vaultrisk.allocator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.Optimisation;

/**
 * Minimum variance and maximum Sharpe ratio on the scenario covariance, as ojAlgo QPs over the same constraints as
 * every other objective. Tail statistics of the result are still reported on the scenarios.
 */
public final class MeanVarianceOptimizer {

    public static final MeanVarianceOptimizer DEFAULT = new MeanVarianceOptimizer();

    static final String NAME = "ojalgo-qp";

    private MeanVarianceOptimizer() {}

    /** Minimum variance of w·r over the constraints. */
    public Allocation minVariance(ScenarioMatrix scenarios, double beta, PortfolioConstraints c) {
        double[][] cov = scenarios.covariance();
        PortfolioModel pm = PortfolioModel.of(c);
        Expression risk = pm.freeRow("variance").weight(1.0);
        setQuadratic(risk, pm, cov);
        Optimisation.Result r = pm.model.minimise();
        if (!r.getState().isFeasible()) {
            String clash = Feasibility.constraintsClash(c);
            return Allocation.failed(
                    scenarios.names(),
                    AllocationStatus.INFEASIBLE,
                    clash == null ? "the QP solver failed: " + r.getState() : clash,
                    NAME);
        }
        return Allocation.optimal(scenarios, beta, c, pm.weights(r), NAME, 1, Double.NaN);
    }

    /**
     * Maximum Sharpe ratio (μ·w − cost − r_f·budget) / σ(w). Homogenised (Cornuéjols &amp; Tütüncü): with y = κ·w and
     * the excess return of y fixed at 1, minimising yᵀΣy is a convex QP whose constraints are those of w scaled by κ.
     */
    public Allocation maxSharpe(ScenarioMatrix scenarios, double beta, PortfolioConstraints c, double riskFree) {
        if (!c.hasBudget()) {
            throw new IllegalArgumentException("budget: maximum Sharpe needs a budget (the ratio is scale-free)");
        }
        if (!Double.isFinite(riskFree)) {
            throw new IllegalArgumentException("riskFree: must be finite, got " + riskFree);
        }
        double[][] cov = scenarios.covariance();
        double[] mean = scenarios.means();
        PortfolioModel pm = PortfolioModel.homogenised(c);
        Expression excess = pm.freeRow("excess").level(1.0);
        pm.setNetReturn(excess, mean);
        excess.set(pm.kappa, -riskFree * c.budget());
        Expression risk = pm.freeRow("variance").weight(1.0);
        setQuadratic(risk, pm, cov);
        Optimisation.Result r = pm.model.minimise();
        double kappa = r.getState().isFeasible() ? r.doubleValue(pm.kappa.getIndex().index) : 0.0;
        if (!r.getState().isFeasible() || !(kappa > 1e-12)) {
            String clash = Feasibility.constraintsClash(c);
            String reason = clash != null
                    ? clash
                    : String.format(
                            Locale.ROOT,
                            "no portfolio under the constraints has an expected return above the risk-free rate %.6g",
                            riskFree);
            return Allocation.failed(scenarios.names(), AllocationStatus.INFEASIBLE, reason, NAME);
        }
        double[] y = pm.weights(r);
        double[] w = new double[y.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = y[i] / kappa;
        }
        return Allocation.optimal(scenarios, beta, c, w, NAME + " (homogenised)", 1, Double.NaN);
    }

    /** How {@link #tangencyMixed} reports its method, in the solver name and the JSON. */
    public static final String TANGENCY_MIXED = "tangency mixed to target";

    /**
     * The riskless sleeve of a scenario matrix: the first strategy whose return is the same in every scenario (a
     * stablecoin earning its yield), or −1. A column with any spread (a depeg scenario, say) is a risky sleeve.
     */
    public static int risklessSleeve(ScenarioMatrix scenarios) {
        if (scenarios.strategyCount() < 2) {
            return -1;
        }
        for (int i = 0; i < scenarios.strategyCount(); i++) {
            double first = scenarios.get(0, i);
            boolean constant = true;
            for (int s = 1; s < scenarios.scenarioCount() && constant; s++) {
                constant = scenarios.get(s, i) == first;
            }
            if (constant) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Maximum Sharpe with a riskless sleeve in the universe. Asked as posed the problem is degenerate (the riskless
     * sleeve alone has an infinite ratio, or near it), so this solves the question a manager means: the tangency
     * portfolio t of the risky sleeves at the riskless sleeve's return r_f (long-only, budget 1; for mean-variance
     * t ∝ Σ⁻¹(μ − r_f) where that is long-only), then the point of the capital market line α·t + (1 − α)·riskless at
     * the risk target: α = target / σ(t) for volatility, α = (target + r_f) / (CVaR(t) + r_f) for CVaR (CVaR is
     * positively homogeneous and moves one for one with a riskless return). α is capped at 1 (no borrowing): a target
     * above the tangency's risk is not reached and the report says so. Without a target α = 1 (the tangency alone).
     * Bounds on the mixed weights are checked, not optimised over: a mix that breaks one is infeasible with the bound.
     */
    public Allocation tangencyMixed(
            ScenarioMatrix scenarios,
            double beta,
            PortfolioConstraints c,
            ObjectiveSpec.RiskMeasure measure,
            double target) {
        int cash = risklessSleeve(scenarios);
        if (cash < 0) {
            throw new IllegalArgumentException(
                    "scenarios: tangency mixing needs a riskless sleeve (a constant column)");
        }
        int n = scenarios.strategyCount();
        double riskFree = scenarios.get(0, cash);
        List<String> riskyNames = new ArrayList<>();
        int[] risky = new int[n - 1];
        for (int i = 0, k = 0; i < n; i++) {
            if (i != cash) {
                risky[k++] = i;
                riskyNames.add(scenarios.names().get(i));
            }
        }
        double[][] rows = new double[scenarios.scenarioCount()][risky.length];
        for (int s = 0; s < rows.length; s++) {
            for (int k = 0; k < risky.length; k++) {
                rows[s][k] = scenarios.get(s, risky[k]);
            }
        }
        ScenarioMatrix riskyScenarios = ScenarioMatrix.ofRows(riskyNames, rows);
        Allocation tangency = maxSharpe(riskyScenarios, beta, PortfolioConstraints.longOnly(risky.length), riskFree);
        if (!tangency.hasWeights()) {
            return Allocation.failed(
                    scenarios.names(),
                    tangency.status(),
                    "with the riskless sleeve '" + scenarios.names().get(cash) + "' at " + riskFree + ": "
                            + tangency.reason(),
                    NAME + ", " + TANGENCY_MIXED);
        }
        double[] t = tangency.weights();
        double alpha = 1.0;
        if (!Double.isNaN(target)) {
            if (measure == ObjectiveSpec.RiskMeasure.CVAR) {
                double cvar = tangency.cvar();
                alpha = (target + riskFree) / (cvar + riskFree);
                if (!(cvar + riskFree > 0)) {
                    alpha = 1.0; // the tangency is no riskier than the riskless sleeve: all of it
                }
            } else {
                alpha = target / volatility(riskyScenarios.portfolioReturns(t));
            }
            if (!(alpha >= 0)) {
                return Allocation.failed(
                        scenarios.names(),
                        AllocationStatus.INFEASIBLE,
                        String.format(
                                Locale.ROOT,
                                "riskTarget %.6g is below the riskless sleeve's own CVaR (%.6g)",
                                target,
                                -riskFree),
                        NAME + ", " + TANGENCY_MIXED);
            }
            alpha = Math.min(1.0, alpha);
        }
        double[] w = new double[n];
        w[cash] = 1 - alpha;
        for (int k = 0; k < risky.length; k++) {
            w[risky[k]] = alpha * t[k];
        }
        double[] lo = c.lower();
        double[] hi = c.upper();
        for (int i = 0; i < n; i++) {
            if (w[i] < lo[i] - 1e-9 || w[i] > hi[i] + 1e-9) {
                return Allocation.failed(
                        scenarios.names(),
                        AllocationStatus.INFEASIBLE,
                        String.format(
                                Locale.ROOT,
                                "the tangency mixed to target puts %.6g in '%s', outside its bounds [%.6g, %.6g]",
                                w[i],
                                scenarios.names().get(i),
                                lo[i],
                                hi[i]),
                        NAME + ", " + TANGENCY_MIXED);
            }
        }
        return Allocation.optimal(scenarios, beta, c, w, NAME + ", " + TANGENCY_MIXED, 1, Double.NaN);
    }

    private static double volatility(double[] r) {
        double mean = 0;
        for (double x : r) {
            mean += x;
        }
        mean /= r.length;
        double var = 0;
        for (double x : r) {
            var += (x - mean) * (x - mean);
        }
        return Math.sqrt(var / r.length);
    }

    /** Sharpe ratio of weights on the scenarios (excess mean over standard deviation). */
    public static double sharpe(ScenarioMatrix scenarios, PortfolioConstraints c, double[] w, double riskFree) {
        double[] r = scenarios.portfolioReturns(w);
        double mean = 0;
        for (double x : r) {
            mean += x;
        }
        mean /= r.length;
        double var = 0;
        for (double x : r) {
            var += (x - mean) * (x - mean);
        }
        var /= r.length;
        return (mean - c.tradingCost(w) - riskFree * c.budget()) / Math.sqrt(var);
    }

    private static void setQuadratic(Expression e, PortfolioModel pm, double[][] cov) {
        int n = cov.length;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (cov[i][j] != 0.0) {
                    e.set(pm.w[i], pm.w[j], cov[i][j]);
                }
            }
        }
    }
}
