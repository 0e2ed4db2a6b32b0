package io.vaultrisk.surface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vaultrisk.basics.BlackScholes;
import io.vaultrisk.basics.OptionType;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

class ImpliedVolatilityTest {

    private static final ImpliedVolatility IV = ImpliedVolatility.DEFAULT;
    private static final double[] EXPIRIES = {1.0 / 365, 7.0 / 365, 30.0 / 365, 0.25, 1.0, 2.0, 5.0};
    private static final double[] VOLS = {0.05, 0.1, 0.2, 0.45, 0.8, 1.2, 2.0, 3.5, 5.0};

    /**
     * Round trip through the public API over strikes from -8 to +8 standard deviations, calls and puts, in and out of the
     * money. The tolerance is 1e-12 relative plus what the price itself cannot carry: half an ulp of the price divided by
     * vega (for deep in-the-money options the time value is lost in the intrinsic's rounding).
     */
    @Test
    void blackVol_wideGrid_roundTripsToMachinePrecision() {
        double forward = 60_000.0;
        int checked = 0;
        int strict = 0;
        for (double t : EXPIRIES) {
            for (double vol : VOLS) {
                double s = vol * Math.sqrt(t);
                for (double z = -8.0; z <= 8.0; z += 0.125) {
                    double strike = forward * Math.exp(z * s);
                    for (PutCall pc : PutCall.values()) {
                        double price = BlackFormula.price(forward, strike, t, vol, pc);
                        double intrinsic = Math.max(pc.sign() * (forward - strike), 0.0);
                        double bound = pc == PutCall.CALL ? forward : strike;
                        if (!(price > intrinsic) || price >= bound) {
                            continue; // no information left in the price (time value below the intrinsic's rounding)
                        }
                        double vega = BlackScholes.linear(OptionType.CALL, forward, strike, t, 0.0, vol)
                                .vega();
                        double allowed = 1e-12 * vol + 2.0 * Math.ulp(price) / vega;
                        double got = IV.blackVol(price, forward, strike, t, pc);
                        assertThat(got)
                                .as("T=%s vol=%s K=%s %s", t, vol, strike, pc)
                                .isCloseTo(vol, within(allowed));
                        checked++;
                        if (allowed < 2e-12 * vol) {
                            strict++;
                        }
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(15_000);
        assertThat(strict).isGreaterThan(10_000);
    }

    @Test
    void normalisedVol_outOfTheMoneyGrid_takesAtMostFourEvaluations() {
        int[] steps = new int[1];
        int total = 0;
        int cases = 0;
        for (double s = 0.002; s < 12.0; s *= 1.17) {
            for (double z = 0.0; z <= 9.0; z += 0.1) {
                double x = -z * s;
                double bMax = Math.exp(0.5 * x);
                double beta = NormalisedBlack.price(x, s, 1);
                if (!(beta > 0.0) || beta >= bMax) {
                    continue;
                }
                double got = IV.solve(beta, x, bMax, steps);
                assertThat(steps[0]).as("s=%s x=%s", s, x).isLessThanOrEqualTo(4);
                if (s < 4.0) {
                    assertThat(got).as("s=%s x=%s", s, x).isCloseTo(s, within(2e-14 * s));
                }
                total += steps[0];
                cases++;
            }
        }
        assertThat((double) total / cases).isLessThan(2.5);
    }

    /** Black prices computed with mpmath at 50 digits (F, K, T, vol, call=1/put=-1, price), deep in both tails. */
    private static final double[][] REFERENCE = {
        {100.0, 2008.5536923187667, 1.0, 0.2, 1, 2.1637857708566937e-50},
        {100.0, 4.978706836786394, 1.0, 0.2, -1, 1.0772855010705231e-51},
        {62000.0, 150000.0, 0.019178082191780823, 0.5, 1, 7.1288012172235861e-35},
        {62000.0, 30000.0, 0.0821917808219178, 0.8, -1, 2.0721192454435122},
        {100.0, 100.001, 0.0027397260273972603, 0.05, 1, 0.10390922106306263},
        {100.0, 100000.0, 5.0, 3.0, 1, 98.411673008318498},
        {100.0, 50.0, 1.0, 0.3, 1, 50.074631730185297},
    };

    @Test
    void price_againstFiftyDigitReference_agreesInRelativeTerms() {
        for (double[] c : REFERENCE) {
            PutCall pc = c[4] > 0 ? PutCall.CALL : PutCall.PUT;
            assertThat(BlackFormula.price(c[0], c[1], c[2], c[3], pc))
                    .as("K=%s", c[1])
                    .isCloseTo(c[5], within(2e-14 * c[5]));
            double intrinsic = Math.max(pc.sign() * (c[0] - c[1]), 0.0);
            double allowed = 1e-12 * c[3]
                    + 2.0
                            * Math.ulp(c[5])
                            / BlackScholes.linear(OptionType.CALL, c[0], c[1], c[2], 0.0, c[3])
                                    .vega();
            assertThat(IV.blackVol(c[5], c[0], c[1], c[2], pc))
                    .as("K=%s intrinsic %s", c[1], intrinsic)
                    .isCloseTo(c[3], within(allowed));
        }
    }

    @Test
    void blackVol_tinyPricesFarOutOfTheMoney_keepRelativePrecision() {
        // about 1e-87 of the forward: the tails are differences of numbers that a naive Φ(d₁) - Φ(d₂) rounds to zero
        double vol = 0.3;
        double strike = 100.0 * Math.exp(6.0);
        double price = BlackFormula.price(100.0, strike, 1.0, vol, PutCall.CALL);
        assertThat(price).isGreaterThan(0.0).isLessThan(1e-60);
        assertThat(IV.blackVol(price, 100.0, strike, 1.0, PutCall.CALL)).isCloseTo(vol, within(1e-14));
    }

    @Test
    void blackVol_atIntrinsic_isZero() {
        assertThat(IV.blackVol(10.0, 110.0, 100.0, 1.0, PutCall.CALL)).isZero();
        assertThat(IV.blackVol(0.0, 110.0, 100.0, 1.0, PutCall.PUT)).isZero();
    }

    @Test
    void blackVol_belowIntrinsic_failsNamingIntrinsic() {
        assertThatThrownBy(() -> IV.blackVol(9.99, 110.0, 100.0, 1.0, PutCall.CALL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("below the intrinsic value 10.0");
    }

    @Test
    void blackVol_atOrAboveBound_failsNamingBound() {
        assertThatThrownBy(() -> IV.blackVol(110.0, 110.0, 100.0, 1.0, PutCall.CALL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("upper bound 110.0");
        assertThatThrownBy(() -> IV.blackVol(100.5, 110.0, 100.0, 1.0, PutCall.PUT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("upper bound 100.0");
    }

    @Test
    void blackVol_badInputs_failNamingTheField() {
        assertThatThrownBy(() -> IV.blackVol(1.0, -1.0, 100.0, 1.0, PutCall.CALL))
                .hasMessageContaining("forward");
        assertThatThrownBy(() -> IV.blackVol(1.0, 100.0, Double.NaN, 1.0, PutCall.CALL))
                .hasMessageContaining("strike");
        assertThatThrownBy(() -> IV.blackVol(1.0, 100.0, 100.0, 0.0, PutCall.CALL))
                .hasMessageContaining("expiry");
        assertThatThrownBy(() -> IV.blackVol(-1.0, 100.0, 100.0, 1.0, PutCall.CALL))
                .hasMessageContaining("price");
        assertThat(IV.blackVolOrNaN(-1.0, 100.0, 100.0, 1.0, PutCall.CALL)).isNaN();
        assertThat(IV.blackVolOrNaN(200.0, 100.0, 100.0, 1.0, PutCall.CALL)).isNaN();
    }

    @Test
    void inverseVol_coinPrice_isUsdBlackPriceOverForward() {
        double forward = 62_000.0;
        double strike = 70_000.0;
        double vol = 0.55;
        double t = 0.5;
        double coin = BlackFormula.inversePrice(forward, strike, t, vol, PutCall.CALL);
        assertThat(coin * forward).isCloseTo(BlackFormula.price(forward, strike, t, vol, PutCall.CALL), within(1e-9));
        assertThat(IV.inverseVol(coin, forward, strike, t, PutCall.CALL)).isCloseTo(vol, within(1e-13));
        double coinPut = BlackFormula.inversePrice(forward, strike, t, vol, PutCall.PUT);
        // put-call parity in coin: C - P = (F - K)/F
        assertThat(coin - coinPut).isCloseTo((forward - strike) / forward, within(1e-15));
        assertThat(IV.inverseVol(coinPut, forward, strike, t, PutCall.PUT)).isCloseTo(vol, within(1e-13));
    }

    @Test
    void price_againstIndependentCommonsMathFormula_agrees() {
        NormalDistribution n = new NormalDistribution();
        double[][] cases = {{100, 100, 1, 0.2}, {100, 130, 0.5, 0.6}, {100, 70, 2, 1.1}, {62000, 50000, 0.1, 0.7}};
        for (double[] c : cases) {
            double f = c[0];
            double k = c[1];
            double t = c[2];
            double v = c[3];
            double d1 = (Math.log(f / k) + 0.5 * v * v * t) / (v * Math.sqrt(t));
            double d2 = d1 - v * Math.sqrt(t);
            double call = f * n.cumulativeProbability(d1) - k * n.cumulativeProbability(d2);
            double put = k * n.cumulativeProbability(-d2) - f * n.cumulativeProbability(-d1);
            assertThat(BlackFormula.price(f, k, t, v, PutCall.CALL)).isCloseTo(call, within(1e-12 * f));
            assertThat(BlackFormula.price(f, k, t, v, PutCall.PUT)).isCloseTo(put, within(1e-12 * f));
        }
    }
}
