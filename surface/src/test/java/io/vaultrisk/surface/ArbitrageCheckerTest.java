package io.vaultrisk.surface;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArbitrageCheckerTest {

    private static final Instant T1 = Instant.parse("2026-12-25T08:00:00Z");
    private static final Instant T2 = Instant.parse("2027-03-26T08:00:00Z");

    /** Axel Vogt's raw SVI (Gatheral–Jacquier 2014, Example 3.1): arbitrage-free-looking but with negative density. */
    private static final SviParameters VOGT = SviParameters.of(-0.0410, 0.1331, 0.3060, 0.3586, 0.4153);

    @Test
    void butterfly_vogtExample_isFlaggedWhereTheDensityIsNegative() {
        VolSurface surface = VolSurface.of("svi", List.of(SmileSlice.of(T1, 1.0, 100.0, VOGT)));
        List<ButterflyViolation> found = ArbitrageChecker.DEFAULT.butterfly(surface);
        assertThat(found).isNotEmpty();
        ButterflyViolation v = found.get(0);
        assertThat(v.expiry()).isEqualTo(T1);
        assertThat(v.worstG()).isNegative();
        assertThat(v.fromK()).isLessThanOrEqualTo(v.worstK());
        assertThat(v.toK()).isGreaterThanOrEqualTo(v.worstK());
        // independent check: g from finite differences of w at the reported point
        double k = v.worstK();
        double h = 1e-4;
        double w = VOGT.totalVariance(k);
        double w1 = (VOGT.totalVariance(k + h) - VOGT.totalVariance(k - h)) / (2 * h);
        double w2 = (VOGT.totalVariance(k + h) - 2 * w + VOGT.totalVariance(k - h)) / (h * h);
        double g = Math.pow(1 - k * w1 / (2 * w), 2) - w1 * w1 / 4 * (1 / w + 0.25) + w2 / 2;
        assertThat(g).isNegative();
        // Gatheral–Jacquier's figure 2 shows the negative g in the call wing, between k = 0.5 and 1.5
        assertThat(v.worstK()).isBetween(0.5, 1.5);
    }

    @Test
    void calendar_crossingSlices_flaggedWithBothExpiries() {
        SviParameters earlier = SviParameters.of(0.04, 0.1, -0.5, 0.0, 0.1);
        SviParameters later = SviParameters.of(0.05, 0.05, 0.3, 0.0, 0.1); // flatter: lower in the put wing
        VolSurface surface = VolSurface.of(
                "svi", List.of(SmileSlice.of(T1, 0.1, 100.0, earlier), SmileSlice.of(T2, 0.35, 100.0, later)));
        List<CalendarViolation> found = ArbitrageChecker.DEFAULT.calendar(surface);
        assertThat(found).hasSize(1);
        CalendarViolation v = found.get(0);
        assertThat(v.earlier()).isEqualTo(T1);
        assertThat(v.later()).isEqualTo(T2);
        assertThat(v.worstK()).isNegative();
        assertThat(earlier.totalVariance(v.worstK()) - later.totalVariance(v.worstK()))
                .isEqualTo(v.decrease());
        assertThat(earlier.totalVariance(v.toK() + 0.01)).isLessThanOrEqualTo(later.totalVariance(v.toK() + 0.01));
    }

    @Test
    void check_ssviWithinConstraints_findsNothing() {
        SsviParameters p = SsviParameters.of(-0.6, 2.0 / 1.6, 0.5);
        VolSurface surface = VolSurface.of(
                "ssvi",
                List.of(SmileSlice.of(T1, 0.1, 100.0, p.slice(0.01)), SmileSlice.of(T2, 0.35, 100.0, p.slice(0.04))));
        assertThat(ArbitrageChecker.DEFAULT.check(surface).isArbitrageFree()).isTrue();
    }

    @Test
    void durrleman_flatSmile_isOne() {
        SviParameters flat = SviParameters.of(0.04, 0.0, 0.0, 0.0, 0.1);
        assertThat(flat.durrleman(0.3)).isCloseTo(1.0 - 0.0, org.assertj.core.api.Assertions.within(1e-15));
    }
}
