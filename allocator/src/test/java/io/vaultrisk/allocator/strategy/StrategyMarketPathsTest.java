package io.vaultrisk.allocator.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vaultrisk.basics.Normal;
import io.vaultrisk.basics.YearFraction;
import io.vaultrisk.kernels.CorrelatedPathTask;
import io.vaultrisk.kernels.PathBlock;
import io.vaultrisk.kernels.ProgressSink;
import io.vaultrisk.montecarlo.book.MarketData;
import io.vaultrisk.montecarlo.book.MarketJump;
import io.vaultrisk.montecarlo.book.Underlying;
import io.vaultrisk.montecarlo.book.VolDynamics;
import io.vaultrisk.montecarlo.compute.ComputeBackend;
import io.vaultrisk.montecarlo.model.HestonModel;
import io.vaultrisk.montecarlo.model.MertonModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Strategy scenarios on the book's market: the paths carry the book's jumps, Heston variance and vol dynamics, and a
 * perpetual hedge posts margin and is liquidated on them.
 */
class StrategyMarketPathsTest {
    private static final double DAY = YearFraction.DAY;
    private static final double SIGMA = 0.6, LAMBDA = 12, JUMP_MEAN = -0.04, JUMP_VOL = 0.08;

    /** ETH under Merton jumps, BTC under GBM, correlated. */
    private static MarketData merton() {
        return new MarketData(
                0.0,
                List.of(
                        new Underlying(
                                "ETH",
                                3_000,
                                SIGMA,
                                0.0,
                                MertonModel.of(SIGMA, LAMBDA, JUMP_MEAN, JUMP_VOL),
                                null,
                                null),
                        Underlying.of("BTC", 90_000, 0.5, 0.0)),
                new double[][] {{1, 0.7}, {0.7, 1}});
    }

    /** Every dynamics at once: Merton ETH with vol dynamics, Heston BTC, a market-wide jump. */
    private static MarketData everything() {
        return new MarketData(
                0.0,
                List.of(
                        new Underlying(
                                "ETH",
                                3_000,
                                SIGMA,
                                0.1,
                                MertonModel.of(SIGMA, LAMBDA, JUMP_MEAN, JUMP_VOL),
                                null,
                                VolDynamics.of(1.5, 4, -0.5)),
                        new Underlying("BTC", 90_000, 0.5, 0.0, HestonModel.of(0.25, 3, 0.3, 0.8, -0.6), null, null)),
                new double[][] {{1, 0.7}, {0.7, 1}},
                new MarketJump(3, new double[] {-0.05, -0.03}, new double[] {0.05, 0.04}));
    }

    private static final List<StrategyTemplate> TEMPLATES = List.of(
            new StrategyTemplate.Spot("ETH"),
            new StrategyTemplate.CoveredCall("ETH", 0.3, 7),
            new StrategyTemplate.CashSecuredPut("BTC", 0.25, 14),
            new StrategyTemplate.DeltaHedgedShortCall("ETH", 0.5, 14, 0.05),
            new StrategyTemplate.DeltaHedgedShortCall("BTC", 0.4, 7, 0.1));

    private static StrategyAssumptions perp(int hedgeEveryHours, StrategyAssumptions.PerpMargin margin) {
        return new StrategyAssumptions(
                0,
                0,
                hedgeEveryHours,
                HedgeInstrument.PERP,
                TradingCost.FREE,
                0,
                0,
                DepegScenario.NONE,
                Map.of(),
                margin);
    }

