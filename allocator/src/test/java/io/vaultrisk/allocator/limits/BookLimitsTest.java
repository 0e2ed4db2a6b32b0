package io.vaultrisk.allocator.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vaultrisk.allocator.InvalidAllocationSpecException;
import io.vaultrisk.basics.Normal;
import io.vaultrisk.basics.OptionType;
import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.MarketData;
import io.vaultrisk.montecarlo.book.OptionPosition;
import io.vaultrisk.montecarlo.book.PerpetualPosition;
import io.vaultrisk.montecarlo.book.SpotPosition;
import io.vaultrisk.montecarlo.book.Underlying;
import io.vaultrisk.montecarlo.instrument.Settlement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The book limits (vega, liquidation probability, margin use) against closed forms. */
class BookLimitsTest {
    private static final Instant AS_OF = Instant.parse("2026-01-01T00:00:00Z");
    private static final MarketData MARKET =
            MarketData.of(0.0, List.of(Underlying.of("ETH", 3000, 0.8, 0.0)), new double[][] {{1}});
    private static final List<String> SLEEVES = List.of("stablecoin", "spot:ETH");
    private static final double[] HELD = {0.5, 0.5};

    /** 10 ETH and 5 long 3,300 calls for 30 days: vega per vol point from Black–Scholes, S φ(d1) √T / 100. */
    private static Book optionBook() {
        return Book.of(
                "opts",
                AS_OF,
                MARKET,
                List.of(
                        SpotPosition.of("eth", "ETH", 10),
                        OptionPosition.of(
                                "c",
                                "ETH",
                                OptionType.CALL,
                                3300,
                                AS_OF.plusSeconds(30 * 86_400L),
                                Settlement.LINEAR,
                                5)));
    }

    private static double analyticVegaFraction() {
        double s = 3000, k = 3300, t = 30 / 365.0, v = 0.8;
        double d1 = (Math.log(s / k) + 0.5 * v * v * t) / (v * Math.sqrt(t));
        double d2 = d1 - v * Math.sqrt(t);
        double call = s * Normal.cdf(d1) - k * Normal.cdf(d2);
        double vegaPoint = 5 * s * Normal.pdf(d1) * Math.sqrt(t) / 100;
        return vegaPoint / (10 * s + 5 * call);
    }

    private static LimitEvaluator.Scenarios scenarios(VaultLimits limits, Book book) {
        LimitEvaluator.Scenarios s = LimitEvaluator.DEFAULT.simulate(MARKET, SLEEVES, limits, 0.0, 0.1, 0, 0);
        return LimitEvaluator.DEFAULT.withBook(s, book, HELD);
    }

    @Test
    void evaluate_vegaLimit_vegaIsTheBooksAnalyticVegaAndBreachesBelowIt() {
        double analytic = analyticVegaFraction();
        VaultLimits limits = VaultLimits.of(
                0.99, 1, null, null, null, null, 1000, 3L, Map.of("ETH", 0.5 * analytic), null, null, null);
        LimitEvaluator.Scenarios s = scenarios(limits, optionBook());
        LimitEvaluator.Result r = LimitEvaluator.DEFAULT.evaluate(s, HELD, 0);
        assertThat(r.vega().get("ETH")).isCloseTo(analytic, within(1e-9 * analytic));
        assertThat(r.breaches())
                .singleElement()
                .satisfies(b -> assertThat(b.measure()).isEqualTo("vega ETH"));

        // the least de-risking halves the risky weight: vega scales with it
        LimitEvaluator.Derisk d = LimitEvaluator.DEFAULT.derisk(s, HELD, 0);
        assertThat(d.fraction()).isCloseTo(0.5, within(1e-5));
        assertThat(d.result().breached()).isFalse();
        assertThat(d.result().vega().get("ETH")).isLessThanOrEqualTo(0.5 * analytic);
    }

