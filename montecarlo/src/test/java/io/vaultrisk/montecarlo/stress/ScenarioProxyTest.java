package io.vaultrisk.montecarlo.stress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.MarketData;
import io.vaultrisk.montecarlo.book.PerpetualPosition;
import io.vaultrisk.montecarlo.book.Position;
import io.vaultrisk.montecarlo.book.SpotPosition;
import io.vaultrisk.montecarlo.book.Underlying;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScenarioProxyTest {
    private static final Scenario BTC_DOWN_30 =
            new Scenario("x", "x", "2020-01-01", "test", Map.of("BTC", -0.30), 0.0, List.of());

    private static Book book(Position solPosition) {
        double rho = 0.8;
        return Book.of(
                "b",
                Instant.parse("2026-11-25T08:00:00Z"),
                MarketData.of(
                        0.0,
                        List.of(Underlying.of("BTC", 90000, 0.6, 0), Underlying.of("SOL", 200, 0.9, 0)),
                        new double[][] {{1, rho}, {rho, 1}}),
                List.of(SpotPosition.of("btc", "BTC", 1), solPosition));
    }

    @Test
    void of_unnamedUnderlying_movesByBetaAndTheWorseBandSideForTheBook() {
        // by hand: x = ln 0.7; beta = ρσ_SOL/σ_BTC = 1.2; τ = x²/σ_BTC²; residual sd = σ_SOL√(1−ρ²)·√τ =
        // 0.9·0.6·|x|/0.6
        double x = Math.log(0.7), mean = 1.2 * x, sd = 0.9 * 0.6 * Math.abs(x) / 0.6;
        ScenarioProxy.Moves longSol = ScenarioProxy.of(book(SpotPosition.of("sol", "SOL", 100)), BTC_DOWN_30);
        assertThat(longSol.beta()[1]).isCloseTo(1.2, within(1e-9));
        assertThat(longSol.regression()[1]).isCloseTo(Math.expm1(mean), within(1e-9));
        assertThat(longSol.returns()[1]).isCloseTo(Math.expm1(mean - 2 * sd), within(1e-9)); // a long: the lower side
        assertThat(longSol.returns()[0]).isEqualTo(-0.30);
        // a short SOL: the worst is SOL falling less than its beta says (here rising), not the −30% of the old proxy
        ScenarioProxy.Moves shortSol = ScenarioProxy.of(
                book(PerpetualPosition.linear("sol", "SOL", -100, 200, 100_000, 0.005, 0.0)), BTC_DOWN_30);
        assertThat(shortSol.returns()[1]).isCloseTo(Math.expm1(mean + 2 * sd), within(1e-9));
        assertThat(shortSol.returns()[1]).isGreaterThan(-0.30);
    }

    @Test
    void replay_shortInAProxiedUnderlying_losesWhereTheWorstListedProxyShowedAGain() {
        Book b = book(PerpetualPosition.linear("sol", "SOL", -100, 200, 100_000, 0.005, 0.0));
        StressReport.ScenarioResult r = StressEngine.DEFAULT.replay(b, BTC_DOWN_30);
        assertThat(r.proxied()).containsExactly("SOL");
        double ret = r.proxyReturns().get("SOL");
        assertThat(r.positionPnl().get("sol"))
                .isCloseTo(-100 * 200 * ret, within(1e-6))
                .isNegative();
    }
}
