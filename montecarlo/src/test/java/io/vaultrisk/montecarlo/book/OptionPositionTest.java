package io.vaultrisk.montecarlo.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultrisk.basics.OptionType;
import io.vaultrisk.montecarlo.instrument.EuropeanOption;
import io.vaultrisk.montecarlo.instrument.Settlement;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OptionPositionTest {
    private static final Instant AS_OF = Instant.parse("2026-01-01T08:00:00Z");

    @Test
    void optionAt_thirtyDaysLeft_isTheEuropeanOptionPriceValues() {
        OptionPosition p = OptionPosition.of(
                "c1", "ETH", OptionType.CALL, 4000, Instant.parse("2026-01-31T08:00:00Z"), Settlement.INVERSE, -2);

        EuropeanOption option = p.optionAt(AS_OF);

        // 30 days on ACT/365 are 30/365 years exactly
        assertThat(option).isEqualTo(EuropeanOption.of(OptionType.CALL, 4000, 30.0 / 365.0, Settlement.INVERSE));
    }

    @Test
    void optionAt_afterExpiry_isRefused() {
        OptionPosition p = OptionPosition.of("p1", "BTC", OptionType.PUT, 90000, AS_OF, Settlement.LINEAR, 1);

        assertThatThrownBy(() -> p.optionAt(AS_OF.plusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expiry");
    }

    @Test
    void intrinsic_callAndPut_payTheirSideOfTheStrike() {
        assertThat(OptionType.CALL.intrinsic(110, 100)).isEqualTo(10);
        assertThat(OptionType.CALL.intrinsic(90, 100)).isZero();
        assertThat(OptionType.PUT.intrinsic(90, 100)).isEqualTo(10);
        assertThat(OptionType.PUT.intrinsic(110, 100)).isZero();
    }

    @Test
    void market_ofUnderlying_carriesItsSpotAndTheBookRate() {
        MarketData data = MarketData.of(
                0.04, java.util.List.of(Underlying.of("ETH", 3500, 0.7, 0), Underlying.of("BTC", 95000, 0.5, 0)), null);

        assertThat(data.market("BTC").spot()).isEqualTo(95000);
        assertThat(data.market("BTC").rate()).isEqualTo(0.04);
    }
}
