package io.vaultrisk.montecarlo.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultrisk.basics.OptionType;
import io.vaultrisk.montecarlo.instrument.Settlement;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BookReaderTest {
    private static final String HEAD = "{\"name\":\"b\",\"asOf\":\"2026-11-25\",\"market\":{\"rate\":0,\"underlyings\":"
            + "{\"BTC\":{\"spot\":91250,\"vol\":0.6},\"ETH\":{\"spot\":3000,\"vol\":0.8}},\"correlations\":{\"BTC/ETH\":0.8}},"
            + "\"positions\":[";

    @Test
    void read_exampleVault_givesEveryPositionType() {
        Book b = BookReader.DEFAULT.read(Path.of("../examples/books/eth-vault.json"));
        assertThat(b.name()).isEqualTo("eth-vault");
        assertThat(b.market().correlation(0, 1)).isEqualTo(0.8);
        assertThat(b.positions()).hasSize(8);
        OptionPosition cc = (OptionPosition) b.positions().get(1);
        assertThat(cc.optionType()).isEqualTo(OptionType.CALL);
        assertThat(cc.settlement()).isEqualTo(Settlement.INVERSE);
        assertThat(cc.quantity()).isEqualTo(-60);
        assertThat(cc.expiry()).isEqualTo(Instant.parse("2026-12-25T08:00:00Z"));
        PerpetualPosition inv = (PerpetualPosition) b.positions().get(7);
        assertThat(inv.funding().sensitivity()).isEqualTo(0.002);
        assertThat(inv.fundingIntervalHours()).isEqualTo(8);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"id\":\"x\",\"type\":\"swap\",\"underlying\":\"BTC\"}|position 'x': field 'type': unknown position type 'swap'",
                "{\"id\":\"x\",\"type\":\"spot\",\"underlying\":\"BTC\",\"quantity\":-1}|position 'x': field 'quantity': must be zero or positive",
                "{\"id\":\"x\",\"type\":\"spot\",\"underlying\":\"XRP\",\"quantity\":1}|position 'x': field 'underlying': unknown underlying 'XRP'",
                "{\"id\":\"x\",\"type\":\"option\",\"underlying\":\"BTC\",\"optionType\":\"call\",\"expiry\":\"2026-12-25\",\"quantity\":-1}|position 'x': field 'strike': is required",
                "{\"id\":\"x\",\"type\":\"option\",\"underlying\":\"BTC\",\"optionType\":\"call\",\"strike\":-5,\"expiry\":\"2026-12-25\",\"quantity\":-1}|position 'x': field 'strike': must be positive",
                "{\"id\":\"x\",\"type\":\"option\",\"underlying\":\"BTC\",\"optionType\":\"call\",\"strike\":5,\"expiry\":\"2026-11-01\",\"quantity\":-1}|position 'x': field 'expiry': option expired",
                "{\"id\":\"x\",\"type\":\"option\",\"underlying\":\"BTC\",\"optionType\":\"straddle\",\"strike\":5,\"expiry\":\"2026-12-25\",\"quantity\":-1}|position 'x': field 'optionType': unknown option type",
                "{\"id\":\"x\",\"type\":\"perpetual\",\"underlying\":\"BTC\",\"size\":1,\"entryPrice\":90000,\"margin\":-1,\"maintenanceMarginRate\":0.005}|position 'x': field 'margin': must be positive",
                "{\"id\":\"x\",\"type\":\"perpetual\",\"underlying\":\"BTC\",\"size\":1,\"entryPrice\":90000,\"margin\":1,\"maintenanceMarginRate\":0.005,\"fundingRat\":0.1}|position 'x': field 'fundingRat': unknown field",
                "{\"type\":\"spot\",\"underlying\":\"BTC\",\"quantity\":1}|position '#0': field 'id': is required",
            })
    void parse_badPosition_namesPositionAndField(String position, String message) {
        assertThatThrownBy(() -> BookReader.DEFAULT.parse(HEAD + position + "]}"))
                .isInstanceOf(BookFormatException.class)
                .hasMessageContaining(message);
    }

    @Test
    void parse_correlationOutsideUnitInterval_namesThePair() {
        String json = HEAD.replace("\"BTC/ETH\":0.8", "\"BTC/ETH\":1.3") + "]}";
        assertThatThrownBy(() -> BookReader.DEFAULT.parse(json))
                .isInstanceOf(BookFormatException.class)
                .hasMessageContaining("field 'market.correlations.BTC/ETH': must be in [-1, 1], got 1.3");
    }

    @Test
    void parse_correlationOfUnknownUnderlying_namesThePair() {
        String json = HEAD.replace("\"BTC/ETH\":0.8", "\"BTC/SOL\":0.5") + "]}";
        assertThatThrownBy(() -> BookReader.DEFAULT.parse(json))
                .isInstanceOf(BookFormatException.class)
                .hasMessageContaining("market.correlations.BTC/SOL");
    }

    @Test
    void parse_notJson_saysWhere() {
        assertThatThrownBy(() -> BookReader.DEFAULT.parse("{\"name\": "))
                .isInstanceOf(BookFormatException.class)
                .hasMessageContaining("not valid JSON at line 1");
    }
}
