package io.vaultrisk.montecarlo.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vaultrisk.kernels.ProgressSink;
import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.BookReader;
import io.vaultrisk.montecarlo.book.OptionPosition;
import io.vaultrisk.montecarlo.book.Position;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CalibratedMarginTest {
    @Test
    void run_calibrated_partsAddUpAndEsIsThatOfTheMarginPeriod() {
        Book book = BookReader.DEFAULT.read(Path.of("../examples/books/eth-vault.json"));
        RiskSettings s = RiskSettings.of(20_000, 4, new int[] {7}, new double[] {0.95, 0.99})
                .withMargin(MarginMethod.calibrated(2, 0.99));
        // the margin period is simulated as a horizon of its own
        assertThat(s.horizonDays()).containsExactly(2, 7);
        RiskReport r = RiskEngine.DEFAULT.run(book, s, ProgressSink.NONE);
        RiskReport.MarginReport m = r.margin();
        RiskReport.CalibratedParts p = m.calibrated();
        assertThat(p.periodDays()).isEqualTo(2);
        assertThat(p.es()).isEqualTo(r.horizons().get(0).level(0.99).measures().es());
        double charge = 0;
        for (Position x : book.positions()) {
            if (x instanceof OptionPosition o && o.quantity() < 0) {
                charge += 0.01
                        * -o.quantity()
                        * book.market().underlying(o.underlying()).spot();
            }
        }
        assertThat(charge).isPositive();
        assertThat(p.shortOptionCharge()).isCloseTo(charge, within(1e-9));
        VolScaledRiskMatrix matrix = VolScaledRiskMatrix.of(book, 2 / 365.0, CalibratedMargin.VOL_SHOCKS);
        assertThat(p.riskMatrix()).isEqualTo(matrix.worstLoss());
        // the vault is net long ETH and BTC: its worst cell is the joint fall of 4 sd over 2 days (ETH −19%); the
        // 120 ETH held lose 120·3020·19% ≈ 70,000 there, and the hedges give back less than half of it
        assertThat(p.riskMatrixWorstMove()).isEqualTo("joint -4 sd");
        double eth = Math.expm1(-4 * 0.72 * Math.sqrt(2 / 365.0));
        assertThat(p.riskMatrix()).isGreaterThan(-0.5 * (120 * 3020 * eth));
        assertThat(m.initialMargin()).isEqualTo(Math.max(p.es(), p.riskMatrix()) + charge);
        assertThat(m.maintenanceMargin()).isCloseTo(0.8 * m.initialMargin(), within(1e-9));
    }

    @Test
    void marginMethod_outOfLimits_namesTheSetting() {
        assertThatThrownBy(() -> MarginMethod.calibrated(0, 0.99))
                .isInstanceOfSatisfying(
                        InvalidSettingException.class,
                        e -> assertThat(e.field()).isEqualTo("marginPeriodDays"));
        assertThatThrownBy(() -> MarginMethod.calibrated(1, 1.0))
                .isInstanceOfSatisfying(
                        InvalidSettingException.class,
                        e -> assertThat(e.field()).isEqualTo("marginConfidence"));
    }

    @Test
    void marginCoverage_countsDaysTheLossExceededTheMargin() {
        MarginCoverage c = MarginCoverage.of(new double[] {10, 10, 10, 10}, new double[] {5, 11, 10, -3});
        assertThat(c.observations()).isEqualTo(4);
        assertThat(c.exceptions()).isEqualTo(1);
        assertThat(c.coverage()).isEqualTo(0.75);
    }
}
