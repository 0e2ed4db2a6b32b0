package io.vaultrisk.montecarlo.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vaultrisk.basics.Normal;
import io.vaultrisk.kernels.ProgressSink;
import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.PerpetualPosition;
import io.vaultrisk.montecarlo.book.SpotPosition;
import io.vaultrisk.montecarlo.book.Underlying;
import org.junit.jupiter.api.Test;

class CoinViewTest {
    @Test
    void run_coinView_coinOnlyBookHasNoRiskAndAHedgedBookHasTheCoinsLognormalRisk() {
        double s0 = 3000, vol = 0.7;
        Underlying eth = Underlying.of("ETH", s0, vol, 0);
        RiskSettings s = RiskSettings.of(20_000, 3, new int[] {1}, new double[] {0.99})
                .withCurrency(ReportingCurrency.parse("coin:ETH"));
        RiskReport coins =
                RiskEngine.DEFAULT.run(TestBooks.single(eth, SpotPosition.of("e", "ETH", 10)), s, ProgressSink.NONE);
        assertThat(coins.currency()).isEqualTo("ETH");
        assertThat(coins.first().level(0.99).measures().var()).isCloseTo(0.0, within(1e-12));
        // 10 ETH hedged by a short linear perp: worth a constant 30,000 USD, i.e. 30,000/S_h coins; the 99% coin loss
        // is 10·(1 − S0/S_h) at the 99% quantile of S_h (a rally)
        Book hedged = TestBooks.single(
                eth, SpotPosition.of("e", "ETH", 10), PerpetualPosition.linear("h", "ETH", -10, s0, 40_000, 0.005, 0));
        RiskReport r = RiskEngine.DEFAULT.run(hedged, s, ProgressSink.NONE);
        double t = 1 / 365.0;
        double q99 = s0 * Math.exp(-0.5 * vol * vol * t + vol * Math.sqrt(t) * Normal.quantile(0.99));
        double expected = (10 * s0 + 40_000) / s0 - (10 * s0 + 40_000) / q99;
        TailMeasures m = r.first().level(0.99).measures();
        assertThat(expected).isBetween(m.varLow(), m.varHigh());
        assertThat(RiskReportJson.toJson(r).get("currency").asText()).isEqualTo("ETH");
    }

    @Test
    void run_coinViewOfAnUnknownUnderlying_namesTheSetting() {
        Book book = TestBooks.single(Underlying.of("ETH", 3000, 0.7, 0), SpotPosition.of("e", "ETH", 1));
        RiskSettings s = RiskSettings.of(1000, 1, new int[] {1}, new double[] {0.95})
                .withCurrency(ReportingCurrency.parse("coin:SOL"));
        assertThatThrownBy(() -> RiskEngine.DEFAULT.run(book, s, ProgressSink.NONE))
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
                    assertThat(e.field()).isEqualTo("currency");
                    assertThat(e.reason()).contains("SOL");
                });
        assertThatThrownBy(() -> ReportingCurrency.parse("eth"))
                .isInstanceOfSatisfying(
                        InvalidSettingException.class,
                        e -> assertThat(e.field()).isEqualTo("currency"));
    }
}
