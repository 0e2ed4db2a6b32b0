package io.vaultrisk.contracts;

import java.math.BigDecimal;

/**
 * How a {@link MarketProcess} replays a price path on a local chain.
 *
 * @param stepSeconds chain time between two ticks (one block per tick): the accelerated clock, e.g. 3,600 to replay an
 *     hourly history as fast as the node mines
 * @param lagBlocks how many blocks the arbitrageur trails the feeds: in the block of tick t it trades each pool towards
 *     the feed answer of tick t - lagBlocks (0: the same block as the feed update)
 * @param maxArbitrageUsd the largest trade (stablecoin value) the arbitrageur makes per pool and block, or null for no
 *     limit; with a pool of stablecoin depth D one block moves the pool price by a factor of at most (1 + max/D)^2, so
 *     a large feed move is followed over several blocks. The pool depth itself is the deployment's
 *     {@link DeploymentSpec#poolDepthUsd()}.
 */
public record MarketSpec(long stepSeconds, int lagBlocks, BigDecimal maxArbitrageUsd) {

    /** One-minute ticks, arbitrage in the same block, unlimited arbitrage capital. */
    public static final MarketSpec DEFAULT = new MarketSpec(60, 0, null);

    public MarketSpec {
        if (stepSeconds <= 0) {
            throw new IllegalArgumentException("stepSeconds: must be > 0, got " + stepSeconds);
        }
        if (lagBlocks < 0) {
            throw new IllegalArgumentException("lagBlocks: must be >= 0, got " + lagBlocks);
        }
        if (maxArbitrageUsd != null && maxArbitrageUsd.signum() <= 0) {
            throw new IllegalArgumentException("maxArbitrageUsd: must be > 0 (or absent), got " + maxArbitrageUsd);
        }
    }

    public static MarketSpec of(long stepSeconds, int lagBlocks, BigDecimal maxArbitrageUsd) {
        return new MarketSpec(stepSeconds, lagBlocks, maxArbitrageUsd);
    }

    /**
     * The largest factor by which one block's arbitrage can move a pool whose stablecoin reserve is worth
     * {@code depthUsd}: (1 + maxArbitrageUsd / depthUsd)^2, or infinity without a limit.
     */
    public double maxMovePerBlock(double depthUsd) {
        if (maxArbitrageUsd == null) {
            return Double.POSITIVE_INFINITY;
        }
        double r = 1 + maxArbitrageUsd.doubleValue() / depthUsd;
        return r * r;
    }
}
