package io.vaultrisk.montecarlo.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vaultrisk.basics.Normal;
import io.vaultrisk.kernels.ProgressSink;
import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.BookReader;
import io.vaultrisk.montecarlo.book.SpotPosition;
import io.vaultrisk.montecarlo.book.Underlying;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.Tag("slow") // long Monte Carlo statistical checks (~10 s): ./run-tests --fast leaves it out
class RiskEngineTest {

    @Test
    void run_spotOnlyBook_matchesLognormalVarAndEsClosedForms() {
        double s0 = 91250, vol = 0.6, mu = 0.2, q = 2;
        Book book = TestBooks.single(Underlying.of("BTC", s0, vol, mu), SpotPosition.of("btc", "BTC", q));
        RiskReport r = RiskEngine.DEFAULT.run(
                book,
                RiskSettings.of(200_000, 11, new int[] {1, 7}, new double[] {0.95, 0.99})
                        .withStepsPerDay(4),
                ProgressSink.NONE);
        for (RiskReport.HorizonRisk h : r.horizons()) {
            double t = h.days() / 365.0, sd = vol * Math.sqrt(t);
            for (double a : new double[] {0.95, 0.99}) {
                double z = Normal.quantile(1 - a);
                double var = q * s0 * (1 - Math.exp((mu - 0.5 * vol * vol) * t + sd * z));
                double es = q * s0 * (1 - Math.exp(mu * t) * Normal.cdf(z - sd) / (1 - a));
                TailMeasures m = h.level(a).measures();
                assertThat(m.varLow()).as("VaR CI low, %d d %.2f", h.days(), a).isLessThan(m.var());
                assertThat(m.varHigh()).isGreaterThan(m.var());
                assertThat(m.var())
                        .as("VaR %d d %.2f", h.days(), a)
                        .isCloseTo(var, within(1.5 * (m.varHigh() - m.varLow())));
                assertThat(m.es()).as("ES %d d %.2f", h.days(), a).isCloseTo(es, within(4 * m.esStderr()));
                assertThat(m.es()).isGreaterThan(m.var());
                // an interval that cannot fail is no test: it must be a few tenths of a percent wide here
                assertThat(m.esStderr()).isLessThan(0.01 * es);
            }
            double mean = q * s0 * (Math.exp(mu * t) - 1);
            assertThat(h.pnl().mean()).isCloseTo(mean, within(4 * h.pnl().stdev() / Math.sqrt(200_000)));
        }
        assertThat(r.greeks().get(0).deltaCoins()).isEqualTo(2.0);
        assertThat(r.greeks().get(0).deltaQuote()).isEqualTo(2 * s0);
    }

    @Test
    void run_threadCount_doesNotChangeAnyBit() {
        Book book = BookReader.DEFAULT.read(Path.of("../examples/books/eth-vault.json"));
        RiskSettings s = RiskSettings.of(20_000, 5, new int[] {1, 7}, new double[] {0.95, 0.99});
        RiskReport one = RiskEngine.DEFAULT.run(book, s.withThreads(1), ProgressSink.NONE);
        RiskReport two = RiskEngine.DEFAULT.run(book, s.withThreads(2), ProgressSink.NONE);
        for (int h = 0; h < 2; h++) {
            for (int l = 0; l < 2; l++) {
                assertThat(two.horizons().get(h).levels().get(l).measures())
                        .isEqualTo(one.horizons().get(h).levels().get(l).measures());
            }
        }
        assertThat(two.perpetuals().get(0).horizons().get(1).probability())
                .isEqualTo(one.perpetuals().get(0).horizons().get(1).probability());
    }

    @Test
    void run_eulerContributions_sumToEsAndVarWindow() {
        Book book = BookReader.DEFAULT.read(Path.of("../examples/books/eth-vault.json"));
        RiskReport r = RiskEngine.DEFAULT.run(
                book, RiskSettings.of(40_000, 3, new int[] {7}, new double[] {0.95, 0.99}), ProgressSink.NONE);
        for (RiskReport.LevelRisk l : r.first().levels()) {
            double es = l.contributions().stream()
                    .mapToDouble(RiskReport.Contribution::es)
                    .sum();
            double var = l.contributions().stream()
                    .mapToDouble(RiskReport.Contribution::var)
                    .sum();
            assertThat(es)
                    .isCloseTo(
                            l.measures().es(),
                            within(1e-6 * Math.abs(l.measures().es())));
            // the VaR window straddles the VaR path: its mean loss lies inside the VaR confidence interval
            assertThat(var).isBetween(l.measures().varLow(), l.measures().varHigh());
        }
        // the short perpetual hedge and the spot ETH offset each other: their contributions have opposite signs
        RiskReport.LevelRisk l99 = r.first().level(0.99);
        double spot = l99.contributions().stream()
                .filter(c -> c.id().equals("eth-spot"))
                .findFirst()
                .orElseThrow()
                .es();
        double hedge = l99.contributions().stream()
                .filter(c -> c.id().equals("eth-perp-hedge"))
                .findFirst()
                .orElseThrow()
                .es();
        assertThat(spot).isPositive();
        assertThat(hedge).isNegative();
    }

    @Test
    void run_threadCountWithEveryNewFeature_sameJsonBits() {
        Book book = BookReader.DEFAULT.read(Path.of("../examples/books/eth-vault.json"));
        RiskSettings s = RiskSettings.of(12_000, 5, new int[] {1, 7}, new double[] {0.95, 0.99})
                .withLiquidationMonitoring(LiquidationMonitoring.CONTINUOUS)
                .withCurrency(ReportingCurrency.parse("coin:ETH"))
                .withMargin(MarginMethod.calibrated(2, 0.99));
        com.fasterxml.jackson.databind.node.ObjectNode one =
                RiskReportJson.toJson(RiskEngine.DEFAULT.run(book, s.withThreads(1), ProgressSink.NONE));
        com.fasterxml.jackson.databind.node.ObjectNode two =
                RiskReportJson.toJson(RiskEngine.DEFAULT.run(book, s.withThreads(2), ProgressSink.NONE));
        one.remove("elapsedMillis");
        two.remove("elapsedMillis");
        assertThat(two.toString()).isEqualTo(one.toString());
        assertThat(one.get("liquidationMonitoring").asText()).isEqualTo("continuous");
        assertThat(one.at("/margin/model").asText()).isEqualTo("calibrated");
        assertThat(one.at("/horizons/1/pnlExplain/tail/paths").asInt()).isPositive();
    }

    @Test
    void run_fewerThan100TailPaths_noEsIntervalAndAWarning() {
        Book book = BookReader.DEFAULT.read(Path.of("../examples/books/eth-vault.json"));
        RiskReport r = RiskEngine.DEFAULT.run(
                book, RiskSettings.of(2000, 5, new int[] {1}, new double[] {0.95, 0.99}), ProgressSink.NONE);
        // 2,000 paths: 101 tail paths at 95% (an interval), 21 at 99% (none)
        assertThat(r.first().level(0.95).measures().hasEsInterval()).isTrue();
        assertThat(r.first().level(0.99).measures().tailCount()).isEqualTo(21);
        assertThat(r.warnings()).anyMatch(w -> w.contains("only 21 tail paths"));
        com.fasterxml.jackson.databind.node.ObjectNode json = RiskReportJson.toJson(r);
        assertThat(json.at("/levels/0.99/esCi").isNull()).isTrue();
        assertThat(json.at("/levels/0.95/esCi").isArray()).isTrue();
    }
}
