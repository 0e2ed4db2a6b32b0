package io.vaultrisk.service.job;

/** The job queues, each drained by its own workers. */
public enum JobQueue {
    /** Signing and publishing allocations: short, and what executors wait for. */
    PUBLISH,
    /** Monte Carlo risk runs, stress reports, surface fits: long, bounded by the work budget. */
    COMPUTE
}
