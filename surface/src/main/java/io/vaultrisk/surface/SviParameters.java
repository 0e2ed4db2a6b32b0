package io.vaultrisk.surface;

/**
 * Raw SVI smile (Gatheral 2004) in total implied variance against log-moneyness {@code k = ln(K/F)}:
 * {@code w(k) = a + b [ρ (k - m) + √((k - m)² + σ²)]}.
 *
 * @param a level
 * @param b wing slope, b ≥ 0
 * @param rho skew, |ρ| &lt; 1
 * @param m horizontal shift
 * @param sigma curvature at the minimum, σ &gt; 0
 */
public record SviParameters(double a, double b, double rho, double m, double sigma) {

    /** Validates: finite values, {@code b ≥ 0}, {@code |ρ| < 1}, {@code σ > 0} and a non-negative minimum variance. */
    public SviParameters {
        requireFinite("a", a);
        requireFinite("b", b);
        requireFinite("rho", rho);
        requireFinite("m", m);
        requireFinite("sigma", sigma);
        if (b < 0.0) {
            throw new IllegalArgumentException("SVI b must be non-negative, got " + b);
        }
        if (!(Math.abs(rho) < 1.0)) {
            throw new IllegalArgumentException("SVI rho must lie in (-1, 1), got " + rho);
        }
        if (!(sigma > 0.0)) {
            throw new IllegalArgumentException("SVI sigma must be positive, got " + sigma);
        }
        double minimum = a + b * sigma * Math.sqrt(1.0 - rho * rho);
        if (minimum < -1e-12) {
            throw new IllegalArgumentException(
                    "SVI minimum total variance a + b σ √(1-ρ²) must be non-negative, got " + minimum);
        }
    }

    public static SviParameters of(double a, double b, double rho, double m, double sigma) {
        return new SviParameters(a, b, rho, m, sigma);
    }

    /** Total implied variance {@code w(k)}. */
    public double totalVariance(double k) {
        double u = k - m;
        return a + b * (rho * u + Math.sqrt(u * u + sigma * sigma));
    }

    /** {@code w'(k)}. */
    public double slope(double k) {
        double u = k - m;
        return b * (rho + u / Math.sqrt(u * u + sigma * sigma));
    }

    /** {@code w''(k)}. */
    public double curvature(double k) {
        double u = k - m;
        double r = u * u + sigma * sigma;
        return b * sigma * sigma / (r * Math.sqrt(r));
    }

    /**
     * Durrleman's butterfly condition {@code g(k) = (1 - k w'/(2w))² - (w'²/4)(1/w + 1/4) + w''/2}: the risk-neutral
     * density is {@code g(k)/√(2πw) · exp(-d₂²/2)}, so a negative value is a negative density (butterfly arbitrage).
     */
    public double durrleman(double k) {
        double w = totalVariance(k);
        double w1 = slope(k);
        double w2 = curvature(k);
        double t = 1.0 - k * w1 / (2.0 * w);
        return t * t - 0.25 * w1 * w1 * (1.0 / w + 0.25) + 0.5 * w2;
    }

    private static void requireFinite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("SVI " + name + " must be a finite number, got " + value);
        }
    }
}
