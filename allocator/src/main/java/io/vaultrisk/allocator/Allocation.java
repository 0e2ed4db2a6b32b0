package io.vaultrisk.allocator;

import java.util.List;

/**
 * Weights chosen by an optimiser and what they give on the scenarios: expected return and tail risk of the loss
 * −w·r + trading cost, at the problem's β. For an infeasible or unbounded problem the weights are empty and
 * {@code reason} explains.
 *
 * @param names  strategy names
 * @param weights  one weight per strategy (empty unless a solution exists)
 * @param expectedReturn  mean of w·r less the trading cost
 * @param tail  VaR and CVaR of the loss (null without a solution)
 * @param status  how the optimisation ended
 * @param reason  why, when not optimal (empty otherwise)
 * @param solver  which method produced the weights
 * @param iterations  solver iterations (master problems for cutting-plane methods, 1 for a single LP/QP)
 * @param gap  certified optimality gap in the objective's units where the method gives one, else NaN
 */
public record Allocation(
        List<String> names,
        double[] weights,
        double expectedReturn,
        TailRisk tail,
        AllocationStatus status,
        String reason,
        String solver,
        int iterations,
        double gap) {

    public Allocation {
        names = List.copyOf(names);
        weights = weights.clone();
    }

    /** Evaluates weights on the scenarios. */
    public static Allocation evaluate(
            ScenarioMatrix scenarios,
            double beta,
            PortfolioConstraints constraints,
            double[] weights,
            AllocationStatus status,
            String reason,
            String solver,
            int iterations,
            double gap) {
        double cost = constraints.tradingCost(weights);
        double[] losses = scenarios.portfolioLosses(weights);
        double mean = 0;
        for (int s = 0; s < losses.length; s++) {
            losses[s] += cost;
            mean -= losses[s];
        }
        mean /= losses.length;
        return new Allocation(
                scenarios.names(), weights, mean, TailRisk.of(losses, beta), status, reason, solver, iterations, gap);
    }

    /** An optimal allocation evaluated on the scenarios. */
    public static Allocation optimal(
            ScenarioMatrix scenarios,
            double beta,
            PortfolioConstraints constraints,
            double[] weights,
            String solver,
            int iterations,
            double gap) {
        return evaluate(scenarios, beta, constraints, weights, AllocationStatus.OPTIMAL, "", solver, iterations, gap);
    }

    /** No solution: infeasible or unbounded, with the reason. */
    public static Allocation failed(List<String> names, AllocationStatus status, String reason, String solver) {
        return new Allocation(names, new double[0], Double.NaN, null, status, reason, solver, 0, Double.NaN);
    }

    public boolean hasWeights() {
        return weights.length > 0;
    }

    public double cvar() {
        return tail == null ? Double.NaN : tail.cvar();
    }

    public double var() {
        return tail == null ? Double.NaN : tail.var();
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }
}
