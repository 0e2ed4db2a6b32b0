package io.vaultrisk.allocator.strategy;

/**
 * What a hedge trade costs: the exchange fee and the half-spread on its notional, and the price impact of its size.
 *
 * @param feeRate exchange fee per unit of notional (0.0005 = 5 bp)
 * @param halfSpread half the bid–ask spread per unit of notional
 * @param impact price impact of the trade's size
 * @param vaultCapitalUsd the vault's capital: impact depends on the trade's size in USD, returns are per unit capital
 */
public record TradingCost(double feeRate, double halfSpread, ImpactModel impact, double vaultCapitalUsd) {
    public static final TradingCost FREE = new TradingCost(0, 0, ImpactModel.NONE, 1);

    public TradingCost {
        if (!(feeRate >= 0 && feeRate < 0.1)) {
            throw new IllegalArgumentException("fee rate must be in [0, 0.1), got " + feeRate);
        }
        if (!(halfSpread >= 0 && halfSpread < 0.1)) {
            throw new IllegalArgumentException("half-spread must be in [0, 0.1), got " + halfSpread);
        }
        if (!(vaultCapitalUsd > 0) || !Double.isFinite(vaultCapitalUsd)) {
            throw new IllegalArgumentException("vault capital must be positive USD, got " + vaultCapitalUsd);
        }
        if (impact == null) {
            impact = ImpactModel.NONE;
        }
    }

    /** Cost per unit of capital of trading {@code coins} per unit of capital (signed) at {@code spot}. */
    public double cost(double coins, double spot, double annualVol) {
        double proportional = Math.abs(coins) * spot * (feeRate + halfSpread);
        if (impact instanceof ImpactModel.None) {
            return proportional;
        }
        return proportional + impact.cost(coins * vaultCapitalUsd, spot, annualVol) / vaultCapitalUsd;
    }

    public boolean isFree() {
        return feeRate == 0 && halfSpread == 0 && impact instanceof ImpactModel.None;
    }
}
