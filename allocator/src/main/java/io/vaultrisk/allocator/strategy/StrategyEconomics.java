package io.vaultrisk.allocator.strategy;

/**
 * One strategy's expected P&L over the horizon per unit of committed capital, split by where it comes from (the parts
 * add up to {@code expectedReturn}), with the vols it traded at and was realised at.
 *
 * @param premium option premium collected (at the bid)
 * @param optionPayoff paid at expiries and to buy back open options at the horizon (at the ask); negative
 * @param hedgePnl P&L of the coins or perpetuals held: a covered call's coins, a delta hedge, funding included
 * @param costs hedge trading costs (fee, half-spread, impact); negative
 * @param carry interest on cash, less interest on borrowed cash
 * @param depeg expected stablecoin depeg loss; negative
 * @param impliedVol mean mid implied vol of the options sold (NaN for strategies without options)
 * @param realisedVol the underlying's realised vol on the paths, root mean square (NaN for the stablecoin)
 * @param rolls options sold per path over the horizon
 * @param hedge for delta-hedged strategies, the distribution of the hedged position's return (options, hedge, costs
 *     and carry together: what is left of the option's risk at this band); null otherwise
 * @param hedgeLiquidated share of the paths on which a perpetual hedge with margin was liquidated (NaN where no
 *     margined perpetual hedges the strategy)
 * @param paths what the strategy's paths simulated: the underlying's model, jumps and vol dynamics, or what they
 *     leave out
 */
public record StrategyEconomics(
        String name,
        double expectedReturn,
        double premium,
        double optionPayoff,
        double hedgePnl,
        double costs,
        double carry,
        double depeg,
        double impliedVol,
        double realisedVol,
        double rolls,
        HedgeDistribution hedge,
        double hedgeLiquidated,
        String paths) {

    /** Mean, standard deviation and quantiles of a hedged position's return over the horizon, per unit of capital. */
    public record HedgeDistribution(double mean, double sd, double p05, double p50, double p95) {}
}
