package io.vaultrisk.montecarlo.stress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vaultrisk.basics.BlackScholes;
import io.vaultrisk.basics.OptionType;
import io.vaultrisk.kernels.ProgressSink;
import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.BookReader;
import io.vaultrisk.montecarlo.book.MarketData;
import io.vaultrisk.montecarlo.book.OptionPosition;
import io.vaultrisk.montecarlo.book.PerpetualPosition;
import io.vaultrisk.montecarlo.book.SpotPosition;
import io.vaultrisk.montecarlo.book.Underlying;
import io.vaultrisk.montecarlo.instrument.Settlement;
import io.vaultrisk.montecarlo.risk.RiskSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StressEngineTest {
    private static final Instant AS_OF = Instant.parse("2026-11-25T08:00:00Z");

    @Test
    void replay_spotPutAndPerp_matchesHandRevaluation() {
        Underlying eth = Underlying.of("ETH", 3000, 0.8, 0);
        Underlying btc = Underlying.of("BTC", 90000, 0.6, 0);
        OptionPosition put = OptionPosition.of(
                "put", "ETH", OptionType.PUT, 2800, Instant.parse("2026-12-25T08:00:00Z"), Settlement.LINEAR, -10);
        PerpetualPosition perp = PerpetualPosition.linear("perp", "ETH", 5, 3000, 2000, 0.01, 0.0001);
        Book book = Book.of(
                "b",
                AS_OF,
                MarketData.of(0.0, List.of(eth, btc), null),
                List.of(SpotPosition.of("eth", "ETH", 3), put, perp, SpotPosition.of("btc", "BTC", 1)));
        Scenario s = new Scenario("x", "x", "2020-01-01", "test", Map.of("ETH", -0.30), 0.5, List.of());
        StressReport.ScenarioResult r = StressEngine.DEFAULT.replay(book, s);
        double t = 30 / 365.0;
        double putPnl = -10
                * (BlackScholes.price(OptionType.PUT, 2100, 2800, t, 0, 1.2)
                        - BlackScholes.price(OptionType.PUT, 3000, 2800, t, 0, 0.8));
        assertThat(r.positionPnl().get("eth")).isCloseTo(3 * (2100 - 3000), within(1e-9));
        assertThat(r.positionPnl().get("put")).isCloseTo(putPnl, within(1e-8));
        // the perp's liquidation price is (5·3000 − 2000)/(5·0.99) = 2626: at 2100 it is gone with its margin
        assertThat(r.liquidated()).containsExactly("perp");
        assertThat(r.positionPnl().get("perp")).isCloseTo(-2000, within(1e-9));
        // BTC is not in the scenario and uncorrelated with ETH here: beta 0, so it moves by the worse side (for a
        // long) of ±2 residual sd; the scenario's length τ = ln(0.7)²/σ_ETH², so sd = σ_BTC·|ln 0.7|/σ_ETH
        double btcReturn = Math.expm1(-2 * 0.6 * Math.abs(Math.log(0.7)) / 0.8);
        assertThat(r.proxied()).containsExactly("BTC");
        assertThat(r.proxyReturns().get("BTC")).isCloseTo(btcReturn, within(1e-12));
        assertThat(r.positionPnl().get("btc")).isCloseTo(90000 * btcReturn, within(1e-6));
        assertThat(r.pnl()).isCloseTo(3 * -900 + putPnl - 2000 + 90000 * btcReturn, within(1e-6));
    }

    @Test
    void run_exampleVault_isReproducibleForASeedAndHasTheMatrixShape() {
        Book book = BookReader.DEFAULT.read(Path.of("../examples/books/eth-vault.json"));
        RiskSettings settings = RiskSettings.of(4000, 99, new int[] {1}, new double[] {0.95, 0.99});
        StressReport a = StressEngine.DEFAULT.run(book, ScenarioLibrary.historical(), settings, ProgressSink.NONE);
        StressReport b = StressEngine.DEFAULT.run(book, ScenarioLibrary.historical(), settings, ProgressSink.NONE);
        ObjectNode ja = StressReportJson.toJson(a), jb = StressReportJson.toJson(b);
        ((ObjectNode) ja.get("simulation")).remove("elapsedMillis");
        ((ObjectNode) jb.get("simulation")).remove("elapsedMillis");
        assertThat(ja).isEqualTo(jb);
        assertThat(a.matrix().pnl()).hasDimensions(11, 6);
        assertThat(a.matrix().pnl()[5][2]).isZero(); // no shock, no P&L
        assertThat(a.scenarios()).hasSize(4);
        assertThat(a.scenarios())
                .allSatisfy(s -> assertThat(s.scenario().sources()).isNotEmpty());
        String html = StressHtml.render(a);
        assertThat(html)
                .contains("<svg")
                .contains("stress heatmap")
                .contains("P&amp;L histogram")
                .doesNotContain("<script")
                .doesNotContain("http://cdn")
                .doesNotContain("https://cdn");
    }

    @Test
    void historical_bundledScenarios_allCiteASourcePerUnderlying() {
        for (Scenario s : ScenarioLibrary.historical()) {
            for (String u : s.returns().keySet()) {
                assertThat(s.sources()).as(s.id() + " " + u).anySatisfy(src -> {
                    assertThat(src.underlying()).isEqualTo(u);
                    assertThat(src.url()).startsWith("https://");
                });
            }
        }
    }
}
