package io.vaultrisk.kernels;

/**
 * What a backend returns for paths [first, first + count) of a {@link CorrelatedPathTask}: each path's observations
 * and, at each checkpoint step, its log-spots with their minimum and maximum since the previous checkpoint. Both are
 * path-major so a block can be cut into slices per thread without copying. The size is
 * O(count × (observations + 3 × underlyings × checkpoints)), never O(count × steps): engines ask for large runs in
 * chunks and keep host and device memory bounded.
 *
 * @param observed {@code [path · observations + o]}: spot of observation o (or the vol factor X, see the task)
 * @param checkpointLn {@code [(path · checkpoints + c) · underlyings + u]}: log-spot at checkpoint c
 * @param checkpointLow the same layout: minimum log-spot over the steps since the previous checkpoint, c included
 * @param checkpointHigh the same layout: the maximum
 * @param device the device that produced the block, as {@link PathBackend#device()} says it
 */
public record PathBlock(
        long first,
        int count,
        int observations,
        int underlyings,
        int checkpoints,
        double[] observed,
        double[] checkpointLn,
        double[] checkpointLow,
        double[] checkpointHigh,
        String device) {

    public PathBlock {
        if (count < 0 || first < 0) {
            throw new IllegalArgumentException("first and count must be >= 0, got " + first + ", " + count);
        }
        long cp = (long) count * checkpoints * underlyings;
        if (observed.length != (long) count * observations
                || checkpointLn.length != cp
                || checkpointLow.length != cp
                || checkpointHigh.length != cp) {
            throw new IllegalArgumentException("path block arrays do not match " + count + " paths × "
                    + observations + " observations, " + checkpoints + " checkpoints × " + underlyings
                    + " underlyings");
        }
    }

    /** An empty block of the task's shape, filled by a backend. */
    public static PathBlock allocate(CorrelatedPathTask task, long first, int count, String device) {
        int cps = checkpoints(task), u = task.underlyings();
        int cp = Math.multiplyExact(Math.multiplyExact(count, cps), u);
        return new PathBlock(
                first,
                count,
                task.observations(),
                u,
                cps,
                new double[Math.multiplyExact(count, task.observations())],
                new double[cp],
                new double[cp],
                new double[cp],
                device);
    }

    /** The number of checkpoint steps of a task. */
    public static int checkpoints(CorrelatedPathTask task) {
        int n = 0;
        for (boolean c : task.checkpoint()) {
            if (c) {
                n++;
            }
        }
        return n;
    }

    /** Observation {@code o} of path {@code first + i}. */
    public double observed(int i, int o) {
        return observed[i * observations + o];
    }

    /** Index into the checkpoint arrays of path {@code first + i}, checkpoint {@code c}, underlying {@code u}. */
    public int checkpointIndex(int i, int c, int u) {
        return (i * checkpoints + c) * underlyings + u;
    }
}
