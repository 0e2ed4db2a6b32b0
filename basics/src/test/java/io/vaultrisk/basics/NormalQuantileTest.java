package io.vaultrisk.basics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

class NormalQuantileTest {

    /** Φ by commons-math3's erfc (an independent implementation), tail computed without cancellation. */
    private static double cdf(double x) {
        return 0.5 * Erf.erfc(-x / Math.sqrt(2));
    }

    @Test
    void quantile_roundTripThroughIndependentCdf_isAccurateToRoundoff() {
        for (double p : new double[] {
            1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 0.001, 0.02425, 0.1, 0.3, 0.5, 0.7, 0.9, 0.97575, 0.999, 1 - 1e-10
        }) {
            double x = Normal.quantile(p);
            double back = p < 0.5 ? cdf(x) : 1 - cdf(-x);
            assertThat(back / p).as("p=%s", p).isCloseTo(1.0, within(2e-14 * Math.max(1, Math.abs(x))));
        }
    }

    @Test
    void quantile_knownValues_match() {
        assertThat(Normal.quantile(0.975)).isCloseTo(1.959963984540054, within(1e-15));
        assertThat(Normal.quantile(0.5)).isEqualTo(0.0);
        assertThat(Normal.quantile(0.01)).isCloseTo(-2.3263478740408408, within(1e-15));
    }

    @Test
    void quantile_outsideOpenInterval_rejected() {
        assertThatThrownBy(() -> Normal.quantile(0.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Normal.quantile(1.0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void quantile_roundTripThroughCdfAndCommonsMath_agrees() {
        NormalDistribution n = new NormalDistribution();
        for (double p : new double[] {1e-300, 1e-20, 1e-5, 0.01, 0.25, 0.3, 0.31, 0.5, 0.75, 0.99, 1 - 1e-12}) {
            double z = Normal.quantile(p);
            // a relative error ε in z moves Φ by about z²ε relative: AS 241's ε ≈ 3e-16 is 2.4e-14 at p = 1e-20
            double relative = 1e-14 + 4e-16 * z * z;
            assertThat(Normal.cdf(z)).as("p=%s", p).isCloseTo(p, within(relative * Math.min(p, 1 - p) + 1e-300));
            if (p > 1e-15 && p < 1 - 1e-10) {
                assertThat(z).isCloseTo(n.inverseCumulativeProbability(p), within(1e-8));
            }
        }
    }
}
