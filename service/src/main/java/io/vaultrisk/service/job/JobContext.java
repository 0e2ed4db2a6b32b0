package io.vaultrisk.service.job;

/** What a running job may tell the runner: progress in [0, 1] and simulated paths (for the throughput metric). */
public interface JobContext {
    String jobId();

    /** Throws {@link java.util.concurrent.CancellationException} once the job has been cancelled. */
    void progress(double fraction);

    /** Throws {@link java.util.concurrent.CancellationException} once the job has been cancelled. */
    void checkCancelled();

    void simulatedPaths(long paths);
}
