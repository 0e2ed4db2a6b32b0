package io.vaultrisk.montecarlo.analytic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vaultrisk.basics.BlackScholes;
import io.vaultrisk.basics.OptionType;
import io.vaultrisk.montecarlo.model.HestonModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HestonFormulaTest {

    /**
     * Alan Lewis's 20-digit reference prices (Wilmott forum, "Heston - Reference Prices", 30 May 2012; computed in
     * Mathematica at working precision 50): r = 1%, q = 2%, S = 100, T = 1, v0 = 0.04, κ = 4, θ = 0.25, ξ = 1, ρ = −0.5.
     */
    @ParameterizedTest
    @CsvSource({
        "80,  7.9588781132567682852, 26.7747587439988542213",
        "90,  12.0179667073463049877, 20.9333490005967103881",
        "100, 17.0552709612701094135, 16.0701549170288342782",
        "110, 23.0178258984428005389, 12.1322115167098448679",
        "120, 29.8110262026824718433, 9.02491348345783563655"
    })
    void price_lewisReferenceValues_matchTo1e10(double strike, double put, double call) {
        HestonModel m = HestonModel.of(0.04, 4, 0.25, 1, -0.5);
        assertThat(HestonFormula.price(OptionType.CALL, 100, strike, 1, 0.01, 0.02, m))
                .isCloseTo(call, within(1e-10));
        assertThat(HestonFormula.price(OptionType.PUT, 100, strike, 1, 0.01, 0.02, m))
                .isCloseTo(put, within(1e-10));
    }

    @Test
    void price_vanishingVolOfVariance_tendsToBlackScholes() {
        // uncorrelated, so the price moves only at second order in xi
        HestonModel m = HestonModel.of(0.36, 3, 0.36, 1e-3, 0.0);
        assertThat(HestonFormula.price(OptionType.CALL, 100, 110, 0.5, 0.03, 0, m))
                .isCloseTo(BlackScholes.price(OptionType.CALL, 100, 110, 0.5, 0.03, 0.6), within(1e-6));
    }

    @Test
    void price_fellerViolatedShortAndLongExpiries_finiteAndInsideNoArbitrageBounds() {
        HestonModel crypto = HestonModel.of(0.5, 2, 0.5, 1.5, -0.3);
        assertThat(crypto.fellerHolds()).isFalse();
        for (double t : new double[] {1.0 / 365, 0.1, 1, 10}) {
            for (double k : new double[] {40, 100, 250}) {
                double c = HestonFormula.price(OptionType.CALL, 100, k, t, 0.0, 0, crypto);
                assertThat(c).as("T=%s K=%s", t, k).isBetween(Math.max(0, 100 - k) - 1e-9, 100.0);
            }
        }
    }
}
