package io.vaultrisk.allocator;

import java.util.Locale;

/**
 * An objective with the parameters it needs, validated once for the CLI and the service; {@link #solve} runs the
 * optimiser that objective names.
 *
 * @param beta          CVaR confidence level in (0, 1)
 * @param targetReturn  min-cvar: least expected return over the horizon, NaN for none
 * @param cvarLimit     max-return: largest CVaR of the loss allowed (required there), NaN elsewhere
 * @param riskFree      max-sharpe: risk-free return over the horizon
 * @param kellyFraction kelly: fraction of full Kelly in (0, 1]
 * @param risk          risk-parity: the risk whose contributions are equalised; max-sharpe: the measure of riskTarget
 * @param solver        min-cvar/max-return: the mean-CVaR solver
 * @param riskTarget    max-sharpe with a riskless sleeve: the volatility or CVaR (per {@code risk}) over the horizon
 *                      the tangency portfolio is mixed down to with the riskless sleeve; NaN: the tangency alone
 * @param maxIterations min-cvar/max-return: master problems of the bundle method before it stops NOT_CONVERGED;
 *                      0 for its default
 */
public record ObjectiveSpec(
        Objective objective,
        double beta,
        double targetReturn,
        double cvarLimit,
        double riskFree,
        double kellyFraction,
        RiskMeasure risk,
        CvarSolver solver,
        double riskTarget,
        int maxIterations) {
    public static final double DEFAULT_BETA = 0.95;
    public static final double DEFAULT_KELLY_FRACTION = 0.5;

    /** The risk whose contributions risk parity equalises. */
    public enum RiskMeasure {
        VOLATILITY,
        CVAR;

        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** {@code volatility} or {@code cvar}, any case; else an error naming {@code risk}. */
        public static RiskMeasure fromJson(String name) {
            for (RiskMeasure r : values()) {
                if (r.jsonName().equalsIgnoreCase(name == null ? "" : name.strip())) {
                    return r;
                }
            }
            throw new InvalidAllocationSpecException("risk", "unknown risk '" + name + "' (allowed: volatility, cvar)");
        }
    }

    /** The mean-CVaR solver: the bundle method (any size) or the direct LP (small scenario sets; the reference). */
    public enum CvarSolver {
        BUNDLE,
        LP;

        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** {@code bundle} or {@code lp}; else an error naming {@code solver}. */
        public static CvarSolver fromJson(String name) {
            for (CvarSolver s : values()) {
                if (s.jsonName().equals(name)) {
                    return s;
                }
            }
            throw new InvalidAllocationSpecException("solver", "unknown solver '" + name + "' (allowed: bundle, lp)");
        }

        MeanCvarSolver solver(int maxIterations) {
            if (this == LP) {
                return DirectCvarLp.DEFAULT;
            }
            return maxIterations == 0
                    ? CvarBundleSolver.DEFAULT
                    : CvarBundleSolver.of(1e-9, 1e-9, 0.3, maxIterations); // DEFAULT's tolerances
        }
    }

    public ObjectiveSpec {
        if (objective == null) {
            throw new InvalidAllocationSpecException("objective", "is required");
        }
        if (!(beta > 0 && beta < 1)) {
            throw new InvalidAllocationSpecException("beta", "must be in (0, 1), got " + beta);
        }
        if (Double.isInfinite(targetReturn)) {
            throw new InvalidAllocationSpecException("targetReturn", "must be finite");
        }
        if (Double.isInfinite(cvarLimit)) {
            throw new InvalidAllocationSpecException("cvarLimit", "must be finite");
        }
        if (objective == Objective.MAX_RETURN && Double.isNaN(cvarLimit)) {
            throw new InvalidAllocationSpecException("cvarLimit", "is required for objective max-return");
        }
        if (!Double.isFinite(riskFree)) {
            throw new InvalidAllocationSpecException("riskFree", "must be finite");
        }
        if (!(kellyFraction > 0 && kellyFraction <= 1)) {
            throw new InvalidAllocationSpecException("kellyFraction", "must be in (0, 1], got " + kellyFraction);
        }
        if (risk == null) {
            throw new InvalidAllocationSpecException("risk", "is required");
        }
        if (solver == null) {
            throw new InvalidAllocationSpecException("solver", "is required");
        }
        if (!Double.isNaN(riskTarget) && !(riskTarget > 0 && Double.isFinite(riskTarget))) {
            throw new InvalidAllocationSpecException("riskTarget", "must be a positive number, got " + riskTarget);
        }
        if (maxIterations < 0) {
            throw new InvalidAllocationSpecException(
                    "maxIterations", "must be >= 1 (0: the default), got " + maxIterations);
        }
    }

    /** Without a risk target and with the bundle method's default iteration limit. */
    public ObjectiveSpec(
            Objective objective,
            double beta,
            double targetReturn,
            double cvarLimit,
            double riskFree,
            double kellyFraction,
            RiskMeasure risk,
            CvarSolver solver) {
        this(objective, beta, targetReturn, cvarLimit, riskFree, kellyFraction, risk, solver, Double.NaN, 0);
    }

    /** An objective with every parameter at its default (no target return, no CVaR limit, risk-free 0). */
    public static ObjectiveSpec of(Objective objective) {
        return new ObjectiveSpec(
                objective,
                DEFAULT_BETA,
                Double.NaN,
                Double.NaN,
                0.0,
                DEFAULT_KELLY_FRACTION,
                RiskMeasure.VOLATILITY,
                CvarSolver.BUNDLE);
    }

    public ObjectiveSpec withBeta(double b) {
        return new ObjectiveSpec(
                objective,
                b,
                targetReturn,
                cvarLimit,
                riskFree,
                kellyFraction,
                risk,
                solver,
                riskTarget,
                maxIterations);
    }

    public ObjectiveSpec withTargetReturn(double t) {
        return new ObjectiveSpec(
                objective, beta, t, cvarLimit, riskFree, kellyFraction, risk, solver, riskTarget, maxIterations);
    }

    public ObjectiveSpec withCvarLimit(double limit) {
        return new ObjectiveSpec(
                objective, beta, targetReturn, limit, riskFree, kellyFraction, risk, solver, riskTarget, maxIterations);
    }

    public ObjectiveSpec withRiskFree(double r) {
        return new ObjectiveSpec(
                objective, beta, targetReturn, cvarLimit, r, kellyFraction, risk, solver, riskTarget, maxIterations);
    }

    public ObjectiveSpec withKellyFraction(double f) {
        return new ObjectiveSpec(
                objective, beta, targetReturn, cvarLimit, riskFree, f, risk, solver, riskTarget, maxIterations);
    }

    public ObjectiveSpec withRisk(RiskMeasure r) {
        return new ObjectiveSpec(
                objective,
                beta,
                targetReturn,
                cvarLimit,
                riskFree,
                kellyFraction,
                r,
                solver,
                riskTarget,
                maxIterations);
    }

    public ObjectiveSpec withRiskTarget(double target) {
        return new ObjectiveSpec(
                objective, beta, targetReturn, cvarLimit, riskFree, kellyFraction, risk, solver, target, maxIterations);
    }

    public ObjectiveSpec withMaxIterations(int limit) {
        return new ObjectiveSpec(
                objective, beta, targetReturn, cvarLimit, riskFree, kellyFraction, risk, solver, riskTarget, limit);
    }

    public ObjectiveSpec withSolver(CvarSolver s) {
        return new ObjectiveSpec(
                objective, beta, targetReturn, cvarLimit, riskFree, kellyFraction, risk, s, riskTarget, maxIterations);
    }

    /** The optimal allocation on {@code scenarios} under {@code c} (risk parity uses the budget only). */
    public Allocation solve(ScenarioMatrix scenarios, PortfolioConstraints c) {
        return switch (objective) {
            case MIN_CVAR ->
                solver.solver(maxIterations).solve(MeanCvarProblem.minCvar(scenarios, beta, c, targetReturn));
            case MAX_RETURN ->
                solver.solver(maxIterations).solve(MeanCvarProblem.maxReturn(scenarios, beta, c, cvarLimit));
            case MIN_VARIANCE -> MeanVarianceOptimizer.DEFAULT.minVariance(scenarios, beta, c);
            case MAX_SHARPE ->
                // with a riskless sleeve the ratio is maximised by all of it or none: the capital market line instead
                MeanVarianceOptimizer.risklessSleeve(scenarios) >= 0
                        ? MeanVarianceOptimizer.DEFAULT.tangencyMixed(scenarios, beta, c, risk, riskTarget)
                        : MeanVarianceOptimizer.DEFAULT.maxSharpe(scenarios, beta, c, riskFree);
            case RISK_PARITY ->
                risk == RiskMeasure.CVAR
                        ? RiskParity.DEFAULT.cvar(scenarios, beta, 1.0)
                        : RiskParity.DEFAULT.volatility(scenarios, beta, 1.0);
            case KELLY -> KellyOptimizer.DEFAULT.maximise(scenarios, beta, c.withBudget(Double.NaN), kellyFraction);
        };
    }
}
