package io.vaultrisk.montecarlo.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.MarketData;
import io.vaultrisk.montecarlo.book.SpotPosition;
import io.vaultrisk.montecarlo.book.Underlying;
import io.vaultrisk.montecarlo.history.PriceHistory;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FilteredHistoricalSimulationTest {
    private static final LocalDate START = LocalDate.of(2022, 1, 1);
    private static final int DAYS = 160;

    /** Two correlated coins with a vol that doubles half-way (test data made here, not market data). */
    private static PriceHistory history() {
        SplittableRandom rng = new SplittableRandom(11);
        double[][] s = new double[2][DAYS];
        s[0][0] = 40_000;
        s[1][0] = 2_500;
        for (int t = 1; t < DAYS; t++) {
            double sd = (t < DAYS / 2 ? 0.5 : 1.0) / Math.sqrt(365);
            double z1 = normal(rng), z2 = 0.7 * z1 + Math.sqrt(1 - 0.49) * normal(rng);
            s[0][t] = s[0][t - 1] * Math.exp(sd * z1);
            s[1][t] = s[1][t - 1] * Math.exp(1.2 * sd * z2);
        }
        double[][] nan = new double[2][DAYS];
        for (double[] row : nan) {
            Arrays.fill(row, Double.NaN);
        }
        return new PriceHistory(START, List.of("BTC", "ETH"), s, nan, nan);
    }

    private static double normal(SplittableRandom rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    private static Book book(int day, double btc, double eth) {
        MarketData m = MarketData.of(
                0.0,
                List.of(Underlying.of("BTC", 41_000, 0.6, 0), Underlying.of("ETH", 2_600, 0.8, 0)),
                MarketData.identity(2));
        return Book.of(
                "spots",
                START.plusDays(day).atStartOfDay(ZoneOffset.UTC).toInstant(),
                m,
                List.of(SpotPosition.of("b", "BTC", btc), SpotPosition.of("e", "ETH", eth)));
    }

    @Test
    void run_twoSpots_oneDayVarIsTheQuantileOfTheRescaledStandardisedJointReturns() {
        PriceHistory h = history();
        int t = 150;
        double lambda = 0.94;
        BacktestSpec spec = new BacktestSpec(
                0.99, 1, BacktestSpec.VolModel.EWMA, BacktestSpec.Method.FHS, 20_000, 1, lambda, 0, 24, 0);
        FilteredHistoricalSimulation.Report r =
                FilteredHistoricalSimulation.run(book(t, 1, 10), h, spec, new int[] {1}, new double[] {0.95, 0.99});

        // independently: EWMA variance by hand, seeded with the mean of the first 20 squared returns
        double[][] closes = h.closes();
        double[][] var = new double[2][];
        for (int u = 0; u < 2; u++) {
            double[] v = new double[DAYS];
            double seed = 0;
            for (int s = 0; s < 20; s++) {
                double x = Math.log(closes[u][s + 1] / closes[u][s]);
                seed += x * x / 20;
            }
            v[0] = seed;
            for (int s = 0; s + 1 < DAYS; s++) {
                double x = Math.log(closes[u][s + 1] / closes[u][s]);
                v[s + 1] = lambda * v[s] + (1 - lambda) * x * x;
            }
            var[u] = v;
        }
        // scenarios: the returns of days 20 .. t−1 (those known on day t), standardised by that day's forecast and
        // rescaled by day t's, applied jointly to the book's own spots
        int n = t - 20;
        double[] loss = new double[n];
        double[] spot = {41_000, 2_600}, q = {1, 10};
        for (int s = 20; s < t; s++) {
            for (int u = 0; u < 2; u++) {
                double x = Math.log(closes[u][s + 1] / closes[u][s]);
                double move = x / Math.sqrt(var[u][s]) * Math.sqrt(var[u][t]);
                loss[s - 20] += q[u] * spot[u] * (1 - Math.exp(move));
            }
        }
        Arrays.sort(loss);
        FilteredHistoricalSimulation.Horizon one = r.horizons().get(0);
        assertThat(one.scenarios()).isEqualTo(n);
        for (FilteredHistoricalSimulation.Level l : one.levels()) {
            int k = (int) Math.ceil(n * l.confidence()); // the k-th smallest loss of n
            assertThat(l.var()).isCloseTo(loss[k - 1], within(1e-6));
            // ES lies between the mean of the losses from rank k and from rank k + 1 on
            double from = 0, above = 0;
            for (int i = k - 1; i < n; i++) {
                from += loss[i] / (n - k + 1);
                above += i >= k ? loss[i] / (n - k) : 0;
            }
            assertThat(l.es()).isBetween(Math.min(from, above) - 1e-6, Math.max(from, above) + 1e-6);
        }
        assertThat(r.annualVol()[1]).isCloseTo(Math.sqrt(var[1][t] * 365), within(1e-12));
        // the history's second half has twice the vol: today's forecast sees it, the book's 0.6 does not matter
        assertThat(r.annualVol()[0]).isGreaterThan(0.7);
    }

    @Test
    void run_bookDateOutsideHistoryOrGarchBeforeEnoughDays_isRefusedNamingAsOf() {
        PriceHistory h = history();
        BacktestSpec spec = new BacktestSpec(
                0.99, 1, BacktestSpec.VolModel.EWMA, BacktestSpec.Method.FHS, 1_000, 1, 0.94, 0, 24, 0);
        assertThatThrownBy(() -> FilteredHistoricalSimulation.run(
                        book(DAYS + 3, 1, 1), h, spec, new int[] {1}, new double[] {0.99}))
                .isInstanceOfSatisfying(
                        InvalidBacktestException.class,
                        e -> assertThat(e.field()).isEqualTo("asOf"));
        assertThatThrownBy(() ->
                        FilteredHistoricalSimulation.run(book(10, 1, 1), h, spec, new int[] {1}, new double[] {0.99}))
                .isInstanceOfSatisfying(
                        InvalidBacktestException.class,
                        e -> assertThat(e.field()).isEqualTo("asOf"));
    }
}
