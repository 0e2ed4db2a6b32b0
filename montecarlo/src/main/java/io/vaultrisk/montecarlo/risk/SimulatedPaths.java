package io.vaultrisk.montecarlo.risk;

import java.io.Serializable;
import java.util.List;

/**
 * The simulated paths [first, first + count) of a risk run, as {@link RiskEngine#simulate} returns them and
 * {@link RiskEngine#reduce} takes them back: what the reduction needs of those paths and nothing of the random
 * stream (any range is recomputed from the seed and its path indices). Serializable, so that a distributed run can
 * send it from the worker that simulated it to the one that reduces the run.
 *
 * @param obs        observed spots (and vol factors) of each path: {@code obs[o][path − first]}
 * @param perpValue  the perpetuals' total value at each horizon: {@code perpValue[h][path − first]}
 * @param blockStats per 4,096-path block of the range, in block order: liquidation counts and funding sums per
 *                   horizon and perpetual, which the reduction adds in block order over the whole run
 * @param backend    the backend that ran the paths, and its device
 * @param warnings   the simulation's warnings (a device absent, failed, or without a kernel for the task)
 */
public record SimulatedPaths(
        long first,
        int count,
        double[][] obs,
        double[][] perpValue,
        double[][] blockStats,
        String backend,
        String device,
        List<String> warnings)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public SimulatedPaths {
        warnings = List.copyOf(warnings);
    }

    /** The range with its warnings, which the simulation collects while it runs. */
    SimulatedPaths withWarnings(List<String> more) {
        return new SimulatedPaths(first, count, obs, perpValue, blockStats, backend, device, more);
    }

    /** An estimate of the bytes this range takes on the wire: the doubles it carries. */
    public long payloadBytes() {
        long doubles = 0;
        for (double[] row : obs) {
            doubles += row.length;
        }
        for (double[] row : perpValue) {
            doubles += row.length;
        }
        for (double[] row : blockStats) {
            doubles += row.length;
        }
        return 8 * doubles;
    }
}
