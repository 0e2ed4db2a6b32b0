package io.vaultrisk.kernels;

/** Receives the number of paths finished since the last call; called from worker threads. */
@FunctionalInterface
public interface ProgressSink {
    ProgressSink NONE = paths -> {};

    void advance(long paths);
}
