package io.vaultrisk.montecarlo.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryCsvTest {
    private static final String GOOD = "date,BTC,ETH,ETH_high,ETH_low\n"
            + "2020-03-10,7900,200,205,190\n"
            + "2020-03-11,7950,195,201,188\n"
            + "2020-03-12,4970,112,196,95\n";

    @Test
    void parse_goodFile_readsClosesRangesAndReturns() {
        PriceHistory h = HistoryCsv.DEFAULT.parse(GOOD);
        assertThat(h.names()).containsExactly("BTC", "ETH");
        assertThat(h.days()).isEqualTo(3);
        assertThat(h.start()).isEqualTo(LocalDate.of(2020, 3, 10));
        assertThat(h.end()).isEqualTo(LocalDate.of(2020, 3, 12));
        assertThat(h.close("ETH", 2)).isEqualTo(112);
        assertThat(h.hasRange("ETH")).isTrue();
        assertThat(h.hasRange("BTC")).isFalse();
        assertThat(h.logReturns("BTC")[1]).isEqualTo(Math.log(4970.0 / 7950.0));
        assertThat(h.indexOf(LocalDate.of(2020, 3, 11))).isEqualTo(1);
        assertThat(h.indexOf(LocalDate.of(2020, 3, 13))).isEqualTo(-1);
    }

    @Test
    void parse_gap_namesLineAndDate() {
        String csv = "date,BTC\n2020-01-01,7000\n2020-01-02,7100\n2020-01-04,7200\n";
        assertThatThrownBy(() -> HistoryCsv.DEFAULT.parse(csv))
                .isInstanceOfSatisfying(HistoryFormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(4);
                    assertThat(e.field()).isEqualTo("date");
                })
                .hasMessageContaining("gap");
    }

    @Test
    void parse_repeatedDate_refused() {
        String csv = "date,BTC\n2020-01-01,7000\n2020-01-01,7100\n";
        assertThatThrownBy(() -> HistoryCsv.DEFAULT.parse(csv))
                .isInstanceOfSatisfying(
                        HistoryFormatException.class, e -> assertThat(e.line()).isEqualTo(3));
    }

    @Test
    void parse_nonPositivePrice_namesLineAndColumn() {
        String csv = "date,BTC,ETH\n2020-01-01,7000,130\n2020-01-02,7100,0\n";
        assertThatThrownBy(() -> HistoryCsv.DEFAULT.parse(csv))
                .isInstanceOfSatisfying(HistoryFormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.field()).isEqualTo("ETH");
                })
                .hasMessage("line 3: ETH: must be a positive price, got 0");
    }

    @Test
    void parse_absurdMove_refused() {
        String csv = "date,BTC\n2020-01-01,7000\n2020-01-02,70000\n";
        assertThatThrownBy(() -> HistoryCsv.DEFAULT.parse(csv))
                .isInstanceOfSatisfying(
                        HistoryFormatException.class, e -> assertThat(e.field()).isEqualTo("BTC"))
                .hasMessageContaining("factor of 10.0");
    }

    @Test
    void parse_closeAboveHigh_refused() {
        String csv = "date,ETH,ETH_high,ETH_low\n2020-01-01,130,129,120\n";
        assertThatThrownBy(() -> HistoryCsv.DEFAULT.parse(csv))
                .isInstanceOfSatisfying(
                        HistoryFormatException.class, e -> assertThat(e.line()).isEqualTo(2));
    }

    @Test
    void parse_badHeaderOrNumber_refused() {
        assertThatThrownBy(() -> HistoryCsv.DEFAULT.parse("day,BTC\n2020-01-01,1\n2020-01-02,1\n"))
                .isInstanceOf(HistoryFormatException.class)
                .hasMessageContaining("line 1: date");
        assertThatThrownBy(() -> HistoryCsv.DEFAULT.parse("date,BTC\n2020-01-01,abc\n2020-01-02,1\n"))
                .hasMessage("line 2: BTC: not a number: 'abc'");
        assertThatThrownBy(() -> HistoryCsv.DEFAULT.parse("date,BTC\n2020/01/01,1\n"))
                .hasMessageContaining("line 2: date: not an ISO date");
    }

    @Test
    void read_gzip_sameAsPlain(@TempDir Path dir) throws Exception {
        Path gz = dir.resolve("h.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(GOOD.getBytes(StandardCharsets.UTF_8));
        }
        PriceHistory h = HistoryCsv.DEFAULT.read(gz);
        assertThat(h.closes()[0]).containsExactly(7900, 7950, 4970);
    }
}
