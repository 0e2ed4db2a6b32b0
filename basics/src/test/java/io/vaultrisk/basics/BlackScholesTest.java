package io.vaultrisk.basics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

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
            double integral =
                    expectation(s, t, r, v, st -> Math.max(type.isCall() ? st - k : k - st, 0.0), k) * Math.exp(-r * t);
            assertThat(closed).as("%s", type).isCloseTo(integral, within(1e-12 * s));
        }
    }

    @ParameterizedTest
    @CsvSource({"100,100,1,0,0.8", "100,130,0.25,0.03,0.5", "100,60,2,0.02,1.2"})
    void greeks_againstCentralDifferencesOfClosedForm_agree(double s, double k, double t, double r, double v) {
        for (OptionType type : OptionType.values()) {
            for (boolean o : new boolean[] {false, true}) {
                Greeks g = greeks(type, o, s, k, t, r, v);
                double hs = 1e-4 * s, hv = 1e-4, hr = 1e-5, ht = 1e-5;
                double up = greeks(type, o, s + hs, k, t, r, v).price(),
                        dn = greeks(type, o, s - hs, k, t, r, v).price();
                assertThat(g.delta()).isCloseTo((up - dn) / (2 * hs), within(1e-7 * Math.max(1, Math.abs(g.delta()))));
                assertThat(g.gamma())
                        .isCloseTo((up - 2 * g.price() + dn) / (hs * hs), within(1e-5 * Math.abs(g.gamma()) + 1e-9));
                assertThat(g.vega())
                        .isCloseTo(
                                (greeks(type, o, s, k, t, r, v + hv).price()
                                                - greeks(type, o, s, k, t, r, v - hv)
                                                        .price())
                                        / (2 * hv),
                                within(1e-6 * Math.abs(g.vega()) + 1e-9));
                assertThat(g.rho())
                        .isCloseTo(
                                (greeks(type, o, s, k, t, r + hr, v).price()
                                                - greeks(type, o, s, k, t, r - hr, v)
                                                        .price())
                                        / (2 * hr),
                                within(1e-6 * Math.abs(g.rho()) + 1e-9));
                double dVdT = (greeks(type, o, s, k, t + ht, r, v).price()
                                - greeks(type, o, s, k, t - ht, r, v).price())
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
            double quotient = greeks(type, true, s, k, t, r, v).price();
            double coinMeasure =
                    expectation(s, t, r + v * v, v, st -> Math.max(type.isCall() ? st - k : k - st, 0.0) / st, k);
            assertThat(derived).isCloseTo(quotient, within(1e-14));
            assertThat(derived).isCloseTo(coinMeasure, within(1e-12));
            // the numeraire mistake: coin payoff averaged under the quote-currency measure is a different number
            double naive = expectation(s, t, r, v, st -> Math.max(type.isCall() ? st - k : k - st, 0.0) / st, k)
                    * Math.exp(-r * t);
            assertThat(Math.abs(naive - derived)).isGreaterThan(1e-4 * derived);
        }
    }

    @Test
    void strikeForDelta_roundTripsThroughBlackScholesDelta() {
        for (double d : new double[] {0.1, 0.25, 0.4, 0.5}) {
            double k = BlackScholes.strikeForDelta(OptionType.CALL, 3000, d, 14 / 365.0, 0.03, 0.8);
            assertThat(BlackScholes.linear(OptionType.CALL, 3000, k, 14 / 365.0, 0.03, 0.8)
                            .delta())
                    .isCloseTo(d, within(1e-12));
            double kp = BlackScholes.strikeForDelta(OptionType.PUT, 3000, -d, 14 / 365.0, 0.03, 0.8);
            assertThat(BlackScholes.linear(OptionType.PUT, 3000, kp, 14 / 365.0, 0.03, 0.8)
                            .delta())
                    .isCloseTo(-d, within(1e-12));
        }
    }

    /** Black-76 (forward, zero rate): K = F exp(-θ Φ⁻¹(θΔ) s + s²/2), and its forward delta is Δ again. */
    @Test
    void strikeForDelta_forwardAtZeroRate_matchesTheBlack76ClosedFormAndForwardDelta() {
        double f = 60_000.0, t = 0.25, vol = 0.6, s = vol * Math.sqrt(t);
        for (double delta : new double[] {0.1, 0.25, 0.5, 0.75}) {
            double call = BlackScholes.strikeForDelta(OptionType.CALL, f, delta, t, 0.0, vol);
            double put = BlackScholes.strikeForDelta(OptionType.PUT, f, -delta, t, 0.0, vol);
            double z =
                    new org.apache.commons.math3.distribution.NormalDistribution().inverseCumulativeProbability(delta);
            assertThat(call).isCloseTo(f * Math.exp(-z * s + 0.5 * s * s), within(1e-9 * f));
            assertThat(put).isCloseTo(f * Math.exp(z * s + 0.5 * s * s), within(1e-9 * f));
            assertThat(BlackScholes.forwardDelta(OptionType.CALL, Math.log(call / f), s))
                    .isCloseTo(delta, within(1e-13));
            assertThat(BlackScholes.forwardDelta(OptionType.PUT, Math.log(put / f), s))
                    .isCloseTo(-delta, within(1e-13));
        }
    }

    @Test
    void strikeForDelta_deltaOfTheWrongSignOrRange_rejectedNamingTheInterval() {
        assertThatThrownBy(() -> BlackScholes.strikeForDelta(OptionType.PUT, 100, 0.25, 1, 0, 0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(-1, 0)");
        assertThatThrownBy(() -> BlackScholes.strikeForDelta(OptionType.CALL, 100, 1.0, 1, 0, 0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(0, 1)");
    }

    @ParameterizedTest
    @CsvSource({"100,100,1,0.8", "62000,70000,0.1,0.55", "3000,1500,2,1.5"})
    void forwardDelta_equalsTheZeroRateSpotDelta(double f, double k, double t, double v) {
        for (OptionType type : OptionType.values()) {
            assertThat(BlackScholes.forwardDelta(type, Math.log(k / f), v * Math.sqrt(t)))
                    .isCloseTo(BlackScholes.linear(type, f, k, t, 0.0, v).delta(), within(1e-15));
        }
    }

    private static Greeks greeks(OptionType type, boolean inverse, double s, double k, double t, double r, double v) {
        Greeks linear = BlackScholes.linear(type, s, k, t, r, v);
        return inverse ? BlackScholes.inverse(linear, s) : linear;
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