    /**
     * With Merton jumps the realised variance of the strategies' paths, per year, has the mean σ² + λ(μ_J² + σ_J²)
     * (plus the square of each step's mean log return, (E r)²/Δt, which is 1e-4 of it): within 4 standard errors of
     * the paths' own spread. The simulator's reported realised vol is the root of the same mean.
     */
    @Test
    void paths_mertonJumps_realisedVarianceMatchesTheClosedForm() {
        MarketData m = merton();
        int days = 30, n = 20_000;
        CorrelatedPathTask task = StrategySimulator.paths(m, days, 1, 5);
        assertThat(task.dynamics().isPlainGbm()).isFalse();
        PathBlock b = ComputeBackend.CPU.backend().simulatePaths(task, 0, n, 0, ProgressSink.NONE);
        double sum = 0, sq = 0;
        for (int i = 0; i < n; i++) {
            double prev = 3_000, v = 0;
            for (int d = 1; d <= days; d++) {
                double s = b.observed(i, (d - 1) * 2);
                double r = Math.log(s / prev);
                v += r * r;
                prev = s;
            }
            v /= days * DAY;
            sum += v;
            sq += v * v;
        }
        double mean = sum / n, se = Math.sqrt((sq / n - mean * mean) / (n - 1));
        double k = Math.expm1(JUMP_MEAN + 0.5 * JUMP_VOL * JUMP_VOL);
        double stepMean = (-LAMBDA * k - 0.5 * SIGMA * SIGMA + LAMBDA * JUMP_MEAN) * DAY;
        double closedForm = SIGMA * SIGMA + LAMBDA * (JUMP_MEAN * JUMP_MEAN + JUMP_VOL * JUMP_VOL);
        assertThat(mean).isCloseTo(closedForm + stepMean * stepMean / DAY, within(4 * se));
        // and far from what GBM at the model vol would give: the jumps are on the paths
        assertThat(mean - SIGMA * SIGMA).isGreaterThan(20 * se);

        StrategyScenarios s = StrategySimulator.DEFAULT.simulate(
                m,
                List.of(new StrategyTemplate.Spot("ETH")),
                perp(24, StrategyAssumptions.PerpMargin.NONE),
                days,
                n,
                5);
        assertThat(s.economics().get(0).realisedVol()).isCloseTo(Math.sqrt(mean), within(1e-12));
        assertThat(s.economics().get(0).paths()).contains("merton jumps λ=12").doesNotContain("no jumps");
    }

    /** Jumps, Heston, a market jump, vol dynamics and margined perpetual hedges: 1 and 2 threads give the same bits. */
    @Test
    void simulate_everyDynamics_oneAndTwoThreadsAreBitIdentical() {
        StrategyAssumptions a = perp(24, new StrategyAssumptions.PerpMargin(0.15, 0.05));
        StrategyScenarios one = StrategySimulator.DEFAULT.simulate(
                everything(), TEMPLATES, a, 30, 9_000, 11, ComputeBackend.CPU, 1, w -> {});
        StrategyScenarios two = StrategySimulator.DEFAULT.simulate(
                everything(), TEMPLATES, a, 30, 9_000, 11, ComputeBackend.CPU, 2, w -> {});
        for (int p = 0; p < 9_000; p++) {
            for (int j = 0; j < TEMPLATES.size(); j++) {
                assertThat(Double.doubleToRawLongBits(two.matrix().get(p, j)))
                        .isEqualTo(Double.doubleToRawLongBits(one.matrix().get(p, j)));
            }
        }
        assertThat(two.economics()).isEqualTo(one.economics());
        // a 15% margin on ETH with jumps is liquidated on some paths, not all
        assertThat(one.economics().get(3).hedgeLiquidated()).isBetween(0.01, 0.99);
    }

    /**
     * With vol dynamics (κ = 0), every option sold after the first is quoted at the flat vol × e^x of that path's
     * factor x ~ N(0, ψ²t): the mean implied vol of a weekly covered call's five sales over 30 days is
     * σ(1 + Σ_{t = 7, 14, 21, 28 days} e^(ψ²t/2))/5, within 4 standard errors (bounded by the mean of the sales'
     * standard deviations σ√(e^(2v) − e^v)).
     */
    @Test
    void simulate_volDynamics_optionsAreQuotedAtThePathsVolLevel() {
        double psi = 1.2;
        MarketData m = MarketData.of(
                0.0,
                List.of(new Underlying("ETH", 3_000, SIGMA, 0.0, null, null, VolDynamics.of(psi, 0, -0.5))),
                new double[][] {{1}});
        int n = 20_000;
        StrategyScenarios s = StrategySimulator.DEFAULT.simulate(
                m,
                List.of(new StrategyTemplate.CoveredCall("ETH", 0.3, 7)),
                perp(24, StrategyAssumptions.PerpMargin.NONE),
                30,
                n,
                3);
        double expected = 1, sdSum = 0;
        for (int t = 7; t <= 28; t += 7) {
            double v = psi * psi * t * DAY;
            expected += Math.exp(v / 2);
            sdSum += Math.sqrt(Math.exp(2 * v) - Math.exp(v));
        }
        expected *= SIGMA / 5;
        double se = SIGMA * sdSum / 5 / Math.sqrt(n);
        assertThat(s.economics().get(0).rolls()).isEqualTo(5.0);
        assertThat(s.economics().get(0).impliedVol()).isCloseTo(expected, within(4 * se));
        assertThat(Math.abs(s.economics().get(0).impliedVol() - SIGMA)).isGreaterThan(8 * se);
        assertThat(s.economics().get(0).paths()).contains("vol dynamics ψ=1.2").contains("no jumps");
    }

