package io.vaultrisk.allocator;

/** Solves a {@link MeanCvarProblem}; infeasibility is a result with a reason, never an exception. */
public interface MeanCvarSolver {

    Allocation solve(MeanCvarProblem problem);
}
