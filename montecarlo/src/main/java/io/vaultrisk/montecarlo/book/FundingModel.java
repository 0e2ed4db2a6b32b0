package io.vaultrisk.montecarlo.book;

/**
 * The funding rate of a perpetual per funding interval (decimal; 0.0001 = 0.01% per 8 h). Positive: longs pay shorts.
 *
 * <p>rate(S) = clamp(base + sensitivity · ln(S/S₀), −cap, cap). With sensitivity 0 the rate is constant; a positive
 * sensitivity models the premium of the perpetual rising in rallies and turning negative in crashes, which is what
 * funding does on crypto venues, capped as exchanges cap it.
 */
public record FundingModel(double base, double sensitivity, double cap) {
    public FundingModel {
        if (!Double.isFinite(base) || Math.abs(base) > 0.1) {
            throw new IllegalArgumentException(
                    "funding base rate must be within [-0.1, 0.1] per interval, got " + base);
        }
        if (!Double.isFinite(sensitivity) || Math.abs(sensitivity) > 10) {
            throw new IllegalArgumentException("funding sensitivity must be within [-10, 10], got " + sensitivity);
        }
        if (!(cap > 0)) {
            throw new IllegalArgumentException("funding cap must be positive, got " + cap);
        }
    }

    public static FundingModel constant(double rate) {
        return new FundingModel(rate, 0.0, Double.POSITIVE_INFINITY);
    }

    public static FundingModel spotLinked(double base, double sensitivity, double cap) {
        return new FundingModel(base, sensitivity, cap);
    }

    public double rate(double logSpotMove) {
        double r = base + sensitivity * logSpotMove;
        return Math.max(-cap, Math.min(cap, r));
    }

    public boolean isConstant() {
        return sensitivity == 0.0;
    }
}
