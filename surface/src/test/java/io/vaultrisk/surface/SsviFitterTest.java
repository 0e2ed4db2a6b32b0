package io.vaultrisk.surface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SsviFitterTest {

    static final double[] EXPIRIES = {7.0 / 365, 14.0 / 365, 30.0 / 365, 60.0 / 365, 91.0 / 365, 182.0 / 365, 1.0};
    static final double[] ATM_VOLS = {0.48, 0.50, 0.52, 0.55, 0.57, 0.60, 0.62};

    static List<SmileData> synthetic(SsviParameters p) {
        List<SmileData> smiles = new ArrayList<>();
        for (int i = 0; i < EXPIRIES.length; i++) {
            double theta = ATM_VOLS[i] * ATM_VOLS[i] * EXPIRIES[i];
            double sd = Math.sqrt(theta);
            int n = 21;
            double[] k = new double[n];
            double[] w = new double[n];
            for (int j = 0; j < n; j++) {
                k[j] = sd * (-3.0 + 5.0 * j / (n - 1)); // more puts than calls, as on the exchange
                w[j] = p.totalVariance(k[j], theta);
            }
            smiles.add(SmileData.unweighted(EXPIRIES[i], k, w));
        }
        return smiles;
    }

    @Test
    void fit_exactSyntheticSurface_recoversParametersAndThetas() {
        SsviParameters truth = SsviParameters.of(-0.35, 1.1, 0.4);
        SsviFit fit = SsviFitter.DEFAULT.fit(synthetic(truth));
        assertThat(fit.parameters().rho()).isCloseTo(truth.rho(), within(1e-5));
        assertThat(fit.parameters().eta()).isCloseTo(truth.eta(), within(1e-5));
        assertThat(fit.parameters().gamma()).isCloseTo(truth.gamma(), within(1e-5));
        for (int i = 0; i < EXPIRIES.length; i++) {
            double theta = ATM_VOLS[i] * ATM_VOLS[i] * EXPIRIES[i];
            assertThat(fit.thetas().get(i)).isCloseTo(theta, within(1e-7 * theta + 1e-12));
            assertThat(fit.expiries().get(i)).isEqualTo(EXPIRIES[i]);
        }
    }

    @Test
    void fit_positiveSkewAtTheDomainEdge_recoversParameters() {
        // eta (1 + |rho|) = 2 exactly: the boundary of the butterfly-free domain
        SsviParameters truth = SsviParameters.of(0.25, 1.6, 0.5);
        SsviFit fit = SsviFitter.DEFAULT.fit(synthetic(truth));
        assertThat(fit.parameters().rho()).isCloseTo(truth.rho(), within(1e-4));
        assertThat(fit.parameters().eta()).isCloseTo(truth.eta(), within(1e-4));
        assertThat(fit.parameters().gamma()).isCloseTo(truth.gamma(), within(1e-4));
    }

    @Test
    void fit_anySurface_isFreeOfStaticArbitrage() {
        SsviFit fit = SsviFitter.DEFAULT.fit(synthetic(SsviParameters.of(-0.7, 1.17, 0.25)));
        List<SmileSlice> slices = new ArrayList<>();
        for (int i = 0; i < fit.expiries().size(); i++) {
            slices.add(SmileSlice.of(
                    java.time.Instant.ofEpochSecond(86_400L * (i + 1)),
                    fit.expiries().get(i),
                    100.0,
                    fit.slice(i)));
        }
        assertThat(ArbitrageChecker.DEFAULT.check(VolSurface.of("ssvi", slices)).isArbitrageFree())
                .isTrue();
    }

    @Test
    void fit_noiseWithoutStructure_staysInTheDomainWithNonDecreasingThetas() {
        // vols drawn at random, ATM variance falling with expiry: nothing SSVI can match, yet the fit must not fail
        java.util.Random random = new java.util.Random(11);
        List<SmileData> smiles = new ArrayList<>();
        for (int i = 0; i < EXPIRIES.length; i++) {
            double[] k = new double[9];
            double[] w = new double[9];
            for (int j = 0; j < 9; j++) {
                k[j] = -0.4 + 0.1 * j;
                double vol = 0.3 + random.nextDouble() * (i == 3 ? 0.1 : 1.0);
                w[j] = vol * vol * EXPIRIES[i] * (i == 4 ? 0.2 : 1.0);
            }
            smiles.add(SmileData.unweighted(EXPIRIES[i], k, w));
        }
        SsviFit fit = SsviFitter.DEFAULT.fit(smiles);
        SsviParameters p = fit.parameters();
        assertThat(p.eta() * (1 + Math.abs(p.rho()))).isLessThanOrEqualTo(2.0 + 1e-12);
        assertThat(p.gamma()).isBetween(0.0, 0.5);
        for (int i = 1; i < fit.thetas().size(); i++) {
            assertThat(fit.thetas().get(i)).isGreaterThanOrEqualTo(fit.thetas().get(i - 1));
        }
    }

    @Test
    void slice_isRawSviWithTheSameTotalVariance() {
        SsviParameters p = SsviParameters.of(-0.4, 0.9, 0.3);
        SviParameters raw = p.slice(0.09);
        for (double k = -2.0; k <= 2.0; k += 0.1) {
            assertThat(raw.totalVariance(k)).isCloseTo(p.totalVariance(k, 0.09), within(1e-15));
        }
        assertThat(raw.totalVariance(0.0)).isCloseTo(0.09, within(1e-15));
    }

    @Test
    void of_outsideNoArbitrageDomain_failsNamingTheCondition() {
        assertThatThrownBy(() -> SsviParameters.of(-0.5, 1.5, 0.4)).hasMessageContaining("eta (1 + |rho|) <= 2");
        assertThatThrownBy(() -> SsviParameters.of(-0.5, 1.0, 0.6)).hasMessageContaining("gamma must lie in (0, 1/2]");
        assertThatThrownBy(() -> SsviParameters.of(1.0, 1.0, 0.4)).hasMessageContaining("rho");
    }
}
