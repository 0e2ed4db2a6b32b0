package io.vaultrisk.montecarlo.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vaultrisk.kernels.ProgressSink;
import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.MarketData;
import io.vaultrisk.montecarlo.book.SpotPosition;
import io.vaultrisk.montecarlo.book.Underlying;
import io.vaultrisk.montecarlo.history.PriceHistory;
import io.vaultrisk.montecarlo.vol.Ewma;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

class BacktestEngineTest {
    private static final double VOL = 0.6;
    private static final LocalDate START = LocalDate.of(2021, 1, 1);

    /** A GBM history with a known vol (test data made here, not market data). */
    private static PriceHistory gbmHistory(int days, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] s = new double[days];
        s[0] = 2000;
        double sd = VOL / Math.sqrt(365);
        for (int t = 1; t < days; t++) {
            double z = Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
            s[t] = s[t - 1] * Math.exp(-0.5 * sd * sd + sd * z);
        }
        double[][] nan = {new double[days]};
        Arrays.fill(nan[0], Double.NaN);
        return new PriceHistory(START, List.of("ETH"), new double[][] {s}, nan, nan);
    }

    private static Book spotBook(PriceHistory h, int day) {
        MarketData m =
                MarketData.of(0.0, List.of(Underlying.of("ETH", h.closes()[0][day], VOL, 0)), MarketData.identity(1));
        return Book.of(
                "spot-eth",
                h.date(day).atStartOfDay(ZoneOffset.UTC).toInstant(),
                m,
                List.of(SpotPosition.of("eth", "ETH", 10)));
    }

    @Test
    void run_spotBookRightVol_varMatchesLognormalQuantileAndExceptionsBinomial() {
        PriceHistory h = gbmHistory(420, 5);
        BacktestSpec spec = BacktestSpec.of(0.95, 1, BacktestSpec.VolModel.BOOK, BacktestSpec.Method.MC)
                .withPaths(4000)
                .withStepsPerDay(1)
                .withDays(300);
        BacktestReport r = BacktestEngine.DEFAULT.run(spotBook(h, 110), h, spec, ProgressSink.NONE);
        assertThat(r.observations()).isEqualTo(300);
        double z = new NormalDistribution().inverseCumulativeProbability(0.05);
        double sd = VOL / Math.sqrt(365);
        for (int i : new int[] {0, 150, 299}) {
            BacktestReport.Day d = r.days().get(i);
            double st = h.closes()[0][110 + i];
            double exact = 10 * st * (1 - Math.exp(-0.5 * sd * sd + z * sd));
            // 4,000 paths: the 5% quantile has a relative error of a few percent
            assertThat(d.var()).isCloseTo(exact, within(0.06 * exact));
            assertThat(d.pnl()).isCloseTo(10 * (h.closes()[0][111 + i] - st), within(1e-9));
            assertThat(d.exception()).isEqualTo(-d.pnl() > d.var());
        }
        // the right model: exceptions ~ Binomial(300, 5%), mean 15, sd 3.77
        assertThat(r.exceptions()).isBetween(15 - 15, 15 + 15);
        assertThat(r.exceptions()).isEqualTo((int)
                r.days().stream().filter(BacktestReport.Day::exception).count());
        assertThat(r.kupiec().pValue()).isGreaterThan(0.0001);
    }

    @Test
    void run_fhsSpotBook_varIsEmpiricalQuantileOfRescaledStandardisedReturns() {
        PriceHistory h = gbmHistory(200, 9);
        int t = 150;
        BacktestSpec spec = BacktestSpec.of(0.99, 1, BacktestSpec.VolModel.EWMA, BacktestSpec.Method.FHS)
                .withDays(1);
        BacktestReport r = BacktestEngine.DEFAULT.run(spotBook(h, t), h, spec, ProgressSink.NONE);
        double[] ret = h.logReturns("ETH");
        double[] v = new Ewma(Ewma.DEFAULT_LAMBDA).filter(ret);
        double st = h.closes()[0][t];
        int first = Ewma.SEED_DAYS;
        double[] losses = new double[t - first];
        for (int s = first; s < t; s++) {
            losses[s - first] = 10 * st * (1 - Math.exp(ret[s] / Math.sqrt(v[s]) * Math.sqrt(v[t])));
        }
        Arrays.sort(losses);
        int rank = (int) Math.ceil(losses.length * 0.99 - 1e-9);
        assertThat(r.days().get(0).var()).isCloseTo(losses[rank - 1], within(1e-6));
    }

    @Test
    void run_bookDateOutsideHistory_namesAsOf() {
        PriceHistory h = gbmHistory(200, 1);
        Book b = spotBook(h, 0).withMarket(spotBook(h, 0).market());
        Book outside = new Book(
                b.name(),
                "USD",
                START.minusDays(3).atStartOfDay(ZoneOffset.UTC).toInstant(),
                b.market(),
                b.positions());
        BacktestSpec spec = BacktestSpec.of(0.99, 1, BacktestSpec.VolModel.BOOK, BacktestSpec.Method.MC);
        assertThatThrownBy(() -> BacktestEngine.DEFAULT.run(outside, h, spec, ProgressSink.NONE))
                .isInstanceOfSatisfying(
                        InvalidBacktestException.class,
                        e -> assertThat(e.field()).isEqualTo("asOf"));
    }

    @Test
    void spec_fhsWithBookVols_namesVolModel() {
        assertThatThrownBy(() -> BacktestSpec.of(0.99, 1, BacktestSpec.VolModel.BOOK, BacktestSpec.Method.FHS))
                .isInstanceOfSatisfying(
                        InvalidBacktestException.class,
                        e -> assertThat(e.field()).isEqualTo("volModel"));
        assertThatThrownBy(() -> BacktestSpec.of(1.0, 1, BacktestSpec.VolModel.EWMA, BacktestSpec.Method.MC))
                .isInstanceOfSatisfying(
                        InvalidBacktestException.class,
                        e -> assertThat(e.field()).isEqualTo("confidence"));
    }
}
