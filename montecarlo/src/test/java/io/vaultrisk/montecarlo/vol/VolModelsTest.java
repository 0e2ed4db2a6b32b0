package io.vaultrisk.montecarlo.vol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VolModelsTest {
    @Test
    void ewma_byHand_matchesRecursion() {
        double[] r = {0.01, -0.02, 0.03};
        double[] h = new Ewma(0.9).filter(r);
        double h0 = (1e-4 + 4e-4 + 9e-4) / 3;
        double h1 = 0.9 * h0 + 0.1 * 1e-4;
        double h2 = 0.9 * h1 + 0.1 * 4e-4;
        assertThat(h).hasSize(4);
        assertThat(h[0]).isCloseTo(4.666666666666667e-4, within(1e-15));
        assertThat(h[1]).isCloseTo(4.3e-4, within(1e-15));
        assertThat(h[2]).isCloseTo(4.27e-4, within(1e-15));
        assertThat(h[3]).isCloseTo(0.9 * h2 + 0.1 * 9e-4, within(1e-15)).isCloseTo(4.743e-4, within(1e-15));
    }

    /** Simulated GARCH(1,1) with known parameters: the MLE lands within 3 of its standard errors of each. */
    @Test
    void garch_simulatedSeries_recoversParametersWithinStandardErrors() {
        double omega = 5e-5, alpha = 0.10, beta = 0.85;
        double[] r = simulateGarch(omega, alpha, beta, 4000, 20261125L);
        Garch.Fit fit = Garch.DEFAULT.fit(r);
        assertThat(fit.persistence()).isLessThan(1);
        assertThat(fit.omegaStderr()).isPositive();
        assertThat(fit.alphaStderr()).isPositive().isLessThan(0.05);
        assertThat(fit.betaStderr()).isPositive().isLessThan(0.05);
        assertThat(fit.omega()).isCloseTo(omega, within(3 * fit.omegaStderr()));
        assertThat(fit.alpha()).isCloseTo(alpha, within(3 * fit.alphaStderr()));
        assertThat(fit.beta()).isCloseTo(beta, within(3 * fit.betaStderr()));
        // the optimum beats the true parameters' likelihood (it is a maximum) but not by a lot
        double llTrue = -Garch.negLogLikelihood(omega, alpha, beta, r);
        assertThat(fit.logLikelihood()).isGreaterThanOrEqualTo(llTrue - 1e-6).isLessThan(llTrue + 10);
    }

    @Test
    void garch_integratedSeries_staysStationary() {
        // an IGARCH series (α + β = 1): the fit must stay strictly inside the stationary region
        double[] r = simulateGarch(1e-6, 0.15, 0.85, 2000, 7L);
        Garch.Fit fit = Garch.DEFAULT.fit(r);
        assertThat(fit.persistence()).isLessThan(Garch.MAX_PERSISTENCE + 1e-12);
        assertThat(fit.alpha()).isPositive();
        assertThat(fit.omega()).isPositive();
    }

    @Test
    void evaluation_garchOnGarchData_beatsConstantVariance() {
        double[] r = simulateGarch(5e-5, 0.10, 0.85, 3000, 11L);
        Garch.Fit fit = Garch.DEFAULT.fit(r);
        double var = Garch.sampleVariance(r);
        VarianceForecast constant = new VarianceForecast() {
            @Override
            public String name() {
                return "constant";
            }

            @Override
            public double[] filter(double[] x) {
                double[] h = new double[x.length + 1];
                java.util.Arrays.fill(h, var);
                return h;
            }
        };
        ForecastEvaluation g = ForecastEvaluation.of(fit, r, 30);
        ForecastEvaluation c = ForecastEvaluation.of(constant, r, 30);
        ForecastEvaluation e = ForecastEvaluation.of(new Ewma(0.94), r, 30);
        ForecastEvaluation h = ForecastEvaluation.of(new Har(), r, 30);
        assertThat(g.qlike()).isLessThan(c.qlike());
        assertThat(g.qlike()).isLessThan(e.qlike());
        assertThat(h.qlike()).isLessThan(c.qlike());
        assertThat(g.observations()).isEqualTo(r.length - 30);
        // QLIKE by hand for the constant forecast: ln(var) + mean(r²)/var over the evaluated days
        double s = 0;
        for (int t = 30; t < r.length; t++) {
            s += r[t] * r[t];
        }
        assertThat(c.qlike()).isCloseTo(Math.log(var) + s / (r.length - 30) / var, within(1e-12));
    }

    static double[] simulateGarch(double omega, double alpha, double beta, int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] r = new double[n];
        double h = alpha + beta < 1 ? omega / (1 - alpha - beta) : 1e-3;
        for (int t = 0; t < n; t++) {
            double u1 = rng.nextDouble(), u2 = rng.nextDouble();
            double z = Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
            r[t] = Math.sqrt(h) * z;
            h = omega + alpha * r[t] * r[t] + beta * h;
        }
        return r;
    }
}
