package io.vaultrisk.allocator;

/**
 * First-order oracle of the CVaR of the portfolio loss −w·r: value and a subgradient in O(S·N).
 * <p>
 * CVaR of −w·r is sublinear in w (convex and positively homogeneous), so every subgradient g at any point gives a
 * cut CVaR(w) ≥ g·w valid everywhere, with no constant term. Trading costs are not part of the oracle: they are
 * linear pieces the master problems hold exactly.
 */
final class CvarOracle {

    private final ScenarioMatrix scenarios;
    private final double beta;
    private final double[] probabilities;
    private final double[] work;

    CvarOracle(ScenarioMatrix scenarios, double beta) {
        this.scenarios = scenarios;
        this.beta = beta;
        this.probabilities = new double[scenarios.scenarioCount()];
        this.work = new double[scenarios.scenarioCount()];
    }

    /** A point, its CVaR, its losses (for line searches) and a subgradient. */
    record Cut(double[] point, double value, double[] losses, double[] gradient) {}

    Cut evaluate(double[] w) {
        return evaluateLosses(w.clone(), scenarios.portfolioLosses(w));
    }

    /** Evaluates at w whose losses are already known. */
    Cut evaluateLosses(double[] w, double[] losses) {
        TailRisk tail = TailRisk.of(losses, beta, work);
        tail.tailProbabilities(losses, probabilities);
        // subgradient −Σ p_s r_s over the tail distribution, in one pass over the tail rows only
        double[] g = new double[scenarios.strategyCount()];
        for (int s = 0; s < losses.length; s++) {
            double p = probabilities[s];
            if (p != 0) {
                scenarios.addRow(s, -p, g);
            }
        }
        return new Cut(w, tail.cvar(), losses, g);
    }

    /** CVaR of a given loss vector with its directional slope along {@code direction} losses (for Newton steps). */
    double[] valueAndSlope(double[] losses, double[] directionLosses) {
        TailRisk tail = TailRisk.of(losses, beta);
        tail.tailProbabilities(losses, probabilities);
        double slope = 0;
        for (int s = 0; s < losses.length; s++) {
            double p = probabilities[s];
            if (p != 0) {
                slope += p * directionLosses[s];
            }
        }
        return new double[] {tail.cvar(), slope};
    }
}
