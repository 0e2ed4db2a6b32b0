package io.vaultrisk.allocator.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vaultrisk.allocator.InvalidAllocationSpecException;
import io.vaultrisk.basics.Normal;
import io.vaultrisk.montecarlo.book.MarketData;
import io.vaultrisk.montecarlo.book.Underlying;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LimitEvaluatorTest {
    private static final MarketData MARKET = MarketData.of(
            0.0,
            List.of(Underlying.of("ETH", 3000, 0.8, 0.0), Underlying.of("BTC", 90000, 0.5, 0.0)),
            new double[][] {{1, 0.7}, {0.7, 1}});
    private static final List<String> SLEEVES = List.of("stablecoin", "spot:ETH", "spot:BTC");

    private static VaultLimits limits(Double es, int paths) {
        return VaultLimits.of(0.99, 1, null, es, Map.of("ETH", 0.5), null, paths, 7L);
    }

    @Test
    void evaluate_spotSleeves_deltaIsTheirWeightAndEsMatchesTheLognormalClosedForm() {
        LimitEvaluator.Scenarios s =
                LimitEvaluator.DEFAULT.simulate(MARKET, SLEEVES, limits(null, 200_000), 0.0, 0.1, 0, 0);
        LimitEvaluator.Result r = LimitEvaluator.DEFAULT.evaluate(s, new double[] {0.4, 0.6, 0.0}, 0);
        assertThat(r.delta().get("ETH")).isCloseTo(0.6, within(1e-9));
        assertThat(r.delta().get("BTC")).isCloseTo(0.0, within(1e-9));
        // ES99 of 0.6·(1 − e^X), X ~ N(−σ²t/2, σ²t): 0.6·(1 − e^{m+s²/2} Φ(z_{0.01} − s)/0.01)
        double sd = 0.8 * Math.sqrt(1 / 365.0);
        double closed = 0.6 * (1 - Normal.cdf(Normal.quantile(0.01) - sd) / 0.01);
        assertThat(r.es()).isCloseTo(closed, within(0.03 * closed));
        assertThat(r.breaches()).extracting(LimitEvaluator.Breach::measure).containsExactly("delta ETH");
        assertThat(r.breaches().get(0).text()).isEqualTo("delta ETH 0.600 > 0.5");
    }

    @Test
    void derisk_esBreach_findsTheSmallestFractionThatHolds() {
        VaultLimits l = VaultLimits.of(0.99, 1, null, 0.03, null, null, 2000, 7L);
        LimitEvaluator.Scenarios s = LimitEvaluator.DEFAULT.simulate(MARKET, SLEEVES, l, 0.0, 0.1, 0, 0);
        double[] w = {0.2, 0.5, 0.3};
        LimitEvaluator.Result before = LimitEvaluator.DEFAULT.evaluate(s, w, 0);
        assertThat(before.breaches().get(0).text()).startsWith("ES99 1d ").endsWith(" > 3%");
        LimitEvaluator.Derisk d = LimitEvaluator.DEFAULT.derisk(s, w, 0);
        assertThat(d.result().breached()).isFalse();
        assertThat(d.result().es()).isLessThanOrEqualTo(0.03);
        // with no stable yield every path's loss scales by (1 − f): ES(f) = (1 − f) ES(0), so f* = 1 − limit/ES(0)
        assertThat(d.fraction()).isCloseTo(1 - 0.03 / before.es(), within(2e-6));
        assertThat(d.weights()[0]).isCloseTo(0.2 + 0.8 * d.fraction(), within(1e-12));
        assertThat(d.weights()[1] / d.weights()[2]).isCloseTo(0.5 / 0.3, within(1e-12));
        assertThat(LimitEvaluator.DEFAULT
                        .evaluate(s, LimitEvaluator.scaled(s, w, d.fraction() - 1e-5), 0)
                        .breached())
                .isTrue();
    }

    @Test
    void evaluate_sameInputs_sameBits() {
        VaultLimits l = limits(0.05, 1000);
        double[] w = {0.3, 0.4, 0.3};
        LimitEvaluator.Result a =
                LimitEvaluator.DEFAULT.evaluate(LimitEvaluator.DEFAULT.simulate(MARKET, SLEEVES, l, 0.05, 0.1), w, 0.1);
        LimitEvaluator.Result b =
                LimitEvaluator.DEFAULT.evaluate(LimitEvaluator.DEFAULT.simulate(MARKET, SLEEVES, l, 0.05, 0.1), w, 0.1);
        assertThat(b.es()).isEqualTo(a.es());
        assertThat(b.var()).isEqualTo(a.var());
        assertThat(b.delta()).isEqualTo(a.delta());
        assertThat(a.drawdown()).isEqualTo(1 - 0.9 * (1 - a.es()));
    }

    @Test
    void derisk_noStablecoinSleeve_isRefused() {
        LimitEvaluator.Scenarios s =
                LimitEvaluator.DEFAULT.simulate(MARKET, List.of("spot:ETH", "spot:BTC"), limits(0.01, 1000), 0, 0.1);
        assertThatThrownBy(() -> LimitEvaluator.DEFAULT.derisk(s, new double[] {0.5, 0.5}, 0))
                .hasMessageContaining("stablecoin");
    }

    @Test
    void of_badValues_nameTheField() {
        assertThatThrownBy(() -> VaultLimits.of(1.0, 1, null, 0.1, null, null, null, null))
                .isInstanceOf(InvalidAllocationSpecException.class)
                .extracting(e -> ((InvalidAllocationSpecException) e).field())
                .isEqualTo("confidence");
        assertThatThrownBy(() -> VaultLimits.of(null, null, null, -0.1, null, null, null, null))
                .extracting(e -> ((InvalidAllocationSpecException) e).field())
                .isEqualTo("es");
        assertThatThrownBy(() -> VaultLimits.of(null, null, null, null, Map.of("ETH", 0.0), null, null, null))
                .extracting(e -> ((InvalidAllocationSpecException) e).field())
                .isEqualTo("delta.ETH");
        assertThatThrownBy(() -> VaultLimits.of(0.999, null, null, 0.1, null, null, 1000, null))
                .extracting(e -> ((InvalidAllocationSpecException) e).field())
                .isEqualTo("paths");
        assertThatThrownBy(() -> VaultLimits.of(null, null, null, null, null, null, null, null))
                .extracting(e -> ((InvalidAllocationSpecException) e).field())
                .isEqualTo("var");
    }
}
