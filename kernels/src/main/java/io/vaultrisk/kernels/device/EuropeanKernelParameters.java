package io.vaultrisk.kernels.device;

import io.vaultrisk.kernels.EuropeanTask;
import io.vaultrisk.kernels.GreekMethod;
import io.vaultrisk.kernels.ModelKind;
import io.vaultrisk.kernels.Sampling;
import java.util.Optional;

/**
 * A {@link EuropeanTask} in the flat form the device kernels read: the parameter array indexed by the
 * {@code VR_P_*} constants of {@code vaultrisk_math.h}, the flag word and the Philox key. Every derived constant is
 * computed here with the same expression as the CPU kernels, so both sides start from the same bits.
 */
public record EuropeanKernelParameters(double[] values, int flags, int seedLo, int seedHi, int steps) {
    public static final int COUNT = 15;
    /** Doubles per work-group in the output buffer: Σx[7], Σx²[7], Σ price·control, padding. */
    public static final int OUT_STRIDE = 16;
    static final int FLAG_CALL = 1, FLAG_INVERSE = 2, FLAG_ANTITHETIC = 4;

    public EuropeanKernelParameters {
        values = values.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    /** Why the device kernels cannot run {@code task}, or empty when they can. */
    public static Optional<String> unsupported(EuropeanTask task) {
        if (task.model() != ModelKind.GBM) {
            return Optional.of("no device kernel for model " + task.model());
        }
        if (task.sampling() == Sampling.QMC) {
            return Optional.of("QMC (Sobol) sampling runs on the CPU only");
        }
        if (task.greekMethod() != GreekMethod.PATHWISE) {
            return Optional.of("bump (finite-difference) greeks run on the CPU only");
        }
        return Optional.empty();
    }

    public static EuropeanKernelParameters of(EuropeanTask task, Precision precision) {
        unsupported(task).ifPresent(reason -> {
            throw new IllegalArgumentException(reason);
        });
        double vol = task.parameter(0), dt = task.expiry() / task.steps();
        double logSpot = Math.log(task.spot());
        double[] p = new double[COUNT];
        // float paths accumulate the log-return from 0 (a log-spot near 4.6 would eat float digits); double paths
        // start at the log-spot exactly as the CPU kernels do
        p[0] = precision == Precision.FLOAT ? 0.0 : logSpot;
        p[1] = precision == Precision.FLOAT ? logSpot : 0.0;
        p[2] = (task.rate() - 0.5 * vol * vol) * dt;
        p[3] = vol * Math.sqrt(dt);
        p[4] = task.spot();
        p[5] = logSpot;
        p[6] = task.strike();
        p[7] = task.expiry();
        p[8] = task.rate();
        p[9] = vol;
        p[10] = Math.exp(-task.rate() * task.expiry());
        p[11] = 0.5 * (task.rate() - 0.5 * vol * vol);
        p[12] = vol * task.expiry();
        p[13] = task.call() ? 1.0 : -1.0;
        p[14] = (task.rate() - 0.5 * vol * vol) * task.expiry();
        int flags = (task.call() ? FLAG_CALL : 0) | (task.inverse() ? FLAG_INVERSE : 0)
                | (task.sampling() == Sampling.ANTITHETIC ? FLAG_ANTITHETIC : 0);
        return new EuropeanKernelParameters(p, flags, (int) task.seed(), (int) (task.seed() >>> 32), task.steps());
    }
}
