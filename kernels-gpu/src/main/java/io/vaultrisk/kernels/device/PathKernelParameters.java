package io.vaultrisk.kernels.device;

import io.vaultrisk.kernels.CorrelatedPathTask;
import io.vaultrisk.kernels.PathBlock;
import io.vaultrisk.kernels.PathDynamics;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;

/**
 * A {@link CorrelatedPathTask} in the flat form {@code vr_correlated_paths} reads: a double array indexed by the
 * {@code VR_Q_*} constants of {@code vaultrisk_models.h} and an int array indexed by its {@code VR_I_*} constants, with
 * the Philox key. Derived constants (e^(−λΔt), √(1 − ρ²)) are computed here with the CPU kernel's expressions, so both
 * sides start from the same bits.
 */
public record PathKernelParameters(
        double[] values,
        int[] ints,
        int seedLo,
        int seedHi,
        int underlyings,
        int steps,
        int observations,
        int checkpoints) {
    /** The kernel's private arrays: {@code VR_PATH_MAX_U} underlyings, {@code VR_PATH_MAX_DIMS} stream dimensions. */
    public static final int MAX_UNDERLYINGS = 16, MAX_DIMS = 96;

    private static final int Q_HEAD = 8, QU_COUNT = 20, I_HEAD = 8, IU_COUNT = 6;

    public PathKernelParameters {
        values = values.clone();
        ints = ints.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public int[] ints() {
        return ints.clone();
    }

    /** Dimensions of the normal stream a step draws (the underlyings' and every {@code PathDynamics} extra). */
    public int dims() {
        return ints[1];
    }

    /** Doubles one path writes: its observations and three values per underlying at each checkpoint. */
    public int doublesPerPath() {
        return observations + 3 * checkpoints * underlyings;
    }

    /** Why the device kernel cannot run {@code task} in {@code precision}, or empty when it can. */
    public static Optional<String> unsupported(CorrelatedPathTask task, Precision precision) {
        if (precision == Precision.FLOAT && !task.dynamics().isPlainGbm()) {
            return Optional.of("float book paths are implemented for plain correlated GBM only (no jumps, Heston"
                    + " or vol factors)");
        }
        if (task.underlyings() > MAX_UNDERLYINGS) {
            return Optional.of("the device path kernel takes at most " + MAX_UNDERLYINGS + " underlyings, got "
                    + task.underlyings());
        }
        if (task.dynamics().dims() > MAX_DIMS) {
            return Optional.of("the device path kernel takes at most " + MAX_DIMS + " stream dimensions, got "
                    + task.dynamics().dims());
        }
        return Optional.empty();
    }

    public static PathKernelParameters of(CorrelatedPathTask task, Precision precision) {
        unsupported(task, precision).ifPresent(reason -> {
            throw new IllegalArgumentException(reason);
        });
        int u = task.underlyings(), nObs = task.observations(), steps = task.steps();
        PathDynamics dyn = task.dynamics();
        double[] q = new double[Q_HEAD + QU_COUNT * u + u * u];
        q[0] = dyn.dt();
        q[1] = dyn.marketMeanCount();
        q[2] = Math.exp(-dyn.marketMeanCount());
        boolean floatPaths = precision == Precision.FLOAT;
        for (int i = 0; i < u; i++) {
            double rho = dyn.rho()[i], volRho = dyn.volSpotCorrelation()[i];
            // float paths accumulate the log-return from 0 (a log-spot near 11 would eat float digits); double paths
            // start at the log-spot exactly as the CPU kernel does
            double[] column = {
                floatPaths ? 0.0 : task.logSpot0()[i],
                floatPaths ? task.logSpot0()[i] : 0.0,
                task.driftDt()[i],
                task.volSqrtDt()[i],
                dyn.jumpMeanCount()[i],
                Math.exp(-dyn.jumpMeanCount()[i]),
                dyn.jumpMean()[i],
                dyn.jumpVol()[i],
                dyn.v0()[i],
                dyn.kappa()[i],
                dyn.theta()[i],
                dyn.xi()[i],
                rho,
                Math.sqrt(1 - rho * rho),
                dyn.marketJumpMean()[i],
                dyn.marketJumpVol()[i],
                dyn.volDecay()[i],
                dyn.volShock()[i],
                volRho,
                Math.sqrt(1 - volRho * volRho)
            };
            for (int k = 0; k < QU_COUNT; k++) {
                q[Q_HEAD + k * u + i] = column[k];
            }
            for (int j = 0; j <= i; j++) {
                q[Q_HEAD + QU_COUNT * u + i * u + j] = task.lower()[i][j];
            }
        }
        int checkpoints = PathBlock.checkpoints(task);
        int[] n = new int[I_HEAD + IU_COUNT * u + 3 * nObs + steps + 1];
        n[0] = u;
        n[1] = dyn.dims();
        n[2] = steps;
        n[3] = nObs;
        n[4] = checkpoints;
        n[5] = dyn.marketCountDim();
        for (int i = 0; i < u; i++) {
            int[] column = {
                dyn.model()[i],
                dyn.jumpCountDim()[i],
                dyn.jumpSizeDim()[i],
                dyn.varianceDim()[i],
                dyn.marketSizeDim()[i],
                dyn.volDim()[i]
            };
            for (int k = 0; k < IU_COUNT; k++) {
                n[I_HEAD + k * u + i] = column[k];
            }
        }
        // observations in step order (stable, so ties keep the task's order): the kernel walks them once per path
        Integer[] order = new Integer[nObs];
        Arrays.setAll(order, o -> o);
        Arrays.sort(order, Comparator.comparingInt(o -> task.obsStep()[o]));
        int at = I_HEAD + IU_COUNT * u;
        for (int o : order) {
            n[at++] = task.obsStep()[o];
            n[at++] = task.obsUnderlying()[o];
            n[at++] = o;
        }
        for (int t = 0; t <= steps; t++) {
            n[at + t] = t > 0 && task.checkpoint()[t] ? 1 : 0;
        }
        return new PathKernelParameters(
                q, n, (int) task.seed(), (int) (task.seed() >>> 32), u, steps, nObs, checkpoints);
    }
}
