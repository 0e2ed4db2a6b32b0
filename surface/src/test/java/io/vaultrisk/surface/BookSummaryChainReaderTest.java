package io.vaultrisk.surface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BookSummaryChainReaderTest {

    private static final BookSummaryChainReader READER = BookSummaryChainReader.DEFAULT;

    private static String row(String name, String forward, String bid, String ask, String ts) {
        StringBuilder b = new StringBuilder("{");
        if (name != null) {
            b.append("\"instrument_name\":\"").append(name).append("\",");
        }
        if (forward != null) {
            b.append("\"underlying_price\":").append(forward).append(',');
        }
        if (bid != null) {
            b.append("\"bid_price\":").append(bid).append(',');
        }
        if (ask != null) {
            b.append("\"ask_price\":").append(ask).append(',');
        }
        b.append("\"mark_price\":0.05,\"mark_iv\":55.5,\"creation_timestamp\":")
                .append(ts)
                .append('}');
        return b.toString();
    }

    @Test
    void parse_goodRow_readsEveryField() {
        OptionChain chain = READER.parse(
                "{\"result\":[" + row("BTC-27NOV26-62500-C", "62000.5", "0.041", "0.043", "1795586400000") + "]}",
                "test");
        assertThat(chain.skipped()).isEmpty();
        OptionQuote q = chain.quotes().get(0);
        assertThat(q.expiry()).isEqualTo(Instant.parse("2026-11-27T08:00:00Z"));
        assertThat(q.strike()).isEqualTo(62500.0);
        assertThat(q.putCall()).isEqualTo(PutCall.CALL);
        assertThat(q.forward()).isEqualTo(62000.5);
        assertThat(q.mid()).isCloseTo(0.042, within(1e-15));
        assertThat(q.markVol()).isCloseTo(0.555, within(1e-15));
        assertThat(q.inverse()).isTrue();
        assertThat(q.usd(q.mid())).isCloseTo(0.042 * 62000.5, within(1e-9));
        assertThat(chain.asOf()).isEqualTo(Instant.ofEpochMilli(1795586400000L));
        assertThat(chain.timeTo(q.expiry())).isCloseTo((2 * 86400.0 + 2 * 3600.0) / (365 * 86400.0), within(1e-15));
    }

    @Test
    void parse_badRows_skippedWithReasonsAndGoodRowsKept() {
        String ts = "1795586400000";
        String json = "{\"result\":["
                + String.join(
                        ",",
                        row("BTC-27NOV26-62500-C", "62000", "0.04", "0.043", ts),
                        row("BTC-27NOV26", "62000", "62000", "62010", ts),
                        row("BTC-31FOO26-60000-C", "62000", "0.04", "0.043", ts),
                        row("BTC-31NOV26-60000-C", "62000", "0.04", "0.043", ts),
                        row("BTC-24NOV26-60000-C", "62000", "0.04", "0.043", ts),
                        row("BTC-27NOV26-64000-C", "62000", "0", "0.01", ts),
                        row("BTC-27NOV26-65000-C", "62000", "0.02", "0.01", ts),
                        row("BTC-27NOV26-66000-C", null, "0.01", "0.012", ts),
                        row("BTC-27NOV26-67000-C", "62000", null, "0.012", ts),
                        row(null, "62000", "0.01", "0.012", ts),
                        "{\"instrument_name\":\"BTC-27NOV26-68000-C\",\"underlying_price\":\"x\",\"bid_price\":0.01,"
                                + "\"ask_price\":0.02,\"creation_timestamp\":" + ts + "}",
                        "42",
                        "{\"instrument_name\":\"BTC-27NOV26-69000-C\",\"underlying_price\":62000,\"bid_price\":null,"
                                + "\"ask_price\":0.001,\"creation_timestamp\":" + ts + "}")
                + "]}";
        OptionChain chain = READER.parse(json, "test");
        assertThat(chain.quotes()).extracting(OptionQuote::instrument).containsExactly("BTC-27NOV26-62500-C");
        Map<String, String> reasons =
                chain.skipped().stream().collect(Collectors.toMap(SkippedQuote::instrument, SkippedQuote::reason));
        assertThat(reasons.get("BTC-27NOV26")).contains("not an option name");
        assertThat(reasons.get("BTC-31FOO26-60000-C")).contains("unknown month 'FOO'");
        assertThat(reasons.get("BTC-31NOV26-60000-C")).contains("invalid date");
        assertThat(reasons.get("BTC-24NOV26-60000-C")).startsWith("expired at 2026-11-24T08:00:00Z");
        assertThat(reasons.get("BTC-27NOV26-64000-C")).contains("zero bid");
        assertThat(reasons.get("BTC-27NOV26-65000-C")).contains("crossed market");
        assertThat(reasons.get("BTC-27NOV26-66000-C")).isEqualTo("missing field 'underlying_price'");
        assertThat(reasons.get("BTC-27NOV26-67000-C")).isEqualTo("missing field 'bid_price'");
        assertThat(reasons.get("row 9")).isEqualTo("missing field 'instrument_name'");
        assertThat(reasons.get("BTC-27NOV26-68000-C")).contains("'underlying_price' is not a number");
        assertThat(reasons.get("row 11")).isEqualTo("row is not an object");
        assertThat(reasons.get("BTC-27NOV26-69000-C"))
                .isEqualTo("zero bid: field 'bid_price' is null (empty bid side)");
        assertThat(chain.skipped()).hasSize(12);
    }

    @Test
    void read_notJson_failsWithOneLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("chain.json");
        Files.writeString(f, "this is not json");
        assertThatThrownBy(() -> READER.read(f))
                .isInstanceOf(ChainFormatException.class)
                .hasMessageContaining("is not valid JSON")
                .hasMessageNotContaining("\n");
    }

    @Test
    void read_emptyOrRowless_failsSayingSo(@TempDir Path dir) throws Exception {
        Path empty = dir.resolve("empty.json");
        Files.writeString(empty, "");
        assertThatThrownBy(() -> READER.read(empty)).hasMessageContaining("is empty");
        Path rowless = dir.resolve("rowless.json");
        Files.writeString(rowless, "{\"result\":[]}");
        assertThatThrownBy(() -> READER.read(rowless)).hasMessageContaining("empty 'result' array");
        Path other = dir.resolve("other.json");
        Files.writeString(other, "{\"jsonrpc\":\"2.0\"}");
        assertThatThrownBy(() -> READER.read(other)).hasMessageContaining("no 'result' array");
        assertThatThrownBy(() -> READER.read(dir.resolve("missing.json"))).hasMessageContaining("does not exist");
    }

    @Test
    void parse_linearOption_isQuotedInUsd() {
        OptionChain chain = READER.parse(
                "[" + row("BTC_USDC-27NOV26-62500-P", "62000", "1200", "1250", "1795586400000") + "]", "test");
        assertThat(chain.quotes().get(0).inverse()).isFalse();
        assertThat(chain.quotes().get(0).usd(1225.0)).isEqualTo(1225.0);
    }
}
