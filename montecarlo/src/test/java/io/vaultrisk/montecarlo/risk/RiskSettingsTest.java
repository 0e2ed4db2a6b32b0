package io.vaultrisk.montecarlo.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RiskSettingsTest {
    private static final int[] DAYS = {1, 7};
    private static final double[] LEVELS = {0.95, 0.99};

    private static Arguments bad(String field, int index, String reason, Executable make) {
        return Arguments.of(field, index, reason, make);
    }

    static List<Arguments> badSettings() {
        return List.of(
                bad("paths", -1, "100..50000000", () -> RiskSettings.of(99, 1, DAYS, LEVELS)),
                bad("paths", -1, "got 50000001", () -> RiskSettings.of(50_000_001, 1, DAYS, LEVELS)),
                bad("horizonDays", -1, "at least one", () -> RiskSettings.of(1000, 1, new int[0], LEVELS)),
                bad("horizonDays", -1, "at least one", () -> RiskSettings.of(1000, 1, null, LEVELS)),
                bad("horizonDays", 1, "1..365, got 0", () -> RiskSettings.of(1000, 1, new int[] {7, 0}, LEVELS)),
                bad("horizonDays", 0, "got 366", () -> RiskSettings.of(1000, 1, new int[] {366, 1}, LEVELS)),
                bad(
                        "horizonDays",
                        -1,
                        "at most 10 horizons",
                        () -> RiskSettings.of(
                                1000, 1, IntStream.rangeClosed(1, 11).toArray(), LEVELS)),
                bad("confidences", -1, "at least one", () -> RiskSettings.of(1000, 1, DAYS, new double[0])),
                bad(
                        "confidences",
                        -1,
                        "at most 10 levels",
                        () -> RiskSettings.of(
                                1000, 1, DAYS, new double[] {.5, .51, .52, .53, .54, .55, .56, .57, .58, .59, .6})),
                bad(
                        "confidences",
                        1,
                        "[0.5, 1), got 1.5",
                        () -> RiskSettings.of(1000, 1, DAYS, new double[] {0.95, 1.5})),
                bad("confidences", 0, "got 0.4", () -> RiskSettings.of(1000, 1, DAYS, new double[] {0.4})),
                bad(
                        "confidences",
                        0,
                        "fewer than 10 tail paths",
                        () -> RiskSettings.of(1000, 1, DAYS, new double[] {0.995})),
                bad(
                        "stepsPerDay",
                        -1,
                        "1..1440, got 0",
                        () -> RiskSettings.of(1000, 1, DAYS, LEVELS).withStepsPerDay(0)),
                bad(
                        "stepsPerDay",
                        -1,
                        "got 1441",
                        () -> RiskSettings.of(1000, 1, DAYS, LEVELS).withStepsPerDay(1441)),
                bad(
                        "threads",
                        -1,
                        "got -1",
                        () -> RiskSettings.of(1000, 1, DAYS, LEVELS).withThreads(-1)));
    }

    @ParameterizedTest(name = "{0}[{1}] {2}")
    @MethodSource("badSettings")
    void of_outOfLimits_throwsNamingTheComponent(String field, int index, String reason, Executable make) {
        assertThatThrownBy(make::execute).isInstanceOfSatisfying(InvalidSettingException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.index()).isEqualTo(index);
            assertThat(e.reason()).contains(reason).doesNotContain(field);
            assertThat(e.getMessage()).isEqualTo(field + (index < 0 ? "" : "[" + index + "]") + ": " + e.reason());
        });
    }

    @Test
    void of_limitsInclusive_acceptedSortedWithoutDuplicates() {
        RiskSettings s = RiskSettings.of(RiskSettings.MAX_PATHS, 1, new int[] {365, 1, 365}, new double[] {0.99, 0.5})
                .withStepsPerDay(1440);
        assertThat(s.horizonDays()).containsExactly(1, 365);
        assertThat(s.confidences()).containsExactly(0.5, 0.99);
        // 100 paths at 0.8 leave 20 tail paths
        assertThat(RiskSettings.of(100, 1, DAYS, new double[] {0.8}).paths()).isEqualTo(100);
    }
}
