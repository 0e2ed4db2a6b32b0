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
import io.vaultrisk.montecarlo.model.HestonModel;
import io.vaultrisk.montecarlo.model.MertonModel;
import io.vaultrisk.montecarlo.model.PricingModel;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@org.junit.jupiter.api.Tag("slow") // long Monte Carlo statistical checks (~13 s): ./run-tests --fast leaves it out
class JumpAndStochasticVolTest {
    private static final Market MARKET = Market.of(100, 0.02);
    /** Crypto-like: 70% vol, vol of variance 1.5, Feller condition violated (2κθ = 2 < ξ² = 2.25). */
    static final HestonModel CRYPTO_HESTON = HestonModel.of(0.5, 2, 0.5, 1.5, -0.3);

    static final MertonModel CRYPTO_MERTON = MertonModel.of(0.6, 4, -0.08, 0.15);

    private static PriceResult price(EuropeanOption o, PricingModel m, SimulationSettings s) {
        return MonteCarloEngine.DEFAULT.price(o, m, MARKET, s, ProgressSink.NONE);
    }

    private static void check(String name, Estimate e, double exact, double relativeBias) {
        assertThat(e.stderr()).as(name + " stderr").isPositive().isLessThan(0.2 * Math.abs(exact));
        assertThat(e.value()).as(name).isCloseTo(exact, within(4 * e.stderr() + relativeBias * Math.abs(exact)));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({"CALL,LINEAR,PATHWISE", "PUT,LINEAR,PATHWISE", "CALL,INVERSE,PATHWISE", "PUT,LINEAR,BUMP"})
    void price_merton_withinFourStandardErrorsOfSeries(OptionType type, Settlement settlement, GreekMethod method) {
        PriceResult r = price(
                EuropeanOption.of(type, 105, 0.5, settlement),
                CRYPTO_MERTON,
                SimulationSettings.of(150_000, 26, 3).withGreekMethod(method));
        Greeks a = r.analytic();
        assertThat(r.model()).isEqualTo("merton");
        assertThat(r.greeks()).containsOnlyKeys("delta", "gamma", "vega", "rho");
        check("price", r.price(), a.price(), 0);
        check("delta", r.greeks().get("delta"), a.delta(), 0);
        // gamma by a 1% second difference on the path: O(h²) bias
        if (settlement == Settlement.LINEAR) { // a coin gamma is a small difference of large terms: no power here
            check("gamma", r.greeks().get("gamma"), a.gamma(), 2e-3);
        }
        check("vega", r.greeks().get("vega"), a.vega(), method == GreekMethod.BUMP ? 1e-3 : 0);
        check("rho", r.greeks().get("rho"), a.rho(), 0);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"CALL,LINEAR", "PUT,INVERSE"})
    void price_hestonFellerViolated_withinFourStandardErrorsOfSemiAnalytic(OptionType type, Settlement settlement) {
        PriceResult r = price(
                EuropeanOption.of(type, 110, 0.25, settlement),
                CRYPTO_HESTON,
                SimulationSettings.of(150_000, 91, 5).withSampling(Sampling.ANTITHETIC));
        Greeks a = r.analytic();
        assertThat(r.greeks()).containsOnlyKeys("delta", "gamma", "rho");
        check("price", r.price(), a.price(), 0);
        check("delta", r.greeks().get("delta"), a.delta(), 0);
        check("gamma", r.greeks().get("gamma"), a.gamma(), 2e-3);
        check("rho", r.greeks().get("rho"), a.rho(), 0);
    }

    /**
     * The QE scheme's discretisation bias at daily steps, measured with enough paths that 4 standard errors are
     * below 0.1% of the price: the discounted spot control variate removes most of the variance of an in-the-money
     * call, and the bias criterion is |MC − exact| ≤ 0.1% of price + 4 se with 4 se itself under 0.1%.
     */
    @Test
    void price_hestonDailySteps_biasBelowTenthOfAPercent() {
        EuropeanOption call = EuropeanOption.linear(OptionType.CALL, 80, 30.0 / 365);
        PriceResult r = price(
                call,
                CRYPTO_HESTON,
                SimulationSettings.of(1_000_000, 30, 21)
                        .withSampling(Sampling.ANTITHETIC)
                        .withControlVariate(true));
        double exact = r.analytic().price();
        assertThat(4 * r.price().stderr()).isLessThan(1e-3 * exact);
        assertThat(r.price().value())
                .isCloseTo(exact, within(1e-3 * exact + 4 * r.price().stderr()));
    }

    @Test
    void price_mertonAndHeston_sameSeedSameNumbersOnOneOrTwoThreads() {
        for (PricingModel m : new PricingModel[] {CRYPTO_MERTON, CRYPTO_HESTON}) {
            SimulationSettings s = SimulationSettings.of(9_000, 10, 4);
            EuropeanOption o = EuropeanOption.linear(OptionType.CALL, 100, 0.2);
            PriceResult one = price(o, m, s.withThreads(1)), two = price(o, m, s.withThreads(2));
            assertThat(two.price()).isEqualTo(one.price());
            Map<String, Estimate> g1 = one.greeks();
            assertThat(two.greeks()).isEqualTo(g1);
        }
    }
}
