package io.vaultrisk.kernels;

import java.util.List;

/**
 * What a backend returns for a {@link EuropeanTask}: one set of sums per independent estimate (one for pseudo-random
 * and antithetic sampling, one per digital shift for QMC), and the device it ran on.
 */
public record EuropeanRun(String device, List<EstimatorSums> estimates) {
    public EuropeanRun {
        estimates = List.copyOf(estimates);
    }
}
