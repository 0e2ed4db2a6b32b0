package io.vaultrisk.montecarlo.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vaultrisk.basics.OptionType;
import io.vaultrisk.kernels.ProgressSink;
import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.OptionPosition;
import io.vaultrisk.montecarlo.book.Underlying;
import io.vaultrisk.montecarlo.instrument.Settlement;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CoinSettlementTest {
    private static final Instant EXPIRY = Instant.parse("2026-11-25T20:00:00Z"); // 12 h after TestBooks.AS_OF

    @Test
    void horizonValue_writtenInverseCall_isCoinsWorthTheHorizonSpot() {
        // by hand: K = 1000, Sₑ = 1100, S_h = 1200. The call pays 100/1100 coins at expiry; a writer of one owes
        // them, worth 1200·100/1100 = 109.0909 at the horizon, not the 100 of a linear (cash) settlement.
        OptionPosition inv = OptionPosition.of("c", "ETH", OptionType.CALL, 1000, EXPIRY, Settlement.INVERSE, -1);
        OptionPosition lin = OptionPosition.of("c", "ETH", OptionType.CALL, 1000, EXPIRY, Settlement.LINEAR, -1);
        assertThat(CoinSettlement.horizonValue(inv, 1100, 1200)).isCloseTo(-1200.0 / 11, within(1e-12));
        assertThat(CoinSettlement.horizonValue(lin, 1100, 1200)).isCloseTo(-100, within(1e-12));
        // a put: (K − Sₑ)⁺/Sₑ coins
        OptionPosition put = OptionPosition.of("p", "ETH", OptionType.PUT, 1000, EXPIRY, Settlement.INVERSE, 2);
        assertThat(CoinSettlement.horizonValue(put, 800, 900)).isCloseTo(2 * 200.0 / 800 * 900, within(1e-12));
        assertThat(CoinSettlement.horizonValue(put, 1100, 900)).isZero();
    }

    @Test
    void run_inverseCallExpiringInsideHorizon_settlesInCoinOnADeterministicPath() {
        // vol 1e-8 makes the path S(t) = S0·e^{μt}; μ and S0 put Sₑ = 1100 at the 12 h expiry and S_h = 1200 at 7 d
        double te = 0.5 / 365, th = 7 / 365.0;
        double mu = Math.log(1200.0 / 1100) / (th - te), s0 = 1100 * Math.exp(-mu * te);
        Underlying eth = Underlying.of("ETH", s0, 1e-8, mu);
        for (Settlement settlement : Settlement.values()) {
            OptionPosition call = OptionPosition.of("c", "ETH", OptionType.CALL, 1000, EXPIRY, settlement, -1);
            Book book = TestBooks.single(eth, call);
            RiskReport r = RiskEngine.DEFAULT.run(
                    book, RiskSettings.of(1000, 1, new int[] {7}, new double[] {0.95}), ProgressSink.NONE);
            double expected = settlement == Settlement.INVERSE ? -1200.0 / 11 : -100;
            assertThat(r.first().pnl().mean() + r.bookValue()).isCloseTo(expected, within(1e-4));
        }
    }
}
