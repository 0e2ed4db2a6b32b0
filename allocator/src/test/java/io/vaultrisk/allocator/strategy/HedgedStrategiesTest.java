package io.vaultrisk.allocator.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vaultrisk.allocator.InvalidAllocationSpecException;
import io.vaultrisk.allocator.ScenarioMatrix;
import io.vaultrisk.allocator.TailRisk;
import io.vaultrisk.basics.BlackScholes;
import io.vaultrisk.basics.OptionType;
import io.vaultrisk.montecarlo.book.ImpliedVolSurface;
import io.vaultrisk.montecarlo.book.MarketData;
import io.vaultrisk.montecarlo.book.Underlying;
import io.vaultrisk.surface.SmileSlice;
import io.vaultrisk.surface.SviParameters;
import io.vaultrisk.surface.VolSurface;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HedgedStrategiesTest {
    /** Driftless ETH at rate 0: the spot is a martingale, so a hedge has no expected P&L of its own. */
    private static final MarketData FLAT =
            MarketData.of(0.0, List.of(Underlying.of("ETH", 3_000, 0.8, 0.0)), new double[][] {{1}});

    private static StrategyAssumptions assumptions(
            double optionHalfSpread, int hedgeEveryHours, TradingCost cost, DepegScenario depeg) {
        return new StrategyAssumptions(
                0, optionHalfSpread, hedgeEveryHours, HedgeInstrument.SPOT, cost, 0, 0, depeg, Map.of());
    }

    private static double[] column(ScenarioMatrix m, int j) {
        double[] c = new double[m.scenarioCount()];
        for (int p = 0; p < c.length; p++) {
            c[p] = m.get(p, j);
        }
        return c;
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double variance(double[] x) {
        double m = mean(x), s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return s / (x.length - 1);
    }

    /**
     * With a one-vol-point half-spread, a covered call and a cash-secured put at the same strike (delta 0.3 call,
     * delta 0.7 put, tenor = horizon) each lose exactly their own options' spread: n·(C(σ) − C(σ − h)) for the n = 1/S₀
     * calls, (1/K)·(P(σ) − P(σ − h)) for the 1/K puts, on every path; without it their dollar P&L is equal.
     */
    @Test
    void simulate_optionSpread_eachOfCoveredCallAndPutPaysItsOwn() {
        List<StrategyTemplate> t = List.of(
                new StrategyTemplate.CoveredCall("ETH", 0.3, 30), new StrategyTemplate.CashSecuredPut("ETH", 0.7, 30));
        DepegScenario none = DepegScenario.NONE;
        ScenarioMatrix free = StrategySimulator.DEFAULT
                .simulate(FLAT, t, assumptions(0, 24, TradingCost.FREE, none), 30, 500, 11)
                .matrix();
        ScenarioMatrix paid = StrategySimulator.DEFAULT
                .simulate(FLAT, t, assumptions(0.01, 24, TradingCost.FREE, none), 30, 500, 11)
                .matrix();
        double tau = 30 / 365.0, s0 = 3000;
        double k = BlackScholes.strikeForDelta(OptionType.CALL, s0, 0.3, tau, 0, 0.8);
        double callSpread = (BlackScholes.price(OptionType.CALL, s0, k, tau, 0, 0.8)
                        - BlackScholes.price(OptionType.CALL, s0, k, tau, 0, 0.79))
                / s0;
        double putSpread = (BlackScholes.price(OptionType.PUT, s0, k, tau, 0, 0.8)
                        - BlackScholes.price(OptionType.PUT, s0, k, tau, 0, 0.79))
                / k;
        for (int p = 0; p < free.scenarioCount(); p++) {
            assertThat(free.get(p, 0) * s0).isCloseTo(free.get(p, 1) * k, within(1e-9 * k));
            assertThat(paid.get(p, 0)).isCloseTo(free.get(p, 0) - callSpread, within(1e-12));
            assertThat(paid.get(p, 1)).isCloseTo(free.get(p, 1) - putSpread, within(1e-12));
        }
        // per unit of capital they differ; in dollars they agree, since a call and a put of one strike share a vega
        assertThat(callSpread).isNotCloseTo(putSpread, within(1e-6));
        assertThat(callSpread * s0).isCloseTo(putSpread * k, within(1e-9));
    }

    /**
     * No costs, no premium, implied = model vol, a martingale spot: whatever the band, the hedged short call has no
     * expected P&L (within 4 standard errors), and a tighter band leaves less variance.
     */
    @Test
    void simulate_frictionlessHedge_noEdgeAndVarianceFallsAsTheBandTightens() {
        double[] bands = {0.02, 0.05, 0.2, 0.5};
        List<StrategyTemplate> t = java.util.Arrays.stream(bands)
                .mapToObj(b -> (StrategyTemplate) new StrategyTemplate.DeltaHedgedShortCall("ETH", 0.5, 30, b))
                .toList();
        ScenarioMatrix m = StrategySimulator.DEFAULT
                .simulate(FLAT, t, assumptions(0, 2, TradingCost.FREE, DepegScenario.NONE), 30, 2000, 21)
                .matrix();
        double previous = 0;
        for (int j = 0; j < bands.length; j++) {
            double[] r = column(m, j);
            double se = Math.sqrt(variance(r) / r.length);
            assertThat(mean(r)).as("band %s", bands[j]).isCloseTo(0.0, within(4 * se));
            assertThat(variance(r)).as("band %s", bands[j]).isGreaterThan(previous);
            previous = variance(r);
        }
    }

    /**
     * With a 10 bp fee and square-root impact, the tail loss (CVaR 95%) of the hedged short call is smallest at an
     * interior band: hedging too often pays costs on every wiggle, too rarely leaves the option's risk.
     */
    @Test
    void simulate_withCosts_theBestBandIsInterior() {
        double[] bands = {0.005, 0.02, 0.05, 0.1, 0.2, 0.5, 0.9};
        List<StrategyTemplate> t = java.util.Arrays.stream(bands)
                .mapToObj(b -> (StrategyTemplate) new StrategyTemplate.DeltaHedgedShortCall("ETH", 0.5, 30, b))
                .toList();
        TradingCost cost = new TradingCost(0.001, 0.0005, new ImpactModel.SquareRoot(1e8), 1e7);
        StrategyScenarios s =
                StrategySimulator.DEFAULT.simulate(FLAT, t, assumptions(0, 2, cost, DepegScenario.NONE), 30, 2000, 21);
        double[] cvar = new double[bands.length];
        int best = 0;
        for (int j = 0; j < bands.length; j++) {
            double[] loss = column(s.matrix(), j);
            for (int p = 0; p < loss.length; p++) {
                loss[p] = -loss[p];
            }
            cvar[j] = TailRisk.of(loss, 0.95).cvar();
            if (cvar[j] < cvar[best]) {
                best = j;
            }
            assertThat(s.economics().get(j).costs()).isNegative();
        }
        assertThat(best).as("CVaR by band %s", java.util.Arrays.toString(cvar)).isStrictlyBetween(0, bands.length - 1);
        assertThat(s.economics().get(0).costs())
                .isLessThan(s.economics().get(bands.length - 1).costs());
    }

    /**
     * At a zero cash rate a perpetual hedge settled in cash is the spot hedge on every path; with funding of 0.01% per
     * 8 h the long hedge of a short call pays it on every path, about three payments a day on the hedge's notional.
     */
    @Test
    void simulate_perpHedge_isTheSpotHedgeLessItsFunding() {
        List<StrategyTemplate> t = List.of(new StrategyTemplate.DeltaHedgedShortCall("ETH", 0.5, 30, 0.05));
        StrategyAssumptions spot = assumptions(0, 24, TradingCost.FREE, DepegScenario.NONE);
        ScenarioMatrix viaSpot =
                StrategySimulator.DEFAULT.simulate(FLAT, t, spot, 30, 500, 5).matrix();
        ScenarioMatrix unfunded = StrategySimulator.DEFAULT
                .simulate(FLAT, t, perp(Map.of()), 30, 500, 5)
                .matrix();
        double f = 0.0001;
        StrategyScenarios funded = StrategySimulator.DEFAULT.simulate(
                FLAT,
                t,
                perp(Map.of(
                        "ETH",
                        new StrategyAssumptions.PerpFunding(io.vaultrisk.montecarlo.book.FundingModel.constant(f), 8))),
                30,
                500,
                5);
        double paid = 0;
        for (int p = 0; p < viaSpot.scenarioCount(); p++) {
            assertThat(unfunded.get(p, 0)).isCloseTo(viaSpot.get(p, 0), within(1e-12));
            assertThat(funded.matrix().get(p, 0)).isLessThan(unfunded.get(p, 0));
            paid += funded.matrix().get(p, 0) - unfunded.get(p, 0);
        }
        // an ATM hedge of about half the notional for 30 days, three payments a day
        double expected = -f * 3 * 30 * 0.5;
        assertThat(paid / viaSpot.scenarioCount()).isCloseTo(expected, within(0.3 * Math.abs(expected)));
    }

    private static StrategyAssumptions perp(Map<String, StrategyAssumptions.PerpFunding> funding) {
        return new StrategyAssumptions(
                0, 0, 24, HedgeInstrument.PERP, TradingCost.FREE, 0, 0, DepegScenario.NONE, funding);
    }

    /** The parts of every strategy's expected P&L add up to its expected return; weekly calls roll four times. */
    @Test
    void simulate_economics_partsAddUpAndWeeklyCallsRollFourTimes() {
        List<StrategyTemplate> t = List.of(
                new StrategyTemplate.Stablecoin(0.05),
                new StrategyTemplate.Spot("ETH"),
                new StrategyTemplate.CoveredCall("ETH", 0.2, 7),
                new StrategyTemplate.CashSecuredPut("ETH", 0.2, 14),
                new StrategyTemplate.DeltaHedgedShortCall("ETH", 0.5, 30, 0.1));
        StrategyScenarios s = ScenarioSimulation.defaults().run(FLAT, Map.of(), t);
        for (StrategyEconomics e : s.economics()) {
            double parts = e.premium() + e.optionPayoff() + e.hedgePnl() + e.costs() + e.carry() + e.depeg();
            assertThat(parts).as(e.name()).isCloseTo(e.expectedReturn(), within(1e-12));
        }
        StrategyEconomics weekly = s.economics().get(2);
        assertThat(weekly.rolls()).isEqualTo(5.0); // sold on days 0, 7, 14, 21, 28: four rolls
        assertThat(weekly.impliedVol()).isCloseTo(0.8, within(1e-12));
        assertThat(weekly.realisedVol()).isCloseTo(0.8, within(0.01));
        assertThat(s.economics().get(4).hedge()).isNotNull();
        assertThat(s.economics().get(4).costs()).isNegative();
        assertThat(s.economics().get(0).depeg()).isNegative();
    }

    /** A certain depeg takes its loss off the stablecoin's grown cash on every path; a 30% one hits ~30% of paths. */
    @Test
    void simulate_depeg_hitsTheStatedShareOfPaths() {
        List<StrategyTemplate> t = List.of(new StrategyTemplate.Stablecoin(0.05));
        ScenarioMatrix sure = StrategySimulator.DEFAULT
                .simulate(FLAT, t, assumptions(0, 24, TradingCost.FREE, new DepegScenario(1, 0.1)), 30, 200, 3)
                .matrix();
        double grown = Math.exp(0.05 * 30 / 365.0);
        assertThat(sure.get(17, 0)).isCloseTo(grown * 0.9 - 1, within(1e-12));
        ScenarioMatrix some = StrategySimulator.DEFAULT
                .simulate(FLAT, t, assumptions(0, 24, TradingCost.FREE, new DepegScenario(0.3, 0.1)), 30, 4000, 3)
                .matrix();
        double hit = 0;
        for (int p = 0; p < some.scenarioCount(); p++) {
            hit += some.get(p, 0) < 0 ? 1 : 0;
        }
        double share = hit / some.scenarioCount();
        assertThat(share).isCloseTo(0.3, within(4 * Math.sqrt(0.3 * 0.7 / some.scenarioCount())));
    }

    /** The AMM's cost against x·y = k worked out directly, and the square-root law's closed form. */
    @Test
    void impactModels_matchTheirDefinitions() {
        double depth = 2e6, spot = 2000, x = 0.5 * depth / spot, y = 0.5 * depth, k = x * y;
        double buy = 50;
        double paid = k / (x - buy) - y;
        assertThat(new ImpactModel.ConstantProduct(depth).cost(buy, spot, 0.8))
                .isCloseTo(paid - buy * spot, within(1e-6));
        double received = y - k / (x + buy);
        assertThat(new ImpactModel.ConstantProduct(depth).cost(-buy, spot, 0.8))
                .isCloseTo(buy * spot - received, within(1e-6));
        double notional = 1e6;
        assertThat(new ImpactModel.SquareRoot(1e9).cost(notional / spot, spot, 0.73))
                .isCloseTo(notional * 0.73 / Math.sqrt(365) * Math.sqrt(notional / 1e9), within(1e-6));
        TradingCost tc = new TradingCost(0.0005, 0.0001, new ImpactModel.ConstantProduct(depth), 1e6);
        assertThat(tc.cost(0.01, spot, 0.8))
                .isCloseTo(
                        0.01 * spot * 0.0006 + new ImpactModel.ConstantProduct(depth).cost(1e4, spot, 0.8) / 1e6,
                        within(1e-15));
    }

    private static MarketData surfaceMarket() {
        Instant t0 = Instant.parse("2026-11-25T08:00:00Z");
        double t1 = 14 / 365.0, t2 = 60 / 365.0;
        VolSurface s = VolSurface.of(
                "svi",
                List.of(
                        SmileSlice.of(
                                t0.plusSeconds(14 * 86400), t1, 3000, SviParameters.of(0.64 * t1, 0.05, -0.4, 0, 0.1)),
                        SmileSlice.of(
                                t0.plusSeconds(60 * 86400), t2, 3000, SviParameters.of(0.6 * t2, 0.08, -0.4, 0, 0.1))));
        Underlying eth = new Underlying("ETH", 3000, 0.7, 0.0, null, ImpliedVolSurface.of(s, null, "test"), null);
        return MarketData.of(0.0, List.of(eth), new double[][] {{1}});
    }

    /**
     * On a skewed surface each option trades at its own strike's vol: the strike found by delta has that delta at its
     * own vol, and the bid and ask sit the half-spread either side of the mid.
     */
    @Test
    void optionQuotes_surface_priceEachStrikeOnTheSmile() {
        Underlying eth = surfaceMarket().underlyings().get(0);
        OptionQuotes q = OptionQuotes.of(eth, 0.0, 0.5, 0.01);
        double tau = 30 / 365.0;
        double k = q.strikeForDelta(OptionType.PUT, 3000, -0.2, tau);
        double vol = eth.surface().vol(tau, k, 3000, 0.0, 0.0);
        assertThat(q.midVol(tau, k, 3000)).isEqualTo(vol);
        assertThat(BlackScholes.linear(OptionType.PUT, 3000, k, tau, 0, vol).delta())
                .isCloseTo(-0.2, within(1e-8));
        assertThat(vol).isGreaterThan(q.midVol(tau, 3000, 3000)); // the put skew
        assertThat(q.bid(OptionType.PUT, 3000, k, tau))
                .isCloseTo(BlackScholes.price(OptionType.PUT, 3000, k, tau, 0, vol - 0.01), within(1e-9));
        assertThat(q.ask(OptionType.PUT, 3000, k, tau))
                .isCloseTo(BlackScholes.price(OptionType.PUT, 3000, k, tau, 0, vol + 0.01), within(1e-9));
    }

    @Test
    void simulate_tenorOffTheSurface_namesTheStrategyAndTheField() {
        MarketData m = surfaceMarket();
        assertThatThrownBy(() -> StrategySimulator.DEFAULT.simulate(
                        m,
                        List.of(new StrategyTemplate.CoveredCall("ETH", 0.2, 7)),
                        assumptions(0, 24, TradingCost.FREE, DepegScenario.NONE),
                        30,
                        100,
                        1))
                .hasMessageContaining("covered-call:ETH:d0.20:7d")
                .hasMessageContaining("tenorDays 7");
        assertThat(StrategyUniverse.defaults(m, 0.05))
                .extracting(StrategyTemplate::name)
                .noneMatch(n -> n.endsWith(":7d"))
                .anyMatch(n -> n.endsWith(":30d"));
    }

    @Test
    void badInput_namesTheField() {
        assertThatThrownBy(() -> new StrategyTemplate.DeltaHedgedShortCall("ETH", 0.5, 30, 0.0))
                .hasMessageContaining("hedgeBand");
        assertThatThrownBy(() -> new ScenarioSimulation(
                        30, 1000, 1, 0, 0.05, 0.005, 24, "perp", 0.0005, 0.0001, "amm", -5, 1e7, Double.NaN, 0, 0))
                .isInstanceOfSatisfying(
                        InvalidAllocationSpecException.class,
                        e -> assertThat(e.field()).isEqualTo("depth"));
        assertThatThrownBy(() -> new ScenarioSimulation(
                        30, 1000, 1, 0, 0.05, 0.005, 5, "perp", 0.0005, 0.0001, "amm", 1e6, 1e7, Double.NaN, 0, 0))
                .isInstanceOfSatisfying(
                        InvalidAllocationSpecException.class,
                        e -> assertThat(e.field()).isEqualTo("hedgeEveryHours"));
    }
}
