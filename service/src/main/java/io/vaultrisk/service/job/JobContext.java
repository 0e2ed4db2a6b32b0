package io.vaultrisk.service.job;

/** What a running job may tell the runner: progress in [0, 1] and simulated paths (for the throughput metric). */
public interface JobContext {
    String jobId();

    void progress(double fraction);

    void simulatedPaths(long paths);
}
