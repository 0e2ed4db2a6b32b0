package io.vaultrisk.surface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

class SurfaceReportJsonTest {
    private static final Instant AS_OF = Instant.parse("2026-11-01T08:00:00Z");
    private static final Instant EXPIRY = Instant.parse("2027-05-02T08:00:00Z");
    private static final double T = 0.5;
    private static final double FORWARD = 100.0;
    /**
     * Wings of slope 4 in total variance (beyond Lee's bound of 2): d1 = (w/2 - k)/sqrt(w) stays positive for every k,
     * so a call's forward delta never falls below 0.5 and no strike has call delta 0.25 or 0.10; puts still have one.
     */
    private static final SviParameters STEEP = SviParameters.of(0.04, 4.0, 0.0, 0.0, 0.1);

    private static SurfaceCalibration steepSmile() {
        VolSurface surface = VolSurface.of("svi", List.of(SmileSlice.of(EXPIRY, T, FORWARD, STEEP)));
        ExpiryFit fit = new ExpiryFit(
                EXPIRY, T, FORWARD, Map.of("a", 0.04, "b", 4.0, "rho", 0.0, "m", 0.0, "sigma", 0.1), 0.3, 7, 6);
        return new SurfaceCalibration(
                SurfaceModel.SVI,
                AS_OF,
                surface,
                List.of(fit),
                List.of(),
                List.of(new SkippedQuote("BTC-X", "no bid")),
                new ArbitrageReport(List.of(), List.of()));
    }

    @Test
    void toJson_smileWithoutStrikeForADelta_givesNullForThatDeltaOnly() {
        SurfaceCalibration calibration = steepSmile();
        assertThatThrownBy(() -> calibration.surface().strikeForDelta(T, 0.10, PutCall.CALL))
                .isInstanceOf(IllegalArgumentException.class);

        JsonNode json = SurfaceReportJson.toJson(calibration);

        JsonNode deltas = json.at("/expiries/0/deltas");
        assertThat(deltas).hasSize(4);
        NormalDistribution n = new NormalDistribution();
        for (JsonNode row : deltas) {
            double delta = row.get("delta").asDouble();
            if (delta > 0) {
                assertThat(row.get("type").asText()).isEqualTo("call");
                assertThat(row.get("strike").isNull())
                        .as("call %s strike", delta)
                        .isTrue();
                assertThat(row.get("vol").isNull()).as("call %s vol", delta).isTrue();
            } else {
                assertThat(row.get("type").asText()).isEqualTo("put");
                double strike = row.get("strike").asDouble();
                double k = Math.log(strike / FORWARD);
                double w = STEEP.totalVariance(k);
                // the strike's own forward put delta, -N(-d1), at the smile's vol there
                double d1 = -k / Math.sqrt(w) + 0.5 * Math.sqrt(w);
                assertThat(-n.cumulativeProbability(-d1)).isCloseTo(delta, within(1e-9));
                assertThat(row.get("vol").asDouble()).isCloseTo(Math.sqrt(w / T), within(1e-12));
            }
        }
    }

    @Test
    void toJson_calibration_writesTheReportShape() {
        JsonNode json = SurfaceReportJson.toJson(steepSmile());
        assertThat(json.fieldNames())
                .toIterable()
                .containsExactly("model", "asOf", "expiries", "points", "skipped", "arbitrage");
        assertThat(json.get("model").asText()).isEqualTo("svi");
        assertThat(json.get("asOf").asText()).isEqualTo("2026-11-01T08:00:00Z");
        JsonNode e = json.at("/expiries/0");
        assertThat(e.get("expiry").asText()).isEqualTo("2027-05-02T08:00:00Z");
        assertThat(e.get("quotes").asInt()).isEqualTo(7);
        assertThat(e.get("insideBidAsk").asInt()).isEqualTo(6);
        // w(0) = a + b sigma = 0.44
        assertThat(e.get("atmVol").asDouble()).isCloseTo(Math.sqrt(0.44 / T), within(1e-12));
        assertThat(json.at("/skipped/0/reason").asText()).isEqualTo("no bid");
        assertThat(json.at("/arbitrage/butterfly").isArray()).isTrue();
        assertThat(json.at("/arbitrage/calendar").isArray()).isTrue();
    }
}
