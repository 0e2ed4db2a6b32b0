package io.vaultrisk.allocator.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vaultrisk.allocator.ScenarioMatrix;
import io.vaultrisk.basics.BlackScholes;
import io.vaultrisk.basics.OptionType;
import io.vaultrisk.kernels.rng.NormalStream;
import io.vaultrisk.montecarlo.book.MarketData;
import io.vaultrisk.montecarlo.book.Underlying;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrategySimulatorTest {
    private static final MarketData MARKET = MarketData.of(
            0.0,
            List.of(Underlying.of("BTC", 90_000, 0.6, 0.2), Underlying.of("ETH", 3_000, 0.8, 0.3)),
            new double[][] {{1, 0.8}, {0.8, 1}});

    /**
     * A call at delta d and a put at delta 1 − d share their strike; with tenor = horizon and r = 0 put–call parity
     * makes covered-call and cash-secured-put P&L identical in USD, so R_call·S₀ = R_put·K on every path.
     */
    @Test
    void simulate_coveredCallAndCashSecuredPutAtTheSameStrike_sameDollarPnlOnEveryPath() {
        List<StrategyTemplate> t = List.of(
                new StrategyTemplate.CoveredCall("ETH", 0.3, 30), new StrategyTemplate.CashSecuredPut("ETH", 0.7, 30));
        ScenarioMatrix m = StrategySimulator.DEFAULT.simulate(MARKET, t, 30, 2000, 5, 0.1);
        double k = BlackScholes.strikeForDelta(OptionType.CALL, 3000, 0.3, 30 / 365.0, 0.0, 0.8 * 1.1);
        for (int p = 0; p < m.scenarioCount(); p++) {
            assertThat(m.get(p, 0) * 3000).isCloseTo(m.get(p, 1) * k, within(1e-9 * k));
        }
    }

    /**
     * Spot columns against the daily log-Euler recursion written out with the scalar stream: Z(path, day, u)
     * correlated by the Cholesky factor of ρ = 0.8, for a path count that leaves a partial vector of lanes.
     */
    @Test
    void simulate_spotColumns_followTheScalarStreamsCorrelatedDailyPaths() {
        ScenarioMatrix m = StrategySimulator.DEFAULT.simulate(
                MARKET, List.of(new StrategyTemplate.Spot("BTC"), new StrategyTemplate.Spot("ETH")), 30, 37, 5, 0.0);
        NormalStream z = new NormalStream(5);
        double[][] lower = {{1, 0}, {0.8, 0.6}};
        double[] vol = {0.6, 0.8}, mu = {0.2, 0.3};
        double dt = 1 / 365.0;
        for (int p = 0; p < 37; p++) {
            double[] ln = new double[2];
            for (int d = 0; d < 30; d++) {
                double z0 = z.normal(p, d, 0), z1 = z.normal(p, d, 1);
                for (int u = 0; u < 2; u++) {
                    double w = lower[u][0] * z0 + lower[u][1] * z1;
                    ln[u] += (mu[u] - 0.5 * vol[u] * vol[u]) * dt + vol[u] * Math.sqrt(dt) * w;
                }
            }
            for (int u = 0; u < 2; u++) {
                assertThat(m.get(p, u))
                        .as("path %d underlying %d", p, u)
                        .isCloseTo(Math.expm1(ln[u]), within(1e-12 * Math.exp(ln[u])));
            }
        }
    }

    @Test
    void simulate_spotReturns_haveTheLognormalMean() {
        ScenarioMatrix m = StrategySimulator.DEFAULT.simulate(
                MARKET, List.of(new StrategyTemplate.Spot("BTC")), 30, 20_000, 9, 0.0);
        double mean = 0, sq = 0;
        for (int p = 0; p < m.scenarioCount(); p++) {
            mean += m.get(p, 0);
            sq += m.get(p, 0) * m.get(p, 0);
        }
        int n = m.scenarioCount();
        mean /= n;
        double se = Math.sqrt((sq / n - mean * mean) / n);
        assertThat(mean).isCloseTo(Math.expm1(0.2 * 30 / 365.0), within(4 * se));
    }

    /** Daily delta hedging with no band and implied = realised vol leaves a small, roughly zero-mean P&L. */
    @Test
    void simulate_tightDeltaHedge_removesMostOfTheShortCallsRisk() {
        List<StrategyTemplate> t = List.of(
                new StrategyTemplate.DeltaHedgedShortCall("ETH", 0.5, 30, 0.001),
                new StrategyTemplate.DeltaHedgedShortCall("ETH", 0.5, 30, 0.99),
                new StrategyTemplate.DeltaHedgedShortCall("ETH", 0.5, 30, 0.2));
        ScenarioMatrix m = StrategySimulator.DEFAULT.simulate(MARKET, t, 30, 5000, 3, 0.0);
        double[] sd = new double[3];
        double hedgedMean = 0;
        for (int j = 0; j < 3; j++) {
            double mean = 0, sq = 0;
            for (int p = 0; p < m.scenarioCount(); p++) {
                mean += m.get(p, j);
                sq += m.get(p, j) * m.get(p, j);
            }
            mean /= m.scenarioCount();
            sd[j] = Math.sqrt(sq / m.scenarioCount() - mean * mean);
            if (j == 0) {
                hedgedMean = mean;
            }
        }
        assertThat(sd[0]).isLessThan(0.3 * sd[1]);
        assertThat(sd[2]).isBetween(sd[0], sd[1]);
        assertThat(hedgedMean).isCloseTo(0.0, within(4 * sd[0] / Math.sqrt(m.scenarioCount()) + 1e-3));
    }

    @Test
    void simulate_unknownUnderlying_namesTheStrategy() {
        assertThatThrownBy(() -> StrategySimulator.DEFAULT.simulate(
                        MARKET, List.of(new StrategyTemplate.Spot("SOL")), 30, 10, 1, 0.1))
                .hasMessageContaining("spot:SOL")
                .hasMessageContaining("unknown underlying");
    }

    @Test
    void defaults_expandEveryTemplateFamily() {
        List<StrategyTemplate> all = StrategyUniverse.defaults(MARKET, 0.05);
        assertThat(all).hasSize(1 + 2 * (1 + 4 * 3 * 2 + 3));
        assertThat(all.stream().map(StrategyTemplate::name).distinct().count()).isEqualTo(all.size());
    }
}
