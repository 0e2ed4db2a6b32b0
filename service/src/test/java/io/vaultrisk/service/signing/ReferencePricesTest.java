package io.vaultrisk.service.signing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultrisk.montecarlo.book.MarketData;
import io.vaultrisk.montecarlo.book.Underlying;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReferencePricesTest {

    @Test
    void of_stablecoinAndTwoSpots_decimalPricesTimes1e18WithBothSources() {
        ReferencePrices p = ReferencePrices.of(
                List.of("", "BTC", "ETH"),
                Map.of("BTC", 90000.5, "ETH", 3000.25),
                Map.of("BTC", ReferencePrices.MARKET_FEED, "ETH", ReferencePrices.BOOK_SPOT));

        // 90000.5 and 3000.25 are exact doubles; the 1e18 scaling is done in decimal, not in binary
        assertThat(p.pricesX18())
                .containsExactly(
                        BigInteger.TEN.pow(18),
                        new BigInteger("900005").multiply(BigInteger.TEN.pow(17)),
                        new BigInteger("300025").multiply(BigInteger.TEN.pow(16)));
        assertThat(p.source()).isEqualTo("book-spot+market-feed");
    }

    @Test
    void of_sleeveWithoutSpotOrOnlyStablecoin_none() {
        assertThat(ReferencePrices.of(List.of("", "BTC", "SOL"), Map.of("BTC", 90000.0), Map.of()))
                .isEqualTo(ReferencePrices.NONE);
        assertThat(ReferencePrices.of(List.of("", "BTC"), Map.of("BTC", Double.NaN), Map.of()))
                .isEqualTo(ReferencePrices.NONE);
        assertThat(ReferencePrices.of(List.of(""), Map.of(), Map.of())).isEqualTo(ReferencePrices.NONE);
    }

    @Test
    void fromBook_tokenAndOptionSleeves_underlyingSpotsTaggedBookSpot() {
        List<Underlying> us = List.of(Underlying.of("BTC", 91234.5, 0.6, 0.1), Underlying.of("ETH", 3100, 0.8, 0.1));
        MarketData market = MarketData.of(0, us, MarketData.identity(2));

        ReferencePrices p = ReferencePrices.fromBook(List.of("USDC", "WBTC", "covered-call:ETH:d0.20:14d"), market);
        ReferencePrices unknown = ReferencePrices.fromBook(List.of("USDC", "not-a-strategy"), market);

        assertThat(p.pricesX18())
                .containsExactly(
                        BigInteger.TEN.pow(18),
                        new BigInteger("912345").multiply(BigInteger.TEN.pow(17)),
                        BigInteger.valueOf(3100).multiply(BigInteger.TEN.pow(18)));
        assertThat(p.source()).isEqualTo("book-spot");
        assertThat(unknown).isEqualTo(ReferencePrices.NONE);
    }
}
