package io.vaultrisk.surface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vaultrisk.basics.BlackScholes;
import io.vaultrisk.basics.OptionType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class VolSurfaceTest {

    private static final Instant E1 = Instant.parse("2026-12-25T08:00:00Z");
    private static final Instant E2 = Instant.parse("2027-03-26T08:00:00Z");

    private static SviParameters flat(double vol, double t) {
        return SviParameters.of(vol * vol * t, 0.0, 0.0, 0.0, 0.1);
    }

    @Test
    void strikeForDelta_flatSurface_matchesTheClosedForm() {
        VolSurface surface = VolSurface.of("svi", List.of(SmileSlice.of(E1, 0.25, 60_000.0, flat(0.6, 0.25))));
        for (double delta : new double[] {0.05, 0.25, 0.5, 0.75}) {
            assertThat(surface.strikeForDelta(0.25, delta, PutCall.CALL))
                    .isCloseTo(
                            BlackScholes.strikeForDelta(OptionType.CALL, 60_000.0, delta, 0.25, 0.0, 0.6),
                            within(1e-6));
            assertThat(surface.strikeForDelta(0.25, -delta, PutCall.PUT))
                    .isCloseTo(
                            BlackScholes.strikeForDelta(OptionType.PUT, 60_000.0, -delta, 0.25, 0.0, 0.6),
                            within(1e-6));
        }
    }

    @Test
    void strikeForDelta_skewedSmile_deltaAtTheSmileVolIsTheTarget() {
        SsviParameters p = SsviParameters.of(-0.5, 1.2, 0.4);
        SmileSlice slice = SmileSlice.of(E1, 0.1, 62_000.0, p.slice(0.6 * 0.6 * 0.1));
        VolSurface surface = VolSurface.of("ssvi", List.of(slice));
        for (double delta : new double[] {-0.9, -0.5, -0.25, -0.1, -0.02}) {
            double strike = surface.strikeForDelta(0.1, delta, PutCall.PUT);
            double vol = slice.volAtStrike(strike);
            assertThat(BlackScholes.linear(OptionType.PUT, 62_000.0, strike, 0.1, 0.0, vol)
                            .delta())
                    .isCloseTo(delta, within(1e-10));
            assertThat(surface.volAtDelta(0.1, delta, PutCall.PUT)).isCloseTo(vol, within(1e-14));
        }
        assertThat(surface.strikeForDelta(E1, -0.25, PutCall.PUT))
                .isEqualTo(surface.strikeForDelta(0.1, -0.25, PutCall.PUT));
        assertThat(surface.volAtDelta(E1, 0.25, PutCall.CALL)).isEqualTo(surface.volAtDelta(0.1, 0.25, PutCall.CALL));
        assertThat(surface.vol(E1, 70_000.0)).isEqualTo(slice.volAtStrike(70_000.0));
        assertThatThrownBy(() -> surface.strikeForDelta(0.1, 0.25, PutCall.PUT)).hasMessageContaining("(-1, 0)");
        assertThatThrownBy(() -> surface.strikeForDelta(0.1, 1.0, PutCall.CALL)).hasMessageContaining("(0, 1)");
    }

    @Test
    void totalVariance_betweenExpiries_isLinearInTimeAtFixedK() {
        SviParameters a = SviParameters.of(0.01, 0.05, -0.3, 0.0, 0.1);
        SviParameters b = SviParameters.of(0.05, 0.1, -0.3, 0.0, 0.2);
        VolSurface surface =
                VolSurface.of("svi", List.of(SmileSlice.of(E2, 0.5, 64_000.0, b), SmileSlice.of(E1, 0.1, 62_000.0, a)));
        assertThat(surface.slices()).extracting(SmileSlice::expiry).containsExactly(E1, E2);
        double k = -0.2;
        assertThat(surface.totalVariance(0.3, k))
                .isCloseTo(0.5 * (a.totalVariance(k) + b.totalVariance(k)), within(1e-15));
        assertThat(surface.totalVariance(0.05, k)).isCloseTo(0.5 * a.totalVariance(k), within(1e-15));
        assertThat(surface.totalVariance(1.0, k)).isCloseTo(2.0 * b.totalVariance(k), within(1e-15));
        assertThat(surface.forward(0.3)).isCloseTo(Math.sqrt(62_000.0 * 64_000.0), within(1e-9));
        assertThat(surface.vol(0.1, 62_000.0 * Math.exp(k)))
                .isCloseTo(Math.sqrt(a.totalVariance(k) / 0.1), within(1e-14));
        assertThat(surface.smile(E2, new double[] {64_000.0})[0])
                .isCloseTo(Math.sqrt(b.totalVariance(0) / 0.5), within(1e-14));
        assertThatThrownBy(() -> surface.slice(Instant.parse("2027-01-29T08:00:00Z")))
                .hasMessageContaining("no fitted expiry");
    }
}
