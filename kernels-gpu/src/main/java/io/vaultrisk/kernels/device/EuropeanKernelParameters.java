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
    /** Common slots 0..14, model slots from 16 ({@code VR_M_*}, {@code VR_H_*} in vaultrisk_models.h). */
    public static final int COUNT = 32;
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

    /** Why the device kernels cannot run {@code task} in {@code precision}, or empty when they can. */
    public static Optional<String> unsupported(EuropeanTask task, Precision precision) {
        if (task.model() != ModelKind.GBM && precision == Precision.FLOAT) {
            return Optional.of("float paths are implemented for gbm only");
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
        unsupported(task, precision).ifPresent(reason -> {
            throw new IllegalArgumentException(reason);
        });
        double vol = task.model() == ModelKind.HESTON ? 0.0 : task.parameter(0), dt = task.expiry() / task.steps();
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
        if (task.model() == ModelKind.MERTON) {
            merton(task, p);
        } else if (task.model() == ModelKind.HESTON) {
            heston(task, p);
        }
        int flags = (task.call() ? FLAG_CALL : 0)
                | (task.inverse() ? FLAG_INVERSE : 0)
                | (task.sampling() == Sampling.ANTITHETIC ? FLAG_ANTITHETIC : 0);
        return new EuropeanKernelParameters(p, flags, (int) task.seed(), (int) (task.seed() >>> 32), task.steps());
    }

    /** The constants of cpu/JumpDiffusionKernel, by the same expressions. */
    private static void merton(EuropeanTask task, double[] p) {
        double vol = task.parameter(0), intensity = task.parameter(1);
        double jumpMean = task.parameter(2), jumpVol = task.parameter(3);
        double dt = task.expiry() / task.steps();
        double k = Math.expm1(jumpMean + 0.5 * jumpVol * jumpVol);
        double sqrtDt = Math.sqrt(dt);
        double meanJumps = intensity * dt;
        p[16] = (task.rate() - intensity * k - 0.5 * vol * vol) * dt;
        p[17] = vol * sqrtDt;
        p[18] = sqrtDt;
        p[19] = jumpMean;
        p[20] = jumpVol;
        p[21] = meanJumps;
        p[22] = Math.exp(-meanJumps);
    }

    /** The constants of cpu/HestonQeKernel (central weights γ₁ = γ₂ = ½), by the same expressions. */
    private static void heston(EuropeanTask task, double[] p) {
        double v0 = task.parameter(0), kappa = task.parameter(1), theta = task.parameter(2);
        double xi = task.parameter(3), rho = task.parameter(4);
        double dt = task.expiry() / task.steps();
        double expKdt = Math.exp(-kappa * dt);
        double g1 = 0.5, g2 = 0.5;
        double k1 = g1 * dt * (kappa * rho / xi - 0.5) - rho / xi;
        double k2 = g2 * dt * (kappa * rho / xi - 0.5) + rho / xi;
        double k3 = g1 * dt * (1 - rho * rho);
        double k4 = g2 * dt * (1 - rho * rho);
        p[16] = v0;
        p[17] = theta;
        p[18] = expKdt;
        p[19] = xi * xi * expKdt * (1 - expKdt) / kappa;
        p[20] = theta * xi * xi * (1 - expKdt) * (1 - expKdt) / (2 * kappa);
        p[21] = k2 + 0.5 * k4;
        p[22] = k1;
        p[23] = k2;
        p[24] = k3;
        p[25] = k4;
        p[26] = task.rate() * dt;
    }
}
