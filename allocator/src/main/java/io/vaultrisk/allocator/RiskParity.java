package io.vaultrisk.allocator;

import java.util.Arrays;
import java.util.Locale;

/**
 * Long-only risk parity: weights whose risk contributions wᵢ·∂R/∂wᵢ are equal, for R the volatility or the CVaR of
 * the loss. Both risks are positively homogeneous, so contributions add up to R (Euler) and the weights are the
 * minimiser of R(y) − Σ bᵢ ln yᵢ rescaled to the budget (Spinu 2013; Mausser &amp; Romanko 2014 for CVaR).
 * Only the budget applies: bounds, caps and turnover would make equal contributions unattainable in general.
 */
public final class RiskParity {

    public static final RiskParity DEFAULT = new RiskParity();

    static final String VOLATILITY_NAME = "risk-parity newton (volatility)";
    static final String CVAR_NAME = "risk-parity tail fixed point (cvar)";
    private static final int MAX_ITERATIONS = 1000;

    private RiskParity() {}

    /**
     * Equal contributions to volatility: Newton's method on ½yᵀΣy − Σ ln(yᵢ)/N, which is strictly convex on y &gt; 0
     * when Σ is positive definite.
     */
    public Allocation volatility(ScenarioMatrix scenarios, double beta, double budget) {
        checkBudget(budget);
        double[][] cov = scenarios.covariance();
        int n = cov.length;
        double b = 1.0 / n;
        double[] y = new double[n];
        double largest = 0;
        for (int i = 0; i < n; i++) {
            largest = Math.max(largest, cov[i][i]);
        }
        for (int i = 0; i < n; i++) {
            // relative test: a constant column shows a variance of rounding size, not zero
            if (!(cov[i][i] > 1e-20 * largest)) {
                return Allocation.failed(
                        scenarios.names(),
                        AllocationStatus.INFEASIBLE,
                        "strategy '" + scenarios.names().get(i)
                                + "' has zero variance: it cannot take an equal risk share",
                        VOLATILITY_NAME);
            }
            y[i] = 1.0 / Math.sqrt(cov[i][i]);
        }
        int iteration = 0;
        for (; iteration < MAX_ITERATIONS; iteration++) {
            double[] sy = DenseLinearAlgebra.multiply(cov, y);
            double[] grad = new double[n];
            double[][] hess = new double[n][];
            double norm = 0;
            for (int i = 0; i < n; i++) {
                grad[i] = sy[i] - b / y[i];
                hess[i] = cov[i].clone();
                hess[i][i] += b / (y[i] * y[i]);
                norm = Math.max(norm, Math.abs(grad[i] * y[i]));
            }
            if (norm < 1e-15) {
                break;
            }
            double[] step = DenseLinearAlgebra.solveSpd(hess, grad);
            // largest step keeping y > 0, then backtracking on the objective
            double t = 1.0;
            for (int i = 0; i < n; i++) {
                if (step[i] > 0) {
                    t = Math.min(t, 0.99 * y[i] / step[i]);
                }
            }
            double f0 = spinu(cov, y, b);
            double[] next = new double[n];
            for (int k = 0; k < 60; k++) {
                for (int i = 0; i < n; i++) {
                    next[i] = y[i] - t * step[i];
                }
                if (spinu(cov, next, b) <= f0) {
                    break;
                }
                t *= 0.5;
            }
            y = next.clone();
        }
        return finish(scenarios, beta, budget, y, VOLATILITY_NAME, iteration);
    }

