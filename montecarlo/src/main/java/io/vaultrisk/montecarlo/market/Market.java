package io.vaultrisk.montecarlo.market;

/**
 * Spot and the continuously compounded quote-currency rate of a single underlying. The coin's own rate (borrow or
 * staking yield) is taken as zero, as in exchange option marks on the spot index.
 */
public record Market(double spot, double rate) {
    public Market {
        if (!(spot > 0) || !Double.isFinite(spot)) {
            throw new IllegalArgumentException("spot must be positive and finite, got " + spot);
        }
        if (!Double.isFinite(rate) || Math.abs(rate) > 1.0) {
            throw new IllegalArgumentException("rate must be finite and within [-1, 1] (a decimal), got " + rate);
        }
    }

    public static Market of(double spot, double rate) {
        return new Market(spot, rate);
    }
}
