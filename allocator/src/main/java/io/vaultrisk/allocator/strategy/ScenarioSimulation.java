package io.vaultrisk.allocator.strategy;

import io.vaultrisk.allocator.InvalidAllocationSpecException;
import io.vaultrisk.allocator.ScenarioMatrix;
import io.vaultrisk.montecarlo.book.MarketData;
import io.vaultrisk.montecarlo.compute.ComputeBackend;
import java.util.List;
import java.util.function.Consumer;

/**
 * How strategy scenarios are simulated from a book's market, with the limits the CLI and the service share.
 *
 * @param horizonDays       horizon of the returns, whole days
 * @param paths             simulated paths, one scenario each
 * @param seed              seed of the paths
 * @param impliedVolPremium options are priced at realised vol × (1 + premium)
 * @param stableYield       stablecoin lending yield per year, decimal
 */
public record ScenarioSimulation(int horizonDays, int paths, long seed, double impliedVolPremium, double stableYield) {
    public static final int MAX_HORIZON_DAYS = 365;
    public static final int MIN_PATHS = 100;
    /** Paths × strategies doubles are held at once: a million paths of the default universe is about 300 MB. */
    public static final int MAX_PATHS = 1_000_000;

    public static final int DEFAULT_HORIZON_DAYS = 30;
    public static final int DEFAULT_PATHS = 20_000;
    public static final long DEFAULT_SEED = 1;
    public static final double DEFAULT_IMPLIED_VOL_PREMIUM = 0.1;
    public static final double DEFAULT_STABLE_YIELD = 0.05;

    public ScenarioSimulation {
        if (horizonDays < 1 || horizonDays > MAX_HORIZON_DAYS) {
            throw new InvalidAllocationSpecException(
                    "horizonDays", "must be a whole number of days in 1.." + MAX_HORIZON_DAYS + ", got " + horizonDays);
        }
        if (paths < MIN_PATHS || paths > MAX_PATHS) {
            throw new InvalidAllocationSpecException(
                    "paths", "must be a whole number in " + MIN_PATHS + ".." + MAX_PATHS + ", got " + paths);
        }
        if (!(impliedVolPremium > -1 && impliedVolPremium < 10)) {
            throw new InvalidAllocationSpecException(
                    "impliedVolPremium", "must be in (-1, 10), got " + impliedVolPremium);
        }
        if (!(Math.abs(stableYield) < 1)) {
            throw new InvalidAllocationSpecException("stableYield", "must be a decimal in (-1, 1), got " + stableYield);
        }
    }

    /** The defaults: 30 days, 20,000 paths, seed 1, premium 0.1, stablecoin yield 0.05. */
    public static ScenarioSimulation defaults() {
        return new ScenarioSimulation(
                DEFAULT_HORIZON_DAYS, DEFAULT_PATHS, DEFAULT_SEED, DEFAULT_IMPLIED_VOL_PREMIUM, DEFAULT_STABLE_YIELD);
    }

    /** The templates' simple returns over the horizon, simulated on one set of paths of {@code market}. */
    public ScenarioMatrix simulate(MarketData market, List<StrategyTemplate> templates) {
        return StrategySimulator.DEFAULT.simulate(market, templates, horizonDays, paths, seed, impliedVolPremium);
    }

    /**
     * The same on {@code compute}, with the backend and device that ran the paths; fallback warnings go to
     * {@code warnings}.
     */
    public StrategySimulator.Simulated simulate(
            MarketData market, List<StrategyTemplate> templates, ComputeBackend compute, Consumer<String> warnings) {
        return StrategySimulator.DEFAULT.simulate(
                market, templates, horizonDays, paths, seed, impliedVolPremium, compute, warnings);
    }
}
