package io.vaultrisk.montecarlo.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

class CoverageTestsTest {
    /** χ²(1) tail by the normal: P(χ²₁ > x) = 2(1 − Φ(√x)), independent of the library's χ² code. */
    private static double chi1Tail(double x) {
        return 2 * (1 - new NormalDistribution().cumulativeProbability(Math.sqrt(x)));
    }

    @Test
    void kupiec_250days8exceptions_matchesHandValue() {
        // 2[(n−x) ln((1−x/n)/(1−p)) + x ln((x/n)/p)] with n = 250, x = 8, p = 1%
        double byHand = 2 * (242 * Math.log(0.968 / 0.99) + 8 * Math.log(0.032 / 0.01));
        CoverageTests.Statistic k = CoverageTests.kupiec(250, 8, 0.01);
        assertThat(byHand).isCloseTo(7.7336, within(5e-4));
        assertThat(k.statistic()).isCloseTo(byHand, within(1e-10));
        assertThat(k.pValue()).isCloseTo(chi1Tail(byHand), within(1e-9)).isCloseTo(0.00542, within(5e-5));
    }

    @Test
    void kupiec_zeroExceptions_isMinusTwoNLogOneMinusP() {
        CoverageTests.Statistic k = CoverageTests.kupiec(250, 0, 0.01);
        assertThat(k.statistic()).isCloseTo(-2 * 250 * Math.log(0.99), within(1e-10));
    }

    @Test
    void kupiec_exactlyExpected_isZero() {
        assertThat(CoverageTests.kupiec(200, 10, 0.05).statistic()).isCloseTo(0, within(1e-12));
        assertThat(CoverageTests.kupiec(200, 10, 0.05).pValue()).isCloseTo(1, within(1e-12));
    }

    @Test
    void christoffersen_handCountedSequence_matchesFormula() {
        String seq = "FFTTFFFTFFFFTFFFFFFF";
        boolean[] hits = new boolean[seq.length()];
        for (int i = 0; i < hits.length; i++) {
            hits[i] = seq.charAt(i) == 'T';
        }
        // counted by hand: n00 = 12, n01 = 3, n10 = 3, n11 = 1
        double pi01 = 3.0 / 15, pi11 = 1.0 / 4, pi = 4.0 / 19;
        double l0 = Math.pow(1 - pi, 15) * Math.pow(pi, 4);
        double l1 = Math.pow(1 - pi01, 12) * Math.pow(pi01, 3) * Math.pow(1 - pi11, 3) * Math.pow(pi11, 1);
        double lr = -2 * Math.log(l0) + 2 * Math.log(l1);
        CoverageTests.Statistic c = CoverageTests.christoffersen(hits);
        assertThat(c.statistic()).isCloseTo(lr, within(1e-10));
        assertThat(c.pValue()).isCloseTo(chi1Tail(lr), within(1e-9));
    }

    @Test
    void christoffersen_clusteredExceptions_rejectIndependence() {
        boolean[] hits = new boolean[250];
        for (int i = 100; i < 105; i++) {
            hits[i] = true;
        }
        assertThat(CoverageTests.christoffersen(hits).pValue()).isLessThan(0.01);
    }

    @Test
    void trafficLight_250days99_matchesBaselTable() {
        assertThat(CoverageTests.trafficLight(250, 0, 0.01)).isEqualTo("green");
        assertThat(CoverageTests.trafficLight(250, 4, 0.01)).isEqualTo("green");
        assertThat(CoverageTests.trafficLight(250, 5, 0.01)).isEqualTo("yellow");
        assertThat(CoverageTests.trafficLight(250, 9, 0.01)).isEqualTo("yellow");
        assertThat(CoverageTests.trafficLight(250, 10, 0.01)).isEqualTo("red");
    }
}
