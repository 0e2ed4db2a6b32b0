package io.vaultrisk.montecarlo.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.MarketData;
import io.vaultrisk.montecarlo.book.PerpetualPosition;
import io.vaultrisk.montecarlo.book.SpotPosition;
import io.vaultrisk.montecarlo.book.Underlying;
import java.util.List;
import org.junit.jupiter.api.Test;

class VolScaledRiskMatrixTest {
    @Test
    void of_longBtcShortEthSpread_uniformMatrixSeesNothingSpreadRowsSeeTheHandLoss() {
        double vol = 0.6, rho = 0.8, tau = 1 / 365.0;
        Book book = TestBooks.of(
                MarketData.of(
                        0.0,
                        List.of(Underlying.of("BTC", 90000, vol, 0), Underlying.of("ETH", 3000, vol, 0)),
                        new double[][] {{1, rho}, {rho, 1}}),
                SpotPosition.of("btc", "BTC", 1),
                // short 30 ETH (90,000 USD) with margin enough never to be liquidated on this grid
                PerpetualPosition.linear("eth", "ETH", -30, 3000, 90000, 0.005, 0.0));
        RiskMatrix uniform = RiskMatrix.of(book, RiskEngine.MARGIN_SPOT_SHOCKS, RiskEngine.MARGIN_VOL_SHOCKS);
        assertThat(uniform.worstLoss()).isLessThan(1e-6);
        VolScaledRiskMatrix m = VolScaledRiskMatrix.of(book, tau, new double[] {0.0});
        // 9 joint rows (equal vols: no P&L) and 8 spread rows of the one correlated pair
        assertThat(m.moves()).hasSize(9 + 8);
        VolScaledRiskMatrix.Move joint = m.moves().get(0);
        assertThat(joint.returns()[0]).isCloseTo(Math.expm1(-4 * vol * Math.sqrt(tau)), within(1e-15));
        // equal vols: the spread sd is σ√(2(1−ρ)) and the move splits in halves
        double d = -4 * vol * Math.sqrt(2 * (1 - rho)) * Math.sqrt(tau);
        double expected = 90000 * Math.expm1(d / 2) - 30 * 3000 * Math.expm1(-d / 2);
        assertThat(m.worstLoss()).isCloseTo(-expected, within(1e-6));
        assertThat(m.moves().get(m.worstCell()[0]).label()).isEqualTo("BTC/ETH spread -4 sd");
    }
}