    /** A market that declares no dynamics says so for each strategy. */
    @Test
    void simulate_plainMarket_reportsGbmWithoutJumpsOrVolDynamics() {
        MarketData m = MarketData.of(0.0, List.of(Underlying.of("ETH", 3_000, 0.8, 0.0)), new double[][] {{1}});
        StrategyScenarios s = StrategySimulator.DEFAULT.simulate(
                m,
                List.of(new StrategyTemplate.Stablecoin(0.05), new StrategyTemplate.Spot("ETH")),
                perp(24, StrategyAssumptions.PerpMargin.NONE),
                30,
                200,
                1);
        assertThat(s.economics().get(1).paths()).isEqualTo("GBM at model vol 80.0% — no jumps, no vol dynamics");
        assertThat(s.economics().get(0).paths()).isEqualTo("none (no price path)");
        assertThat(StrategySimulator.paths(m, 30, 1, 1).dynamics().isPlainGbm()).isTrue();
    }

    /**
     * A perpetual hedge set once (hedge checked every 30 days over a 30-day horizon), with initial margin m₀ and
     * maintenance m, is liquidated when the spot first falls below S₀(1 − m₀)/(1 − m): with continuous monitoring
     * the share of paths liquidated is GBM's first-passage probability Φ((b − νT)/σ√T) + e^(2νb/σ²)Φ((b + νT)/σ√T),
     * b = ln(L/S₀), ν = μ − σ²/2, within 4 standard errors.
     */
    @Test
    void hedge_perpWithThinMargin_liquidatedWithTheFirstPassageProbability() {
        double sigma = 0.8, im = 0.2, mmr = 0.05;
        MarketData m = MarketData.of(0.0, List.of(Underlying.of("ETH", 3_000, sigma, 0.0)), new double[][] {{1}});
        int n = 20_000, days = 30;
        StrategyScenarios s = StrategySimulator.DEFAULT.simulate(
                m,
                List.of(new StrategyTemplate.DeltaHedgedShortCall("ETH", 0.5, 30, 0.01)),
                perp(24 * days, new StrategyAssumptions.PerpMargin(im, mmr)),
                days,
                n,
                7);
        double t = days * DAY, nu = -0.5 * sigma * sigma, b = Math.log((1 - im) / (1 - mmr));
        double p = Normal.cdf((b - nu * t) / (sigma * Math.sqrt(t)))
                + Math.exp(2 * nu * b / (sigma * sigma)) * Normal.cdf((b + nu * t) / (sigma * Math.sqrt(t)));
        double se = Math.sqrt(p * (1 - p) / n);
        assertThat(s.economics().get(0).hedgeLiquidated()).isCloseTo(p, within(4 * se));
    }

    /**
     * A margin that covers the whole notional (initial 1, maintenance 0) never liquidates a long hedge: the P&L in
     * USD is the unmargined hedge's on every path, and the return is per unit of the larger capital, 1 + the initial
     * margin (cash rate 0, so the margin earns nothing that would tell them apart).
     */
    @Test
    void hedge_perpWithAmpleMargin_equalsTheUnmarginedHedgePerUnitOfItsCapital() {
        MarketData m = merton();
        List<StrategyTemplate> t = List.of(new StrategyTemplate.DeltaHedgedShortCall("ETH", 0.4, 7, 0.05));
        StrategyScenarios none =
                StrategySimulator.DEFAULT.simulate(m, t, perp(24, StrategyAssumptions.PerpMargin.NONE), 30, 4_000, 9);
        StrategyScenarios ample = StrategySimulator.DEFAULT.simulate(
                m, t, perp(24, new StrategyAssumptions.PerpMargin(1, 0)), 30, 4_000, 9);
        assertThat(ample.economics().get(0).hedgeLiquidated()).isZero();
        assertThat(none.economics().get(0).hedgeLiquidated()).isNaN();
        // the initial margin: the first hedge, n·Δ₀ coins at S₀, with n = 1/S₀
        double capital = 1
                + OptionQuotes.of(m.underlyings().get(0), 0, 0, 0)
                        .delta(
                                io.vaultrisk.basics.OptionType.CALL,
                                3_000,
                                OptionQuotes.of(m.underlyings().get(0), 0, 0, 0)
                                        .strikeForDelta(io.vaultrisk.basics.OptionType.CALL, 3_000, 0.4, 7 * DAY),
                                7 * DAY);
        for (int p = 0; p < 4_000; p++) {
            assertThat(ample.matrix().get(p, 0) * capital)
                    .isCloseTo(none.matrix().get(p, 0), within(1e-12));
        }
        StrategyEconomics e = ample.economics().get(0);
        assertThat(e.premium() + e.optionPayoff() + e.hedgePnl() + e.costs() + e.carry() + e.depeg())
                .isCloseTo(e.expectedReturn(), within(1e-12));
    }
}
