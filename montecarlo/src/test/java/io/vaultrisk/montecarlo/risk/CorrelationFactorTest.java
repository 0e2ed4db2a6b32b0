package io.vaultrisk.montecarlo.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vaultrisk.montecarlo.book.MarketData;
import io.vaultrisk.montecarlo.book.Underlying;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorrelationFactorTest {
    private static final List<Underlying> THREE =
            List.of(Underlying.of("BTC", 1, 0.5, 0), Underlying.of("ETH", 1, 0.5, 0), Underlying.of("SOL", 1, 0.5, 0));
    /** Pairwise fine, jointly impossible: BTC~ETH and BTC~SOL strongly positive, ETH~SOL strongly negative. */
    private static final double[][] BAD = {{1, 0.9, 0.9}, {0.9, 1, -0.9}, {0.9, -0.9, 1}};

    @Test
    void of_notPsd_isAnErrorNamingTheMatrixAndItsEigenvalue() {
        MarketData m = MarketData.of(0, THREE, BAD);
        assertThatThrownBy(() -> CorrelationFactor.of(m, false))
                .isInstanceOf(CorrelationNotPsdException.class)
                .hasMessageContaining("market.correlations")
                .hasMessageContaining("not positive semi-definite")
                .hasMessageContaining("[BTC, ETH, SOL]")
                .hasMessageContaining("repairCorrelation")
                .satisfies(e -> {
                    CorrelationNotPsdException x = (CorrelationNotPsdException) e;
                    assertThat(x.setting()).isEqualTo("repairCorrelation");
                    assertThat(x.withRemedy("pass --repair-correlation"))
                            .contains("[BTC, ETH, SOL]")
                            .endsWith("or pass --repair-correlation to use the nearest correlation matrix");
                });
    }

    @Test
    void of_notPsdWithRepair_givesNearestCorrelationMatrix() {
        CorrelationFactor f = CorrelationFactor.of(MarketData.of(0, THREE, BAD), true);
        assertThat(f.repaired()).isTrue();
        double[][] c = f.used();
        assertThat(SymmetricEigen.of(c).minValue()).isGreaterThan(-1e-12);
        for (int i = 0; i < 3; i++) {
            assertThat(c[i][i]).isEqualTo(1.0);
        }
        // L·Lᵀ reproduces the repaired matrix
        double[][] l = f.lower();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double s = 0;
                for (int k = 0; k < 3; k++) {
                    s += l[i][k] * l[j][k];
                }
                assertThat(s).isCloseTo(c[i][j], within(1e-9));
            }
        }
        // Higham's nearest matrix to this one: symmetric in the two negative-sign pairs, a real (non-zero) change
        assertThat(c[0][1]).isCloseTo(c[0][2], within(1e-8));
        assertThat(f.maxRepair()).isBetween(0.1, 0.9);
        // and it is nearer than an obvious PSD candidate (shrink the negative pair to 0.62 = 2·0.9² − 1)
        double[][] candidate = {{1, 0.9, 0.9}, {0.9, 1, 0.62}, {0.9, 0.62, 1}};
        assertThat(SymmetricEigen.of(candidate).minValue()).isGreaterThan(-1e-12);
        assertThat(frobenius(c, BAD)).isLessThan(frobenius(candidate, BAD));
    }

    @Test
    void of_psd_isUsedUnchanged() {
        double[][] ok = {{1, 0.8, 0.5}, {0.8, 1, 0.6}, {0.5, 0.6, 1}};
        CorrelationFactor f = CorrelationFactor.of(MarketData.of(0, THREE, ok), true);
        assertThat(f.repaired()).isFalse();
        assertThat(f.maxRepair()).isZero();
        assertThat(f.lower()[1][0]).isCloseTo(0.8, within(1e-15));
    }

    private static double frobenius(double[][] a, double[][] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                s += (a[i][j] - b[i][j]) * (a[i][j] - b[i][j]);
            }
        }
        return Math.sqrt(s);
    }
}
