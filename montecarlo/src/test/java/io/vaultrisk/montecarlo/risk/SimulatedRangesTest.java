package io.vaultrisk.montecarlo.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultrisk.kernels.ProgressSink;
import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.BookReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A run split into path ranges ({@link RiskEngine#simulate}) and reduced ({@link RiskEngine#reduce}) is the run. */
class SimulatedRangesTest {
    static final RiskSettings SETTINGS = RiskSettings.of(10_000, 7, new int[] {1, 7}, new double[] {0.95, 0.99});

    static String withoutElapsed(RiskReport r) {
        var o = RiskReportJson.toJson(r);
        o.remove("elapsedMillis");
        return o.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"eth-vault.json", "vol-surface-vault.json", "btc-spot.json"})
    void reduce_rangesInPathOrder_equalsTheRunBitForBit(String file) {
        Book book = BookReader.DEFAULT.read(Path.of("../examples/books", file));
        // a second run: the explain's mean terms of a JVM's very first run can differ in the last bit (interpreted
        // against compiled code), the paths and every other number do not
        RiskEngine.DEFAULT.run(book, SETTINGS, ProgressSink.NONE);
        RiskReport whole = RiskEngine.DEFAULT.run(book, SETTINGS, ProgressSink.NONE);
        long[][] splits = {{0, 10_000}, {0, 4096, 10_000}, {0, 4096, 8192, 10_000}};
        for (long[] cuts : splits) {
            List<SimulatedPaths> ranges = new ArrayList<>();
            for (int i = 0; i + 1 < cuts.length; i++) {
                ranges.add(RiskEngine.DEFAULT.simulate(
                        book, SETTINGS, cuts[i], (int) (cuts[i + 1] - cuts[i]), ProgressSink.NONE));
            }
            RiskReport reduced = RiskEngine.DEFAULT.reduce(book, SETTINGS, ranges, System.nanoTime());
            assertThat(reduced.horizons().get(1).level(0.99).measures())
                    .isEqualTo(whole.horizons().get(1).level(0.99).measures());
            assertThat(withoutElapsed(reduced)).isEqualTo(withoutElapsed(whole));
        }
    }

    @org.junit.jupiter.api.Test
    void reduce_coinViewWithCalibratedMargin_equalsTheRunBitForBit() {
        // the coin view's margin reads a second tail (quote-currency losses); a 7-day calibrated margin at 0.99
        // puts it at the second horizon, at a level that is not among the confidences
        Book book = BookReader.DEFAULT.read(Path.of("../examples/books/eth-vault.json"));
        RiskSettings coin = SETTINGS.withCurrency(ReportingCurrency.parse("coin:ETH"))
                .withMargin(MarginMethod.calibrated(7, 0.975));
        RiskEngine.DEFAULT.run(book, coin, ProgressSink.NONE);
        RiskReport whole = RiskEngine.DEFAULT.run(book, coin, ProgressSink.NONE);
        List<SimulatedPaths> ranges = List.of(
                RiskEngine.DEFAULT.simulate(book, coin, 0, 4096, ProgressSink.NONE),
                RiskEngine.DEFAULT.simulate(book, coin, 4096, 10_000 - 4096, ProgressSink.NONE));
        RiskReport reduced = RiskEngine.DEFAULT.reduce(book, coin, ranges, System.nanoTime());
        assertThat(whole.margin().varEsInitial()).isPositive();
        assertThat(withoutElapsed(reduced)).isEqualTo(withoutElapsed(whole));
    }

    @ParameterizedTest
    @ValueSource(longs = {100, 4095})
    void simulate_firstNotOnABlock_isRefused(long first) {
        Book book = BookReader.DEFAULT.read(Path.of("../examples/books/btc-spot.json"));
        assertThatThrownBy(() -> RiskEngine.DEFAULT.simulate(book, SETTINGS, first, 4096, ProgressSink.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("multiple of 4096");
    }

    @org.junit.jupiter.api.Test
    void reduce_gapBetweenRanges_isRefused() {
        Book book = BookReader.DEFAULT.read(Path.of("../examples/books/btc-spot.json"));
        List<SimulatedPaths> ranges = List.of(
                RiskEngine.DEFAULT.simulate(book, SETTINGS, 0, 4096, ProgressSink.NONE),
                RiskEngine.DEFAULT.simulate(book, SETTINGS, 8192, 10_000 - 8192, ProgressSink.NONE));
        assertThatThrownBy(() -> RiskEngine.DEFAULT.reduce(book, SETTINGS, ranges, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected a range from 4096");
    }
}
