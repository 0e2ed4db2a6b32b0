package io.vaultrisk.montecarlo.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RiskSettingsTest {
    private static final int[] DAYS = {1, 7};
    private static final double[] LEVELS = {0.95, 0.99};

    static Iterable<Arguments> badSettings() {
        return java.util.List.of(
                Arguments.of("paths", (Executable) () -> RiskSettings.of(99, 1, DAYS, LEVELS), "100..50000000"),
                Arguments.of("paths", (Executable) () -> RiskSettings.of(50_000_001, 1, DAYS, LEVELS), "got 50000001"),
                Arguments.of("horizonDays", (Executable) () -> RiskSettings.of(1000, 1, new int[0], LEVELS),
                        "at least one"),
                Arguments.of("horizonDays", (Executable) () -> RiskSettings.of(1000, 1, null, LEVELS), "at least one"),
                Arguments.of("horizonDays", (Executable) () -> RiskSettings.of(1000, 1, new int[] {0, 7}, LEVELS),
                        "1..365"),
                Arguments.of("horizonDays", (Executable) () -> RiskSettings.of(1000, 1, new int[] {366}, LEVELS),
                        "got [366]"),
                Arguments.of("horizonDays", (Executable) () -> RiskSettings.of(1000, 1,
                        IntStream.rangeClosed(1, 11).toArray(), LEVELS), "at most 10 horizons"),
                Arguments.of("confidences", (Executable) () -> RiskSettings.of(1000, 1, DAYS, new double[0]),
                        "at least one"),
                Arguments.of("confidences", (Executable) () -> RiskSettings.of(1000, 1, DAYS, new double[] {1.5}),
                        "[0.5, 1)"),
                Arguments.of("confidences", (Executable) () -> RiskSettings.of(1000, 1, DAYS, new double[] {0.4}),
                        "got 0.4"),
                Arguments.of("confidences", (Executable) () -> RiskSettings.of(1000, 1, DAYS, new double[] {0.995}),
                        "fewer than 10 tail paths"),
                Arguments.of("stepsPerDay", (Executable) () -> RiskSettings.of(1000, 1, DAYS, LEVELS)
                        .withStepsPerDay(0), "1..1440"),
                Arguments.of("stepsPerDay", (Executable) () -> RiskSettings.of(1000, 1, DAYS, LEVELS)
                        .withStepsPerDay(1441), "got 1441"),
                Arguments.of("threads", (Executable) () -> RiskSettings.of(1000, 1, DAYS, LEVELS).withThreads(-1),
                        "got -1"));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("badSettings")
    void of_outOfLimits_throwsNamingTheComponent(String field, Executable make, String reason) {
        assertThatThrownBy(make::execute).isInstanceOfSatisfying(InvalidSettingException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.reason()).contains(reason).doesNotContain(field + ":");
            assertThat(e.getMessage()).isEqualTo(field + ": " + e.reason());
        });
    }

    @Test
    void of_limitsInclusive_accepted() {
        RiskSettings s = RiskSettings.of(RiskSettings.MAX_PATHS, 1, new int[] {365, 1, 365}, new double[] {0.5, 0.99})
                .withStepsPerDay(1440);
        assertThat(s.horizonDays()).containsExactly(1, 365);
        assertThat(s.confidences()).containsExactly(0.5, 0.99);
        assertThat(RiskSettings.of(100, 1, DAYS, new double[] {0.8}).paths()).isEqualTo(100);
    }
}
