package io.vaultrisk.montecarlo.analytic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vaultrisk.montecarlo.instrument.EuropeanOption;
import io.vaultrisk.montecarlo.instrument.OptionType;
import io.vaultrisk.montecarlo.instrument.Settlement;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BlackScholesTest {

    @Test
    void price_hullTextbookExample_matchesPublishedValues() {
        // Hull, Options, Futures and Other Derivatives, example 15.6: S=42, K=40, r=10%, vol=20%, T=0.5
        assertThat(BlackScholes.price(OptionType.CALL, 42, 40, 0.5, 0.1, 0.2)).isCloseTo(4.7594, within(5e-5));
        assertThat(BlackScholes.price(OptionType.PUT, 42, 40, 0.5, 0.1, 0.2)).isCloseTo(0.8086, within(5e-5));
    }

    @ParameterizedTest
    @CsvSource({"100,100,1,0,0.8", "91250,120000,0.02,0.05,0.6", "3000,1500,2,-0.01,1.5", "1,1.3,0.003,0.1,0.3"})
    void price_putCallParity_holdsTo1e12(double s, double k, double t, double r, double v) {
        double call = BlackScholes.price(OptionType.CALL, s, k, t, r, v);
        double put = BlackScholes.price(OptionType.PUT, s, k, t, r, v);
        assertThat(call - put).isCloseTo(s - k * Math.exp(-r * t), within(1e-12 * s));
    }

    /** The discounted payoff integrated against the lognormal density: an independent route to the price. */
    @ParameterizedTest
    @CsvSource({"100,100,1,0,0.8", "100,130,0.25,0.03,0.5", "100,60,2,0.02,1.2", "50000,45000,0.05,0.04,0.7"})
    void price_againstNumericalIntegration_agreesTo1e12(double s, double k, double t, double r, double v) {
        for (OptionType type : OptionType.values()) {
            double closed = BlackScholes.price(type, s, k, t, r, v);
            double integral = expectation(s, t, r, v, st -> Math.max(type.isCall() ? st - k : k - st, 0.0), k)
                    * Math.exp(-r * t);
            assertThat(closed).as("%s", type).isCloseTo(integral, within(1e-12 * s));
        }
    }

    @ParameterizedTest
    @CsvSource({"100,100,1,0,0.8", "100,130,0.25,0.03,0.5", "100,60,2,0.02,1.2"})
    void greeks_againstCentralDifferencesOfClosedForm_agree(double s, double k, double t, double r, double v) {
        for (OptionType type : OptionType.values()) {
            for (Settlement settlement : Settlement.values()) {
                EuropeanOption o = EuropeanOption.of(type, k, t, settlement);
                Greeks g = BlackScholes.greeks(o, s, r, v);
                double hs = 1e-4 * s, hv = 1e-4, hr = 1e-5, ht = 1e-5;
                double up = BlackScholes.greeks(o, s + hs, r, v).price(), dn = BlackScholes.greeks(o, s - hs, r, v).price();
                assertThat(g.delta()).isCloseTo((up - dn) / (2 * hs), within(1e-7 * Math.max(1, Math.abs(g.delta()))));
                assertThat(g.gamma()).isCloseTo((up - 2 * g.price() + dn) / (hs * hs), within(1e-5 * Math.abs(g.gamma())
                        + 1e-9));
                assertThat(g.vega()).isCloseTo((BlackScholes.greeks(o, s, r, v + hv).price()
                        - BlackScholes.greeks(o, s, r, v - hv).price()) / (2 * hv), within(1e-6 * Math.abs(g.vega()) + 1e-9));
                assertThat(g.rho()).isCloseTo((BlackScholes.greeks(o, s, r + hr, v).price()
                        - BlackScholes.greeks(o, s, r - hr, v).price()) / (2 * hr), within(1e-6 * Math.abs(g.rho()) + 1e-9));
                EuropeanOption later = EuropeanOption.of(type, k, t + ht, settlement);
                EuropeanOption sooner = EuropeanOption.of(type, k, t - ht, settlement);
                double dVdT = (BlackScholes.greeks(later, s, r, v).price() - BlackScholes.greeks(sooner, s, r, v).price())
                        / (2 * ht);
                assertThat(g.theta()).isCloseTo(-dVdT, within(1e-6 * Math.abs(g.theta()) + 1e-9));
            }
        }
    }

    /**
     * The inverse option's derived closed form (coin measure: N(d1) − (K/S)e^(−rT)N(d2)) equals the linear value over
     * spot, and both equal the coin payoff (S−K)⁺/S integrated under the coin (share) measure, where ln S_T has drift
     * r + σ²/2.
     */
    @ParameterizedTest
    @CsvSource({"100,100,1,0,0.8", "91250,100000,0.05,0.05,0.6", "3000,2500,0.5,0.0,1.1"})
    void inverseCoinPrice_threeRoutes_agree(double s, double k, double t, double r, double v) {
        for (OptionType type : OptionType.values()) {
            double derived = BlackScholes.inverseCoinPrice(type, s, k, t, r, v);
            double quotient = BlackScholes.greeks(EuropeanOption.of(type, k, t, Settlement.INVERSE), s, r, v).price();
            double coinMeasure = expectation(s, t, r + v * v, v,
                    st -> Math.max(type.isCall() ? st - k : k - st, 0.0) / st, k);
            assertThat(derived).isCloseTo(quotient, within(1e-14));
            assertThat(derived).isCloseTo(coinMeasure, within(1e-12));
            // the numeraire mistake: coin payoff averaged under the quote-currency measure is a different number
            double naive = expectation(s, t, r, v, st -> Math.max(type.isCall() ? st - k : k - st, 0.0) / st, k)
                    * Math.exp(-r * t);
            assertThat(Math.abs(naive - derived)).isGreaterThan(1e-4 * derived);
        }
    }

    /** E[f(S_T)] for ln S_T ~ N(ln s + (mu − v²/2)t, v²t), by Gauss–Legendre on the normal variable, split at the kink. */
    private static double expectation(double s, double t, double mu, double v, DoubleUnaryOperator f, double kink) {
        double m = Math.log(s) + (mu - 0.5 * v * v) * t, sd = v * Math.sqrt(t);
        double zk = (Math.log(kink) - m) / sd;
        IterativeLegendreGaussIntegrator integrator = new IterativeLegendreGaussIntegrator(32, 1e-15, 1e-15, 3, 64);
        java.util.function.DoubleUnaryOperator g = z -> f.applyAsDouble(Math.exp(m + sd * z)) * Normal.pdf(z);
        double lo = Math.min(-40, zk - 1), hi = Math.max(40, zk + 1);
        return integrator.integrate(100_000_000, g::applyAsDouble, lo, zk)
                + integrator.integrate(100_000_000, g::applyAsDouble, zk, hi);
    }
}
