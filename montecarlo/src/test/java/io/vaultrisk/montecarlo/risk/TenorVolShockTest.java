package io.vaultrisk.montecarlo.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vaultrisk.basics.BlackScholes;
import io.vaultrisk.basics.OptionType;
import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.OptionPosition;
import io.vaultrisk.montecarlo.book.Underlying;
import io.vaultrisk.montecarlo.instrument.Settlement;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TenorVolShockTest {
    private static final TenorVolShock X = TenorVolShock.EXCHANGE;

    @Test
    void factor_exchangeConvention_scalesTheShockByTheVenuesVegaPowers() {
        // at 30 days the shock applies as quoted
        assertThat(X.factor(0.5, 30)).isEqualTo(1.5);
        // 15 days: (30/15)^0.30 = 2^0.3 = e^(0.3 ln 2)
        assertThat(X.factor(0.5, 15)).isCloseTo(1 + 0.5 * Math.exp(0.3 * Math.log(2)), within(1e-15));
        // 120 days: (30/120)^0.13 = 2^(−0.26)
        assertThat(X.factor(0.5, 120)).isCloseTo(1 + 0.5 * Math.exp(-0.26 * Math.log(2)), within(1e-15));
        // under a day counts as one day: (30/1)^0.3
        assertThat(X.factor(-0.3, 0.2)).isCloseTo(1 - 0.3 * Math.exp(0.3 * Math.log(30)), within(1e-15));
        // −50% at one day would be 1 − 0.5·30^0.3 ≈ −0.39: floored at 1% of the vol
        assertThat(X.factor(-0.5, 1)).isEqualTo(0.01);
        // years are 365 days
        assertThat(X.factorAtYears(0.5, 15 / 365.0)).isCloseTo(X.factor(0.5, 15), within(1e-15));
    }

    @Test
    void of_negativePowerOrFloorOutsideUnit_isRefused() {
        assertThatThrownBy(() -> new TenorVolShock(-0.1, 0.13, 0.01)).hasMessageContaining("powers");
        assertThatThrownBy(() -> new TenorVolShock(0.3, 0.13, 0)).hasMessageContaining("floor");
    }

    @Test
    void bothMarginGrids_shockAFifteenDayOptionsVolByTheSameFactor() {
        double s0 = 3000, vol = 0.6, shock = 0.5;
        Instant expiry = TestBooks.AS_OF.plusSeconds(15 * 86400L);
        OptionPosition call = OptionPosition.of("c", "ETH", OptionType.CALL, 3200, expiry, Settlement.LINEAR, -10);
        Book book = TestBooks.single(Underlying.of("ETH", s0, vol, 0), call);
        double t = 15 / 365.0, f = 1 + shock * Math.pow(2, 0.3);
        double expected = -10
                * (BlackScholes.price(OptionType.CALL, s0, 3200, t, 0, vol * f)
                        - BlackScholes.price(OptionType.CALL, s0, 3200, t, 0, vol));
        RiskMatrix legacy = RiskMatrix.ofTenorScaled(book, new double[] {0.0}, new double[] {shock});
        assertThat(legacy.pnl()[0][0]).isCloseTo(expected, within(1e-9));
        VolScaledRiskMatrix scaled = VolScaledRiskMatrix.of(book, 1 / 365.0, new double[] {shock});
        int zero = 4; // Z_SCORES[4] = 0: spots unmoved
        assertThat(VolScaledRiskMatrix.Z_SCORES[zero]).isZero();
        assertThat(scaled.pnl()[zero][0]).isCloseTo(expected, within(1e-9));
    }
}
