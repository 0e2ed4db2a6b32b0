package io.vaultrisk.allocator;

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
