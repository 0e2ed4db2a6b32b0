package io.vaultrisk.kernels.rng;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

class InverseNormalTest {

    /** Φ by commons-math3's erfc (an independent implementation), tail computed without cancellation. */
    private static double cdf(double x) {
        return 0.5 * Erf.erfc(-x / Math.sqrt(2));
    }

    @Test
    void quantile_roundTripThroughIndependentCdf_isAccurateToRoundoff() {
        for (double p : new double[] {1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 0.001, 0.02425, 0.1, 0.3, 0.5, 0.7, 0.9,
            0.97575, 0.999, 1 - 1e-10}) {
            double x = InverseNormal.quantile(p);
            double back = p < 0.5 ? cdf(x) : 1 - cdf(-x);
            assertThat(back / p).as("p=%s", p).isCloseTo(1.0, within(2e-14 * Math.max(1, Math.abs(x))));
        }
    }

    @Test
    void quantile_knownValues_match() {
        assertThat(InverseNormal.quantile(0.975)).isCloseTo(1.959963984540054, within(1e-15));
        assertThat(InverseNormal.quantile(0.5)).isEqualTo(0.0);
        assertThat(InverseNormal.quantile(0.01)).isCloseTo(-2.3263478740408408, within(1e-15));
    }

    @Test
    void quantile_outsideOpenInterval_rejected() {
        assertThatThrownBy(() -> InverseNormal.quantile(0.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InverseNormal.quantile(1.0)).isInstanceOf(IllegalArgumentException.class);
    }
}
