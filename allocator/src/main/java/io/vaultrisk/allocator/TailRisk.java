package io.vaultrisk.allocator;

/**
 * Value at risk and conditional value at risk of a loss distribution given by S equally likely scenarios.
 * <p>
 * With m = (1 − β)·S tail scenarios, CVaR is the mean of the worst m losses, where the scenario on the boundary
 * counts with the fractional weight m − ⌊m⌋ when m is not an integer. That is exactly the Rockafellar–Uryasev
 * minimum of α + Σ(L − α)⁺ / m, so this value and the LP agree to rounding. VaR is the lower β-quantile, the
 * (⌊m⌋+1)-th largest loss, which is also an α attaining that minimum.
 *
 * @param var  value at risk at β
 * @param cvar  conditional value at risk at β
 * @param beta  the confidence level, in (0, 1)
 * @param tailMass  m = (1 − β)·S, the number of scenarios in the tail (possibly fractional)
 */
public record TailRisk(double var, double cvar, double beta, double tailMass) {

    /** Relative tolerance for deciding that (1 − β)·S is an integer: 0.05·2000 is 100.00000000000009 in doubles. */
    private static final double INTEGER_TOLERANCE = 1e-9;

    /** Computes VaR and CVaR of the losses at β in O(S) (selection, not a sort). The array is not modified. */
    public static TailRisk of(double[] losses, double beta) {
        return of(losses, beta, new double[losses.length]);
    }

    /** As {@link #of(double[], double)}, selecting in {@code work} (as long as the losses) to spare an allocation. */
    static TailRisk of(double[] losses, double beta, double[] work) {
        if (work.length != losses.length) {
            throw new IllegalArgumentException(
                    "work: length " + work.length + " differs from the " + losses.length + " losses");
        }
        double m = tailMass(losses.length, beta);
        System.arraycopy(losses, 0, work, 0, losses.length);
        int k = (int) Math.floor(m);
        // the boundary value: the (k+1)-th largest loss
        double threshold = Selection.kthLargest(work, Math.min(k, work.length - 1));
        double above = 0;
        int countAbove = 0;
        for (double loss : losses) {
            if (loss > threshold) {
                above += loss;
                countAbove++;
            }
        }
        // ties at the threshold fill the remaining tail mass, so ties need no special case
        double cvar = (above + (m - countAbove) * threshold) / m;
        return new TailRisk(threshold, cvar, beta, m);
    }

    /**
     * The tail mass (1 − β)·S, snapped to the nearest integer when within a relative 1e-9 of it, so that the
     * floating-point product never drops or adds a sliver of a scenario.
     */
    public static double tailMass(int scenarioCount, double beta) {
        if (!(beta > 0.0 && beta < 1.0)) {
            throw new IllegalArgumentException("beta: must be in (0, 1), got " + beta);
        }
        if (scenarioCount < 1) {
            throw new IllegalArgumentException("scenarios: at least one is required");
        }
        double m = (1.0 - beta) * scenarioCount;
        double nearest = Math.rint(m);
        if (Math.abs(m - nearest) <= INTEGER_TOLERANCE * Math.max(1.0, nearest)) {
            m = nearest;
        }
        return Math.max(m, Double.MIN_NORMAL);
    }

    /**
     * Writes the probabilities of the tail distribution into {@code out} (one per scenario, summing to 1): 1/m on
     * losses above VaR and the remaining mass spread over the losses equal to VaR. These are the scenario weights of a
     * subgradient of CVaR with respect to the portfolio weights ({@code ∂CVaR/∂w = −Σ p_s r_s}).
     */
    public void tailProbabilities(double[] losses, double[] out) {
        int countAbove = 0;
        int countAt = 0;
        for (double loss : losses) {
            if (loss > var) {
                countAbove++;
            } else if (loss == var) {
                countAt++;
            }
        }
        double pAbove = 1.0 / tailMass;
        double pAt = countAt == 0 ? 0.0 : (tailMass - countAbove) / tailMass / countAt;
        for (int s = 0; s < losses.length; s++) {
            double loss = losses[s];
            out[s] = loss > var ? pAbove : (loss == var ? pAt : 0.0);
        }
    }
}
