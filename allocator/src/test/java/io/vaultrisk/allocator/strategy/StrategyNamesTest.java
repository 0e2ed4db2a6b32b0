package io.vaultrisk.allocator.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultrisk.montecarlo.book.MarketData;
import io.vaultrisk.montecarlo.book.Underlying;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrategyNamesTest {
    private static final MarketData MARKET = MarketData.of(
            0.0,
            List.of(Underlying.of("BTC", 90_000, 0.6, 0.2), Underlying.of("ETH", 3_000, 0.8, 0.3)),
            new double[][] {{1, 0.8}, {0.8, 1}});

    @Test
    void parse_everyDefaultName_roundTrips() {
        for (StrategyTemplate t : StrategyUniverse.defaults(MARKET, 0.05)) {
            assertThat(StrategyNames.parse(t.name(), MARKET, 0.05)).isEqualTo(t);
        }
    }

    @Test
    void parse_tokenSleeves_readAsStablecoinAndSpot() {
        assertThat(StrategyNames.parse("USDC", MARKET, 0.04)).isEqualTo(new StrategyTemplate.Stablecoin(0.04));
        assertThat(StrategyNames.parse("WBTC", MARKET, 0.04)).isEqualTo(new StrategyTemplate.Spot("BTC"));
        assertThat(StrategyNames.parse("weth", MARKET, 0.04)).isEqualTo(new StrategyTemplate.Spot("ETH"));
    }

    @Test
    void parse_badNames_explain() {
        assertThatThrownBy(() -> StrategyNames.parse("WSOL", MARKET, 0)).hasMessageContaining("unknown strategy");
        assertThatThrownBy(() -> StrategyNames.parse("covered-call:SOL:d0.2:7d", MARKET, 0))
                .hasMessageContaining("SOL is not in the market");
        assertThatThrownBy(() -> StrategyNames.parse("covered-call:ETH:0.2:7d", MARKET, 0))
                .hasMessageContaining("d0.20");
    }
}
