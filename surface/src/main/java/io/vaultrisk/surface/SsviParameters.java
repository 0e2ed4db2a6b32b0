package io.vaultrisk.surface;

/**
 * Surface SVI of Gatheral and Jacquier (2014), "Arbitrage-free SVI volatility surfaces", with the power-law curvature
 * {@code φ(θ) = η / (θ^γ (1 + θ)^{1-γ})}: {@code w(k, θ) = θ/2 [1 + ρφk + √((φk + ρ)² + 1 - ρ²)]}, where {@code θ_t} is
 * the at-the-money total variance.
 * <p>
 * The factory enforces the sufficient conditions of their Remark 4.4 (with Theorem 4.1 and Corollary 4.1):
 * {@code 0 < γ ≤ 1/2} and {@code η (1 + |ρ|) ≤ 2} make every slice free of butterfly arbitrage for all θ, and
 * {@code θφ(θ)} non-decreasing (true for γ ≤ 1) makes the surface free of calendar arbitrage as long as {@code θ_t} is
 * non-decreasing in t, which {@link SsviFitter} imposes.
 *
 * @param rho correlation-like skew, |ρ| &lt; 1
 * @param eta curvature level, η &gt; 0
 * @param gamma curvature decay in θ, 0 &lt; γ ≤ 1/2
 */
public record SsviParameters(double rho, double eta, double gamma) {

    /** Validates the no-arbitrage parameter domain and names the parameter that leaves it. */
    public SsviParameters {
        if (!(Math.abs(rho) < 1.0)) {
            throw new IllegalArgumentException("SSVI rho must lie in (-1, 1), got " + rho);
        }
        if (!(gamma > 0.0 && gamma <= 0.5)) {
            throw new IllegalArgumentException(
                    "SSVI gamma must lie in (0, 1/2] for absence of arbitrage, got " + gamma);
        }
        if (!(eta > 0.0) || eta * (1.0 + Math.abs(rho)) > 2.0 + 1e-12) {
            throw new IllegalArgumentException("SSVI eta must be positive with eta (1 + |rho|) <= 2 for absence of"
                    + " butterfly arbitrage, got eta=" + eta + " rho=" + rho);
        }
    }

    public static SsviParameters of(double rho, double eta, double gamma) {
        return new SsviParameters(rho, eta, gamma);
    }

    /** The curvature function {@code φ(θ)}. */
    public double phi(double theta) {
        return eta / (Math.pow(theta, gamma) * Math.pow(1.0 + theta, 1.0 - gamma));
    }

    /** Total variance at log-moneyness k on the slice with at-the-money total variance θ. */
    public double totalVariance(double k, double theta) {
        double p = phi(theta);
        double u = p * k + rho;
        return 0.5 * theta * (1.0 + rho * p * k + Math.sqrt(u * u + 1.0 - rho * rho));
    }

    /**
     * The slice at θ as raw SVI (Gatheral–Jacquier, section 3): {@code a = θ(1-ρ²)/2}, {@code b = θφ/2},
     * {@code m = -ρ/φ}, {@code σ = √(1-ρ²)/φ}.
     */
    public SviParameters slice(double theta) {
        if (!(theta > 0.0) || Double.isInfinite(theta)) {
            throw new IllegalArgumentException("SSVI theta (ATM total variance) must be positive, got " + theta);
        }
        double p = phi(theta);
        double r = Math.sqrt(1.0 - rho * rho);
        return SviParameters.of(0.5 * theta * (1.0 - rho * rho), 0.5 * theta * p, rho, -rho / p, r / p);
    }
}