    /**
     * Equal contributions to CVaR. For a fixed tail (the scenarios beyond VaR with their probabilities) CVaR is the
     * linear function gᵀy with gᵢ the tail-mean loss of strategy i, and equal contributions are yᵢ ∝ 1/gᵢ in closed
     * form; the method alternates the two, damped geometrically, until the tail reproduces itself, which makes the
     * contributions equal exactly (up to the split of tied scenarios).
     */
    public Allocation cvar(ScenarioMatrix scenarios, double beta, double budget) {
        checkBudget(budget);
        int n = scenarios.strategyCount();
        CvarOracle oracle = new CvarOracle(scenarios, beta);
        double[] y = new double[n];
        Arrays.fill(y, 1.0 / n);
        int iteration = 0;
        double deviation = Double.POSITIVE_INFINITY;
        for (; iteration < MAX_ITERATIONS; iteration++) {
            CvarOracle.Cut cut = oracle.evaluate(y);
            double[] g = cut.gradient();
            for (int i = 0; i < n; i++) {
                if (!(g[i] > 0)) {
                    return Allocation.failed(
                            scenarios.names(),
                            AllocationStatus.INFEASIBLE,
                            String.format(
                                    Locale.ROOT,
                                    "strategy '%s' gains on average in the portfolio's CVaR tail (marginal CVaR %.6g), so no long-only "
                                            + "weights give it an equal positive share",
                                    scenarios.names().get(i),
                                    g[i]),
                            CVAR_NAME);
                }
            }
            deviation = deviation(y, g);
            if (deviation < 1e-12) {
                break;
            }
            double sum = 0;
            for (int i = 0; i < n; i++) {
                y[i] = Math.sqrt(y[i] / g[i]);
                sum += y[i];
            }
            for (int i = 0; i < n; i++) {
                y[i] /= sum;
            }
        }
        Allocation a = finish(scenarios, beta, budget, y, CVAR_NAME, iteration);
        if (deviation >= 1e-8) {
            return Allocation.evaluate(
                    scenarios,
                    beta,
                    PortfolioConstraints.longOnly(n).withBudget(budget),
                    a.weights(),
                    AllocationStatus.NOT_CONVERGED,
                    String.format(
                            Locale.ROOT,
                            "the tail kept switching; contributions differ from equal by up to %.3g of CVaR",
                            deviation),
                    CVAR_NAME,
                    iteration,
                    deviation);
        }
        return a;
    }

    /** Contributions wᵢ·∂R/∂wᵢ to volatility, as fractions of it. */
    public static double[] volatilityShares(ScenarioMatrix scenarios, double[] w) {
        double[] sw = DenseLinearAlgebra.multiply(scenarios.covariance(), w);
        double variance = 0;
        for (int i = 0; i < w.length; i++) {
            variance += w[i] * sw[i];
        }
        double[] out = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            out[i] = w[i] * sw[i] / variance;
        }
        return out;
    }

    /** Contributions wᵢ·gᵢ to CVaR (g the tail-mean loss per strategy), as fractions of it. */
    public static double[] cvarShares(ScenarioMatrix scenarios, double beta, double[] w) {
        CvarOracle.Cut cut = new CvarOracle(scenarios, beta).evaluate(w);
        double[] out = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            out[i] = w[i] * cut.gradient()[i] / cut.value();
        }
        return out;
    }

    private static double deviation(double[] y, double[] g) {
        double total = 0;
        for (int i = 0; i < y.length; i++) {
            total += y[i] * g[i];
        }
        double worst = 0;
        for (int i = 0; i < y.length; i++) {
            worst = Math.max(worst, Math.abs(y[i] * g[i] / total - 1.0 / y.length));
        }
        return worst;
    }

    private static double spinu(double[][] cov, double[] y, double b) {
        double[] sy = DenseLinearAlgebra.multiply(cov, y);
        double f = 0;
        for (int i = 0; i < y.length; i++) {
            if (!(y[i] > 0)) {
                return Double.POSITIVE_INFINITY;
            }
            f += 0.5 * y[i] * sy[i] - b * Math.log(y[i]);
        }
        return f;
    }

    private static Allocation finish(
            ScenarioMatrix scenarios, double beta, double budget, double[] y, String solver, int iterations) {
        double sum = Arrays.stream(y).sum();
        double[] w = new double[y.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = budget * y[i] / sum;
        }
        PortfolioConstraints c = PortfolioConstraints.longOnly(w.length).withBudget(budget);
        return Allocation.optimal(scenarios, beta, c, w, solver, iterations, Double.NaN);
    }

    private static void checkBudget(double budget) {
        if (!(budget > 0) || !Double.isFinite(budget)) {
            throw new IllegalArgumentException("budget: risk parity needs a positive budget, got " + budget);
        }
    }
}
