package io.vaultrisk.surface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vaultrisk.basics.BlackScholes;
import io.vaultrisk.basics.OptionType;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fits the shipped synthetic chain (surface/tools/gen_sample_chain.py: SSVI with rho=-0.22, eta=0.85, gamma=0.45, ATM
 * vol 0.60 - 0.15 exp(-T/0.15), quotes at the true vol -/+ 1 to 4 vol points with up to 0.3 points of noise on the
 * mid, rounded to the exchange tick).
 */
class SurfaceCalibratorTest {

    private static OptionChain chain;
    private static SurfaceCalibration ssvi;

    @BeforeAll
    static void load() throws Exception {
        chain = BookSummaryChainReader.DEFAULT.read(Path.of(SurfaceCalibratorTest.class
                .getResource("/chains/btc-sample.json")
                .toURI()));
        ssvi = SurfaceCalibrator.DEFAULT.calibrate(chain, SurfaceModel.SSVI);
    }

    @Test
    void calibrate_sampleChainSsvi_recoversTheGeneratingSurface() {
        SurfaceCalibration fit = ssvi;
        assertThat(fit.expiries()).hasSize(10);
        Map<String, Double> p = fit.expiries().get(0).params();
        assertThat(p.get("rho")).isCloseTo(-0.22, within(0.03));
        assertThat(p.get("eta")).isCloseTo(0.85, within(0.08));
        assertThat(p.get("gamma")).isCloseTo(0.45, within(0.05));
        for (ExpiryFit e : fit.expiries()) {
            double atm = 0.60 - 0.15 * Math.exp(-e.timeToExpiry() / 0.15);
            assertThat(Math.sqrt(e.params().get("theta") / e.timeToExpiry()))
                    .as("ATM vol at %s", e.expiry())
                    .isCloseTo(atm, within(0.005));
            // the mids carry up to 0.3 vol points of noise plus tick rounding, worst at one day
            assertThat(e.rmseVolPoints()).isLessThan(e.timeToExpiry() < 0.01 ? 0.8 : 0.5);
        }
        assertThat(fit.arbitrage().isArbitrageFree()).isTrue();
    }

    @Test
    void calibrate_sampleChainSvi_fitsEachExpiryWithinTheSpread() {
        SurfaceCalibration fit = SurfaceCalibrator.DEFAULT.calibrate(chain, SurfaceModel.SVI);
        assertThat(fit.expiries()).hasSizeGreaterThanOrEqualTo(9);
        for (ExpiryFit e : fit.expiries()) {
            assertThat(e.rmseVolPoints()).as("rmse at %s", e.expiry()).isLessThan(0.5);
            assertThat(e.insideSpread())
                    .as("inside the spread at %s", e.expiry())
                    .isEqualTo(e.quotes());
        }
        for (FittedPoint point : fit.points()) {
            assertThat(point.fittedVol())
                    .as(point.instrument())
                    .isBetween(point.bidVol() - 0.005, point.askVol() + 0.005);
        }
    }

    @Test
    void calibrate_sampleChain_listsTheBadRowsAndUsesTheOutOfTheMoneyQuotes() {
        SurfaceCalibration fit = ssvi;
        Map<String, String> reasons = fit.skipped().stream()
                .collect(Collectors.toMap(SkippedQuote::instrument, SkippedQuote::reason, (a, b) -> a));
        assertThat(reasons)
                .containsKeys(
                        "BTC-27NOV26",
                        "BTC-PERPETUAL",
                        "BTC-24NOV26-60000-C",
                        "BTC-25DEC26-64000-C",
                        "BTC-25DEC26-63000-P",
                        "BTC-31FOO26-60000-C");
        assertThat(reasons.get("BTC-25DEC26-64000-C")).contains("crossed");
        assertThat(fit.points())
                .allSatisfy(p -> assertThat(p.putCall()).isEqualTo(p.logMoneyness() >= 0 ? PutCall.CALL : PutCall.PUT));
        assertThat(fit.points().size() + fit.skipped().size())
                .isEqualTo(chain.quotes().size() + chain.skipped().size());
    }

    @Test
    void calibrate_sampleChain_vaultQueriesAreConsistent() {
        VolSurface surface = ssvi.surface();
        SmileSlice month = surface.slices().get(5);
        double t = month.timeToExpiry();
        double strike = surface.strikeForDelta(t, 0.25, PutCall.CALL);
        double vol = surface.vol(t, strike);
        assertThat(BlackScholes.linear(OptionType.CALL, month.forward(), strike, t, 0.0, vol)
                        .delta())
                .isCloseTo(0.25, within(1e-10));
        assertThat(surface.volAtDelta(t, -0.25, PutCall.PUT)).isGreaterThan(vol); // negative skew: puts richer
        assertThat(surface.smile(month.expiry(), new double[] {strike})[0]).isCloseTo(vol, within(1e-15));
    }
}
