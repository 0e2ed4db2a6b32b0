package io.vaultrisk.montecarlo.analytic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vaultrisk.basics.BlackScholes;
import io.vaultrisk.basics.Greeks;
import io.vaultrisk.basics.OptionType;
import io.vaultrisk.montecarlo.model.MertonModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MertonFormulaTest {

    @Test
    void greeks_noJumps_equalBlackScholes() {
        Greeks merton = MertonFormula.greeks(OptionType.PUT, 100, 90, 0.7, 0.02, MertonModel.of(0.6, 0, -0.1, 0.2));
        Greeks bs = BlackScholes.linear(OptionType.PUT, 100, 90, 0.7, 0.02, 0.6);
        assertThat(merton.price()).isCloseTo(bs.price(), within(1e-13));
        assertThat(merton.delta()).isCloseTo(bs.delta(), within(1e-13));
        assertThat(merton.vega()).isCloseTo(bs.vega(), within(1e-12));
    }

    /** The Poisson series and Lewis's Fourier formula on the jump-diffusion characteristic function: two routes. */
    @ParameterizedTest
    @CsvSource({"100,100,1,0,0.5,1,-0.1,0.15", "100,80,0.25,0.03,0.6,5,-0.05,0.1", "100,130,2,0.01,0.8,0.5,0.2,0.3"})
    void price_seriesAgainstFourier_agreeTo1e10(
            double s, double k, double t, double r, double vol, double lambda, double mu, double sj) {
        MertonModel m = MertonModel.of(vol, lambda, mu, sj);
        double series = MertonFormula.greeks(OptionType.CALL, s, k, t, r, m).price();
        double forward = s * Math.exp(r * t);
        double fourier = LewisFormula.call(
                forward,
                k,
                t,
                r,
                z -> MertonFormula.characteristic(z, t, m),
                (vol * vol + lambda * (mu * mu + sj * sj)) * t);
        assertThat(series).isCloseTo(fourier, within(1e-10 * s));
    }

    @Test
    void greeks_againstDifferencesOfTheSeries_agree() {
        MertonModel m = MertonModel.of(0.5, 2, -0.1, 0.2);
        Greeks g = MertonFormula.greeks(OptionType.CALL, 100, 105, 0.5, 0.02, m);
        double h = 1e-3;
        double up = MertonFormula.greeks(OptionType.CALL, 100 + h, 105, 0.5, 0.02, m)
                .price();
        double dn = MertonFormula.greeks(OptionType.CALL, 100 - h, 105, 0.5, 0.02, m)
                .price();
        assertThat(g.delta()).isCloseTo((up - dn) / (2 * h), within(1e-8));
        assertThat(g.gamma()).isCloseTo((up - 2 * g.price() + dn) / (h * h), within(1e-5));
        double vUp = MertonFormula.greeks(
                        OptionType.CALL, 100, 105, 0.5, 0.02, MertonModel.of(0.5 + 1e-5, 2, -0.1, 0.2))
                .price();
        double vDn = MertonFormula.greeks(
                        OptionType.CALL, 100, 105, 0.5, 0.02, MertonModel.of(0.5 - 1e-5, 2, -0.1, 0.2))
                .price();
        assertThat(g.vega()).isCloseTo((vUp - vDn) / 2e-5, within(1e-6));
        double rUp = MertonFormula.greeks(OptionType.CALL, 100, 105, 0.5, 0.02 + 1e-6, m)
                .price();
        double rDn = MertonFormula.greeks(OptionType.CALL, 100, 105, 0.5, 0.02 - 1e-6, m)
                .price();
        assertThat(g.rho()).isCloseTo((rUp - rDn) / 2e-6, within(1e-5));
    }
}
