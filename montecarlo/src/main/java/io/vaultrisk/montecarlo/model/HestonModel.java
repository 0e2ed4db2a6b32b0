package io.vaultrisk.montecarlo.model;

/**
 * Heston (1993): dS/S = r dt + √V dW₁, dV = κ(θ − V) dt + ξ√V dW₂, d⟨W₁, W₂⟩ = ρ dt.
 * The Feller condition 2κθ ≥ ξ² often fails for crypto (vol of vol above 1); the QE scheme handles that.
 */
public record HestonModel(double v0, double kappa, double theta, double xi, double rho) implements PricingModel {
    public HestonModel {
        if (!(v0 >= 0) || v0 > 100) {
            throw new IllegalArgumentException("v0 (initial variance) must be in [0, 100], got " + v0);
        }
        if (!(kappa > 0) || kappa > 1000) {
            throw new IllegalArgumentException("kappa (mean reversion) must be in (0, 1000], got " + kappa);
        }
        if (!(theta > 0) || theta > 100) {
            throw new IllegalArgumentException("theta (long-run variance) must be in (0, 100], got " + theta);
        }
        if (!(xi > 0) || xi > 20) {
            throw new IllegalArgumentException("xi (vol of variance) must be in (0, 20], got " + xi);
        }
        if (!(rho >= -1 && rho <= 1)) {
            throw new IllegalArgumentException("rho must be in [-1, 1], got " + rho);
        }
    }

    public static HestonModel of(double v0, double kappa, double theta, double xi, double rho) {
        return new HestonModel(v0, kappa, theta, xi, rho);
    }

    public boolean fellerHolds() {
        return 2 * kappa * theta >= xi * xi;
    }

    @Override
    public io.vaultrisk.kernels.ModelKind kind() {
        return io.vaultrisk.kernels.ModelKind.HESTON;
    }

    @Override
    public double[] parameters() {
        return new double[] {v0, kappa, theta, xi, rho};
    }

    @Override
    public java.util.List<String> estimatedGreeks() {
        return java.util.List.of("delta", "gamma", "rho");
    }
}
