package io.vaultrisk.allocator;

/** How an optimisation ended. */
public enum AllocationStatus {
    /** Optimal to the solver's stated tolerance. */
    OPTIMAL,
    /** No weights satisfy the constraints and the target; the allocation's reason says which ones clash. */
    INFEASIBLE,
    /** The objective can be improved without end (for example shorting without a leverage cap). */
    UNBOUNDED,
    /** The iteration limit was reached; the weights are feasible, the gap is reported. */
    NOT_CONVERGED;

    /** Lower-case name as written in JSON. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
