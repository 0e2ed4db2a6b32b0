package io.vaultrisk.basics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

class ErfcxTest {

    @Test
    void erfcx_againstCommonsMathErfc_agreesToFewUlps() {
        for (double x = 0.0; x < 5.0; x += 0.0137) {
            double reference = Math.exp(x * x) * Erf.erfc(x);
            assertThat(Erfcx.erfcx(x)).as("x=%s", x).isCloseTo(reference, within(1e-14 * reference));
        }
        // far tail: the continued fraction 1/(x√π) · 1/(1 + 1/(2x²)/(1 + 2/(2x²)/(1 + ...)))
        for (double x : new double[] {30.0, 63.9, 64.0, 200.0, 1e6}) {
            double v = 0.5 / (x * x);
            double cf = 1.0;
            for (int k = 40; k >= 1; k--) {
                cf = 1.0 + k * v / cf;
            }
            double reference = 1.0 / (x * Math.sqrt(Math.PI) * cf);
            assertThat(Erfcx.erfcx(x)).as("x=%s", x).isCloseTo(reference, within(2e-15 * reference));
        }
        assertThat(Erfcx.erfcx(-1.5)).isCloseTo(Math.exp(2.25) * Erf.erfc(-1.5), within(1e-14));
    }
}
