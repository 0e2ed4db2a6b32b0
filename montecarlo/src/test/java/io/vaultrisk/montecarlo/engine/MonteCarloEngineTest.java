package io.vaultrisk.montecarlo.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vaultrisk.basics.Greeks;
import io.vaultrisk.basics.OptionType;
import io.vaultrisk.kernels.GreekMethod;
import io.vaultrisk.kernels.ProgressSink;
import io.vaultrisk.kernels.Sampling;
import io.vaultrisk.montecarlo.instrument.EuropeanOption;
import io.vaultrisk.montecarlo.instrument.Settlement;
import io.vaultrisk.montecarlo.market.Market;
import io.vaultrisk.montecarlo.model.GbmModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MonteCarloEngineTest {
    private static final Market MARKET = Market.of(100, 0.03);
    private static final GbmModel MODEL = GbmModel.of(0.8);
    private static final double K = 4.0;

    private static PriceResult price(EuropeanOption o, SimulationSettings s) {
        return MonteCarloEngine.DEFAULT.price(o, MODEL, MARKET, s, ProgressSink.NONE);
    }

    /** Each estimate within k standard errors (plus a stated bias allowance) of the closed form. */
    private static void assertWithinStandardErrors(PriceResult r, double relativeBias) {
        Greeks a = r.analytic();
        check("price", r.price(), a.price(), relativeBias);
        check("delta", r.greeks().get("delta"), a.delta(), relativeBias);
        check("gamma", r.greeks().get("gamma"), a.gamma(), relativeBias);
        check("vega", r.greeks().get("vega"), a.vega(), relativeBias);
        check("rho", r.greeks().get("rho"), a.rho(), relativeBias);
        check("theta", r.greeks().get("theta"), a.theta(), relativeBias);
    }

    private static void check(String name, Estimate e, double exact, double relativeBias) {
        assertThat(e.stderr())
                .as(name + " stderr")
                .isPositive()
                .isLessThan(0.2 * Math.abs(exact) + 1e-12); // the test has power
        assertThat(e.value()).as(name).isCloseTo(exact, within(K * e.stderr() + relativeBias * Math.abs(exact)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"CALL,LINEAR", "PUT,LINEAR", "CALL,INVERSE", "PUT,INVERSE"})
    void price_pathwiseGreeks_withinFourStandardErrorsOfClosedForm(OptionType type, Settlement settlement) {
        PriceResult r = price(EuropeanOption.of(type, 110, 0.5, settlement), SimulationSettings.of(200_000, 6, 11));
        assertThat(r.currency()).isEqualTo(settlement == Settlement.INVERSE ? "coin" : "quote");
        assertWithinStandardErrors(r, 0.0);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"CALL,LINEAR", "PUT,INVERSE"})
    void price_bumpGreeks_withinFourStandardErrorsPlusFiniteDifferenceBias(OptionType type, Settlement settlement) {
        SimulationSettings s = SimulationSettings.of(200_000, 3, 5).withGreekMethod(GreekMethod.BUMP);
        // central bumps of 1% spot / 1 vol point / 1bp leave O(h²) bias; theta's one-day forward step O(δ)
        assertWithinStandardErrors(price(EuropeanOption.of(type, 110, 0.5, settlement), s), 5e-3);
    }

    @Test
    void price_antitheticAndControlVariate_unbiasedAndTighter() {
        EuropeanOption call = EuropeanOption.linear(OptionType.CALL, 95, 1.0);
        SimulationSettings plain = SimulationSettings.of(100_000, 2, 3);
        PriceResult base = price(call, plain);
        PriceResult anti = price(call, plain.withSampling(Sampling.ANTITHETIC));
        PriceResult cv = price(call, plain.withControlVariate(true));
        assertWithinStandardErrors(anti, 0.0);
        check("cv price", cv.price(), cv.analytic().price(), 0.0);
        assertThat(anti.price().stderr()).isLessThan(base.price().stderr());
        assertThat(cv.price().stderr()).isLessThan(0.6 * base.price().stderr());
        assertThat(cv.controlVariateBeta()).isBetween(0.3, 1.0);
    }

    /**
     * On the same paths a call minus a put is S_T − K path by path, and the control-variate coefficients of the two
     * differ by exactly one, so the controlled estimates satisfy put–call parity to rounding.
     */
    @Test
    void price_callMinusPutOnSamePathsWithControlVariate_satisfiesParityExactly() {
        SimulationSettings s = SimulationSettings.of(50_000, 5, 19).withControlVariate(true);
        for (Settlement settlement : Settlement.values()) {
            PriceResult call = price(EuropeanOption.of(OptionType.CALL, 90, 0.4, settlement), s);
            PriceResult put = price(EuropeanOption.of(OptionType.PUT, 90, 0.4, settlement), s);
            double forwardValue = 100 - 90 * Math.exp(-0.03 * 0.4);
            double expected = settlement == Settlement.INVERSE ? forwardValue / 100 : forwardValue;
            assertThat(call.price().value() - put.price().value())
                    .as("%s", settlement)
                    .isCloseTo(expected, within(1e-11));
        }
    }

    @Test
    void price_qmc_errorBelowPlainMonteCarloAtEqualPaths() {
        EuropeanOption call = EuropeanOption.linear(OptionType.CALL, 120, 0.25);
        SimulationSettings s = SimulationSettings.of(1 << 16, 64, 8);
        PriceResult mc = price(call, s);
        PriceResult qmc = price(call, s.withSampling(Sampling.QMC));
        double exact = qmc.analytic().price();
        check("qmc price", qmc.price(), exact, 0.0);
        assertThat(qmc.price().stderr()).isLessThan(0.2 * mc.price().stderr());
        assertThat(Math.abs(qmc.price().value() - exact))
                .isLessThan(Math.max(
                        Math.abs(mc.price().value() - exact), mc.price().stderr()));
    }

    @Test
    void price_oneOrTwoThreads_bitIdenticalResult() {
        EuropeanOption put = EuropeanOption.of(OptionType.PUT, 100, 0.3, Settlement.INVERSE);
        PriceResult one = price(put, SimulationSettings.of(30_000, 10, 77).withThreads(1));
        PriceResult two = price(put, SimulationSettings.of(30_000, 10, 77).withThreads(2));
        assertThat(two.price()).isEqualTo(one.price());
        assertThat(two.greeks()).isEqualTo(one.greeks());
    }

    @Test
    void price_reportsWhatItSimulated() {
        long before = System.nanoTime();
        PriceResult r = price(
                EuropeanOption.linear(OptionType.CALL, 100, 1),
                SimulationSettings.of(10_001, 7, 1).withSampling(Sampling.ANTITHETIC));
        long wall = System.nanoTime() - before;
        assertThat(r.paths()).isEqualTo(10_002);
        assertThat(r.steps()).isEqualTo(7);
        assertThat(r.backend()).isEqualTo("cpu");
        // the engine's own timing lies inside the caller's (a unit or clock slip would leave it)
        assertThat(r.elapsedNanos()).isStrictlyBetween(0L, wall);
    }
}
