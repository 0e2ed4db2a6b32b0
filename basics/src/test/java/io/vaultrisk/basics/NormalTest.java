package io.vaultrisk.basics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

class NormalTest {

    @Test
    void cdf_againstCommonsMathErfc_agreesToRoundoffIncludingTails() {
        for (double x = -37; x <= 8.5; x += 0.0137) {
            double reference = 0.5 * Erf.erfc(-x / Math.sqrt(2));
            // commons' erfc itself drifts to ~1e-12 relative far out in the tail
            double tolerance = (x > -10 ? 3e-14 : 1e-12) * reference;
            assertThat(Normal.cdf(x)).as("x=%s", x).isCloseTo(reference, within(tolerance));
        }
    }

    @Test
    void cdf_publishedTailValues_matchToFifteenDigits() {
        assertThat(Normal.cdf(-5)).isCloseTo(2.866515718791939e-7, within(1e-21));
        assertThat(Normal.cdf(-10)).isCloseTo(7.619853024160527e-24, within(1e-37));
        assertThat(Normal.cdf(-1.959963984540054)).isCloseTo(0.025, within(1e-16));
    }

    @Test
    void cdf_symmetry_holds() {
        for (double x = 0; x < 8; x += 0.25) {
            assertThat(Normal.cdf(x) + Normal.cdf(-x)).isCloseTo(1.0, within(1e-15));
        }
    }
}