    @Test
    void evaluate_longPerp_liquidationProbabilityWithin4SeOfFirstPassageClosedForm() {
        // long 1 ETH at 3,000 with 300 isolated margin, maintenance 0.5%, no funding: liquidated when
        // 300 + (S − 3000) < 0.005 S, i.e. S < 2700 / 0.995
        Book book =
                Book.of("perp", AS_OF, MARKET, List.of(PerpetualPosition.linear("p", "ETH", 1, 3000, 300, 0.005, 0.0)));
        int days = 3;
        VaultLimits limits = VaultLimits.of(0.99, days, null, null, null, null, 20_000, 5L, null, 0.05, null, null);
        LimitEvaluator.Scenarios s = scenarios(limits, book);
        LimitEvaluator.Liquidation liq = s.book().liquidation().get("p");

        double barrier = 2700 / 0.995, sigma = 0.8, t = days / 365.0;
        double b = Math.log(barrier / 3000), nu = -0.5 * sigma * sigma, sd = sigma * Math.sqrt(t);
        double closed =
                Normal.cdf((b - nu * t) / sd) + Math.exp(2 * nu * b / (sigma * sigma)) * Normal.cdf((b + nu * t) / sd);
        System.out.printf(
                "liquidation probability %.4f ± %.4f, first-passage closed form %.4f%n",
                liq.probability(), liq.stderr(), closed);
        assertThat(liq.liquidationPrice()).isCloseTo(barrier, within(1e-6));
        assertThat(liq.probability()).isCloseTo(closed, within(4 * liq.stderr()));
        assertThat(closed).isGreaterThan(0.05); // so the limit is breached

        LimitEvaluator.Result r = LimitEvaluator.DEFAULT.evaluate(s, HELD, 0);
        assertThat(r.liquidationProbability().get("p")).isEqualTo(liq.probability());
        assertThat(r.breaches())
                .singleElement()
                .satisfies(x -> assertThat(x.text()).startsWith("liquidation p 3d "));
        // scaling a perpetual with its margin keeps its leverage: only closing the risky sleeves holds the limit
        LimitEvaluator.Derisk d = LimitEvaluator.DEFAULT.derisk(s, HELD, 0);
        assertThat(d.fraction()).isEqualTo(1.0);
        assertThat(d.result().breached()).isFalse();
    }

    @Test
    void evaluate_marginUse_isInitialMarginOverBookValueAndScalesWithRiskyWeight() {
        VaultLimits limits = VaultLimits.of(0.99, 1, null, null, null, null, 1000, 3L, null, null, 0.05, null);
        LimitEvaluator.Scenarios s = scenarios(limits, optionBook());
        LimitEvaluator.BookRisk b = s.book();
        assertThat(b.marginUse()).isGreaterThan(0.05);
        LimitEvaluator.Result half = LimitEvaluator.DEFAULT.evaluate(s, new double[] {0.75, 0.25}, 0);
        assertThat(half.marginUse()).isCloseTo(0.5 * b.marginUse(), within(1e-12));
        LimitEvaluator.Derisk d = LimitEvaluator.DEFAULT.derisk(s, HELD, 0);
        assertThat(d.fraction()).isCloseTo(1 - 0.05 / b.marginUse(), within(1e-5));
    }

    @Test
    void withBook_sameInputs_identicalFigures() {
        VaultLimits limits = VaultLimits.of(0.99, 1, null, null, null, null, 1000, 3L, null, null, 0.5, null);
        assertThat(scenarios(limits, optionBook()).book())
                .isEqualTo(scenarios(limits, optionBook()).book());
    }

    @Test
    void of_badBookLimits_namesTheField() {
        assertThatThrownBy(() -> VaultLimits.of(
                        null, null, null, null, null, null, null, null, Map.of("ETH", 0.0), null, null, null))
                .isInstanceOf(InvalidAllocationSpecException.class)
                .hasFieldOrPropertyWithValue("field", "vega.ETH");
        assertThatThrownBy(() -> VaultLimits.of(null, null, null, null, null, null, null, null, null, 1.0, null, null))
                .hasFieldOrPropertyWithValue("field", "liquidationProbability");
        assertThatThrownBy(() -> VaultLimits.of(null, null, null, null, null, null, null, null, null, null, -1.0, null))
                .hasFieldOrPropertyWithValue("field", "marginUse");
        assertThat(VaultLimits.of(null, null, null, null, null, null, null, null, null, 0.01, null, null)
                        .needsBook())
                .isTrue();
    }
}
