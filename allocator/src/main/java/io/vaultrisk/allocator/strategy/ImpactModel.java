package io.vaultrisk.allocator.strategy;

/**
 * The price impact of a hedge trade beyond the fee and the half-spread, in USD for a trade of {@code coins} (signed:
 * positive buys) at {@code spot}. Impact depends on the trade's absolute size, so it is computed on the vault's
 * notional, not per unit of capital.
 */
public sealed interface ImpactModel {
    ImpactModel NONE = new None();

    double cost(double coins, double spot, double annualVol);

    /** A short label for reports, with the depth. */
    String describe();

    /** No impact: only the fee and the half-spread. */
    record None() implements ImpactModel {
        public double cost(double coins, double spot, double annualVol) {
            return 0.0;
        }

        public String describe() {
            return "none";
        }
    }

    /**
     * A constant-product AMM pool (x·y = k) holding {@code depthUsd} in total, half in the coin and half in USD at the
     * current spot (arbitrage brings the pool back to the market between hedges). Buying Δ coins from x pays
     * y·Δ/(x − Δ), selling pays back y·Δ/(x + Δ): the impact against the spot is S·Δ²/(x ∓ Δ). A buy of the whole pool
     * is priced as a buy of 99% of it, so a path never divides by zero.
     */
    record ConstantProduct(double depthUsd) implements ImpactModel {
        public ConstantProduct {
            if (!(depthUsd > 0) || !Double.isFinite(depthUsd)) {
                throw new IllegalArgumentException("depth must be a positive pool size in USD, got " + depthUsd);
            }
        }

        public double cost(double coins, double spot, double annualVol) {
            double x = 0.5 * depthUsd / spot, d = Math.abs(coins);
            double reserve = coins > 0 ? Math.max(x - d, 0.01 * x) : x + d;
            return spot * d * d / reserve;
        }

        public String describe() {
            return String.format(java.util.Locale.ROOT, "constant-product AMM, pool depth %.0f USD", depthUsd);
        }
    }

    /**
     * Square-root order-book impact: a trade of notional N against a daily volume V moves the price by
     * σ_day·√(N/V) (σ_day the underlying's daily vol), so it costs N·σ_day·√(N/V).
     */
    record SquareRoot(double dailyVolumeUsd) implements ImpactModel {
        public SquareRoot {
            if (!(dailyVolumeUsd > 0) || !Double.isFinite(dailyVolumeUsd)) {
                throw new IllegalArgumentException(
                        "depth must be a positive daily volume in USD, got " + dailyVolumeUsd);
            }
        }

        public double cost(double coins, double spot, double annualVol) {
            double notional = Math.abs(coins) * spot;
            return notional * annualVol * Math.sqrt(io.vaultrisk.basics.YearFraction.DAY * notional / dailyVolumeUsd);
        }

        public String describe() {
            return String.format(
                    java.util.Locale.ROOT, "square-root order-book impact, daily volume %.0f USD", dailyVolumeUsd);
        }
    }
}
