package io.vaultrisk.surface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SviFitterTest {

    private static SmileData sample(SviParameters p, double t, double from, double to, double step) {
        int n = (int) Math.round((to - from) / step) + 1;
        double[] k = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            k[i] = from + i * step;
            w[i] = p.totalVariance(k[i]);
        }
        return SmileData.unweighted(t, k, w);
    }

    @Test
    void fit_exactSyntheticSmile_recoversParameters() {
        SviParameters truth = SviParameters.of(0.02, 0.3, -0.45, 0.05, 0.15);
        SviParameters fit = SviFitter.DEFAULT.fit(sample(truth, 0.5, -0.8, 0.6, 0.05));
        assertThat(fit.a()).isCloseTo(truth.a(), within(1e-5));
        assertThat(fit.b()).isCloseTo(truth.b(), within(1e-5));
        assertThat(fit.rho()).isCloseTo(truth.rho(), within(1e-5));
        assertThat(fit.m()).isCloseTo(truth.m(), within(1e-5));
        assertThat(fit.sigma()).isCloseTo(truth.sigma(), within(1e-5));
    }

    @Test
    void fit_shortExpiryPositiveSkew_recoversParameters() {
        // a one-week crypto smile: tiny variance, call wing steeper than the put wing
        SviParameters truth = SviParameters.of(0.0008, 0.04, 0.25, -0.02, 0.04);
        SviParameters fit = SviFitter.DEFAULT.fit(sample(truth, 7.0 / 365, -0.3, 0.3, 0.02));
        for (double k = -0.3; k <= 0.3; k += 0.01) {
            assertThat(fit.totalVariance(k)).isCloseTo(truth.totalVariance(k), within(1e-9));
        }
        assertThat(fit.rho()).isCloseTo(truth.rho(), within(1e-4));
        assertThat(fit.b()).isCloseTo(truth.b(), within(1e-4));
    }

    @Test
    void fit_noisyVolsWithinBidAsk_stayWithinTheSpread() {
        SviParameters truth = SviParameters.of(0.03, 0.2, -0.3, 0.0, 0.2);
        double t = 0.25;
        SmileData exact = sample(truth, t, -0.6, 0.6, 0.04);
        Random random = new Random(7);
        double halfSpreadVol = 0.01;
        double[] w = exact.totalVariance().clone();
        double[] weight = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            double vol = Math.sqrt(w[i] / t) + halfSpreadVol * (2.0 * random.nextDouble() - 1.0);
            w[i] = vol * vol * t;
            double halfSpreadW = 2.0 * vol * t * halfSpreadVol;
            weight[i] = 1.0 / (halfSpreadW * halfSpreadW);
        }
        SviParameters fit = SviFitter.DEFAULT.fit(SmileData.of(t, exact.logMoneyness(), w, weight));
        for (double k : exact.logMoneyness()) {
            double fitted = Math.sqrt(fit.totalVariance(k) / t);
            assertThat(fitted).isCloseTo(Math.sqrt(truth.totalVariance(k) / t), within(halfSpreadVol));
        }
    }

    @Test
    void fit_fourQuotes_failsNamingTheCount() {
        SmileData data = SmileData.unweighted(1.0, new double[] {-0.1, 0, 0.1, 0.2}, new double[] {0.1, 0.1, 0.1, 0.1});
        assertThatThrownBy(() -> SviFitter.DEFAULT.fit(data)).hasMessageContaining("at least 5 quotes, got 4");
    }

    @Test
    void of_invalidParameters_failNamingTheParameter() {
        assertThatThrownBy(() -> SviParameters.of(0.1, -0.1, 0, 0, 0.1)).hasMessageContaining("b must be non-negative");
        assertThatThrownBy(() -> SviParameters.of(0.1, 0.1, 1.0, 0, 0.1)).hasMessageContaining("rho");
        assertThatThrownBy(() -> SviParameters.of(0.1, 0.1, 0, 0, 0)).hasMessageContaining("sigma");
        assertThatThrownBy(() -> SviParameters.of(-1.0, 0.1, 0, 0, 0.1)).hasMessageContaining("minimum total variance");
    }
}
