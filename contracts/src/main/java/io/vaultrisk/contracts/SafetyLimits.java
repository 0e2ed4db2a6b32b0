package io.vaultrisk.contracts;

import io.vaultrisk.protocol.BasisPoints;

/**
 * The vault's oracle, loss, budget and timing limits (issue 16), fixed at deployment; docs/security.md says what each
 * one stops. Basis points are of the vault's value at feed prices.
 *
 * @param maxPoolDeviationBps refuse a rebalance while a pool's spot price is further than this from its feed
 * @param maxLossBps the vault's value at feed prices may fall at most this much over one rebalance (else it reverts)
 * @param slippageBudgetBps sum of rebalance losses allowed per budget window
 * @param turnoverBudgetBps sum of one-way turnover allowed per budget window
 * @param budgetWindowSeconds length of the budget window
 * @param minRebalanceIntervalSeconds time that must pass between two rebalances
 * @param heartbeatSeconds a feed answer older than this is stale and blocks rebalances and deposits
 * @param riskSignerDelaySeconds timelock between proposing and applying a new risk signer
 * @param maxReferenceDeviationBps refuse an allocation whose signed reference prices are further than this from the
 *     feeds (the market the allocation was computed on has moved, or the signer saw a wrong price)
 */
public record SafetyLimits(
        int maxPoolDeviationBps,
        int maxLossBps,
        int slippageBudgetBps,
        int turnoverBudgetBps,
        long budgetWindowSeconds,
        long minRebalanceIntervalSeconds,
        long heartbeatSeconds,
        long riskSignerDelaySeconds,
        int maxReferenceDeviationBps) {

    /**
     * Pool within 1% of its feed, at most 1% lost per rebalance and 2% per day, 75% turnover per day, 5 minutes
     * between rebalances, feeds stale after an hour, a new risk signer after a day, reference prices within 2% of the
     * feeds (an allocation is valid for 10 minutes; a 2% move in that time is one worth recomputing for).
     */
    public static final SafetyLimits DEFAULT = new SafetyLimits(100, 100, 200, 7500, 86_400, 300, 3600, 86_400, 200);

    /** The earlier constructor: reference prices within {@link #DEFAULT}'s band. */
    public SafetyLimits(
            int maxPoolDeviationBps,
            int maxLossBps,
            int slippageBudgetBps,
            int turnoverBudgetBps,
            long budgetWindowSeconds,
            long minRebalanceIntervalSeconds,
            long heartbeatSeconds,
            long riskSignerDelaySeconds) {
        this(
                maxPoolDeviationBps,
                maxLossBps,
                slippageBudgetBps,
                turnoverBudgetBps,
                budgetWindowSeconds,
                minRebalanceIntervalSeconds,
                heartbeatSeconds,
                riskSignerDelaySeconds,
                200);
    }

    public SafetyLimits {
        bps(maxPoolDeviationBps, "maxPoolDeviationBps", BasisPoints.TOTAL - 1);
        bps(maxLossBps, "maxLossBps", BasisPoints.TOTAL - 1);
        if (slippageBudgetBps < maxLossBps) {
            throw new IllegalArgumentException(
                    "slippageBudgetBps: must be >= maxLossBps (" + maxLossBps + "), got " + slippageBudgetBps);
        }
        if (turnoverBudgetBps <= 0) {
            throw new IllegalArgumentException("turnoverBudgetBps: must be > 0, got " + turnoverBudgetBps);
        }
        if (budgetWindowSeconds <= 0) {
            throw new IllegalArgumentException("budgetWindowSeconds: must be > 0, got " + budgetWindowSeconds);
        }
        if (minRebalanceIntervalSeconds < 0) {
            throw new IllegalArgumentException(
                    "minRebalanceIntervalSeconds: must be >= 0, got " + minRebalanceIntervalSeconds);
        }
        if (heartbeatSeconds <= 0) {
            throw new IllegalArgumentException("heartbeatSeconds: must be > 0, got " + heartbeatSeconds);
        }
        if (riskSignerDelaySeconds < 0) {
            throw new IllegalArgumentException("riskSignerDelaySeconds: must be >= 0, got " + riskSignerDelaySeconds);
        }
        bps(maxReferenceDeviationBps, "maxReferenceDeviationBps", BasisPoints.TOTAL);
    }

    /**
     * These limits with no interval between rebalances and budgets that never bind (tests that rebalance often); the
     * budget window shrinks to one second so that the vault's budget ring needs one slot.
     */
    public SafetyLimits unthrottled() {
        return new SafetyLimits(
                maxPoolDeviationBps,
                maxLossBps,
                1_000_000,
                1_000_000_000,
                1,
                0,
                heartbeatSeconds,
                riskSignerDelaySeconds,
                maxReferenceDeviationBps);
    }

    public SafetyLimits withBudgets(int slippageBudget, int turnoverBudget, long windowSeconds) {
        return new SafetyLimits(
                maxPoolDeviationBps,
                maxLossBps,
                slippageBudget,
                turnoverBudget,
                windowSeconds,
                minRebalanceIntervalSeconds,
                heartbeatSeconds,
                riskSignerDelaySeconds,
                maxReferenceDeviationBps);
    }

    public SafetyLimits withMinRebalanceInterval(long seconds) {
        return new SafetyLimits(
                maxPoolDeviationBps,
                maxLossBps,
                slippageBudgetBps,
                turnoverBudgetBps,
                budgetWindowSeconds,
                seconds,
                heartbeatSeconds,
                riskSignerDelaySeconds,
                maxReferenceDeviationBps);
    }

    public SafetyLimits withMaxReferenceDeviation(int bps) {
        return new SafetyLimits(
                maxPoolDeviationBps,
                maxLossBps,
                slippageBudgetBps,
                turnoverBudgetBps,
                budgetWindowSeconds,
                minRebalanceIntervalSeconds,
                heartbeatSeconds,
                riskSignerDelaySeconds,
                bps);
    }

    private static void bps(int v, String field, int max) {
        if (v < 0 || v > max) {
            throw new IllegalArgumentException(field + ": must be in [0, " + max + "], got " + v);
        }
    }
}
