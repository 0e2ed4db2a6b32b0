package io.vaultrisk.montecarlo.book;

/**
 * How an underlying's ATM implied vol moves along the paths: x = ln(σ_ATM(t)/σ_ATM(0)) follows
 * dx = −κx dt + ψ dW_σ with d⟨W_σ, W_S⟩ = ρ dt (W_S the underlying's own spot driver).
 *
 * @param volOfVol ψ, annualised vol of the log ATM vol (≥ 0; 0 freezes the vols)
 * @param meanReversion κ per year (≥ 0)
 * @param spotCorrelation ρ in [−1, 1], correlation of the log-vol with the spot's returns (negative for crypto)
 * @param stickyStrike false: the smile moves with the spot (sticky moneyness, the default); true: it stays at its
 *     strikes (sticky strike)
 */
public record VolDynamics(double volOfVol, double meanReversion, double spotCorrelation, boolean stickyStrike) {
    public VolDynamics {
        check(volOfVol >= 0 && volOfVol <= 20, "volOfVol", "must be in [0, 20] (annualised), got " + volOfVol);
        check(
                meanReversion >= 0 && meanReversion <= 1000,
                "meanReversion",
                "must be in [0, 1000] per year, got " + meanReversion);
        check(
                spotCorrelation >= -1 && spotCorrelation <= 1,
                "spotCorrelation",
                "must be in [-1, 1], got " + spotCorrelation);
    }

    public static VolDynamics of(double volOfVol, double meanReversion, double spotCorrelation) {
        return new VolDynamics(volOfVol, meanReversion, spotCorrelation, false);
    }

    /** Per-step decay e^(−κΔt) of the exact Ornstein–Uhlenbeck transition. */
    public double decay(double dt) {
        return Math.exp(-meanReversion * dt);
    }

    /** Per-step standard deviation ψ√((1 − e^(−2κΔt))/(2κ)) (ψ√Δt when κ = 0). */
    public double stepSd(double dt) {
        if (meanReversion == 0) {
            return volOfVol * Math.sqrt(dt);
        }
        return volOfVol * Math.sqrt(-Math.expm1(-2 * meanReversion * dt) / (2 * meanReversion));
    }

    private static void check(boolean ok, String field, String message) {
        if (!ok) {
            throw new BookFormatException(null, field, message);
        }
    }
}
