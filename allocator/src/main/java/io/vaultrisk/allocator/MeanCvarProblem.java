package io.vaultrisk.allocator;

/**
 * A mean-CVaR problem on equally likely scenarios: either minimum CVaR of the loss subject to a target expected
 * return (none when the target is NaN), or maximum expected return subject to a CVaR limit. Returns and losses are
 * net of the proportional trading cost in the constraints.
 *
 * @param scenarios  the scenario matrix
 * @param beta  CVaR confidence level in (0, 1)
 * @param constraints  the feasible weights
 * @param maximiseReturn  false: minimise CVaR; true: maximise return
 * @param targetReturn  lower bound on expected return when minimising CVaR, NaN for none
 * @param cvarLimit  upper bound on CVaR when maximising return
 */
public record MeanCvarProblem(
        ScenarioMatrix scenarios,
        double beta,
        PortfolioConstraints constraints,
        boolean maximiseReturn,
        double targetReturn,
        double cvarLimit) {

    public static MeanCvarProblem minCvar(
            ScenarioMatrix scenarios, double beta, PortfolioConstraints constraints, double targetReturn) {
        check(scenarios, beta, constraints);
        if (Double.isInfinite(targetReturn)) {
            throw new IllegalArgumentException("targetReturn: must be finite (or NaN for none), got " + targetReturn);
        }
        return new MeanCvarProblem(scenarios, beta, constraints, false, targetReturn, Double.NaN);
    }

    public static MeanCvarProblem maxReturn(
            ScenarioMatrix scenarios, double beta, PortfolioConstraints constraints, double cvarLimit) {
        check(scenarios, beta, constraints);
        if (!Double.isFinite(cvarLimit)) {
            throw new IllegalArgumentException("cvarLimit: must be finite, got " + cvarLimit);
        }
        return new MeanCvarProblem(scenarios, beta, constraints, true, Double.NaN, cvarLimit);
    }

    public boolean hasTarget() {
        return !Double.isNaN(targetReturn);
    }

    public MeanCvarProblem withTargetReturn(double target) {
        return minCvar(scenarios, beta, constraints, target);
    }

    private static void check(ScenarioMatrix scenarios, double beta, PortfolioConstraints constraints) {
        TailRisk.tailMass(scenarios.scenarioCount(), beta);
        if (constraints.size() != scenarios.strategyCount()) {
            throw new IllegalArgumentException("constraints: sized for " + constraints.size()
                    + " strategies, scenarios have " + scenarios.strategyCount());
        }
    }
}
