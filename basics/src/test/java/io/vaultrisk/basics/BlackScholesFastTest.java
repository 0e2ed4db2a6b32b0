package io.vaultrisk.basics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BlackScholesFastTest {

    @Test
    void fastCdf_everywhere_matchesCdfInAbsoluteTerms() {
        for (double x = -40; x <= 40; x += 0.01) {
            assertThat(Normal.fastCdf(x)).as("x=%f", x).isCloseTo(Normal.cdf(x), within(3e-15));
        }
    }

    @Test
    void valueAndDelta_acrossMoneyness_matchesLinearGreeks() {
        double[] out = new double[2];
        for (OptionType type : OptionType.values()) {
            for (double spot = 500; spot <= 8000; spot *= 1.07) {
                BlackScholes.valueAndDelta(type, spot, 3000, 0.05, 0.03, 0.8, out);
                Greeks g = BlackScholes.linear(type, spot, 3000, 0.05, 0.03, 0.8);
                assertThat(out[0]).isCloseTo(g.price(), within(1e-10 * 3000));
                assertThat(out[1]).isCloseTo(g.delta(), within(1e-13));
            }
        }
    }
}
