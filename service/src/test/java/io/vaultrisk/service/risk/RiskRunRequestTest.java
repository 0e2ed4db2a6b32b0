package io.vaultrisk.service.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.vaultrisk.montecarlo.risk.RiskSettings;
import io.vaultrisk.service.error.ProblemException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The request only names JSON fields; the limits are RiskSettings'. */
class RiskRunRequestTest {
    private static final RiskRunRequest EMPTY = new RiskRunRequest(
            JsonNodeFactory.instance.objectNode(), null, null, null, null, null, null, null, null, null, null, null);

    @Test
    void field_everyRiskSettingButThreads_isAFieldOfTheRequest() {
        List<String> fields = Arrays.stream(RiskRunRequest.class.getRecordComponents())
                .map(RecordComponent::getName)
                .toList();
        for (RecordComponent c : RiskSettings.class.getRecordComponents()) {
            if (!c.getName().equals("threads")) {
                assertThat(fields).as(c.getName()).contains(RiskRunRequest.field(c.getName()));
            }
        }
    }

    @Test
    void normalised_defaults_areTheSettingsDefaults() {
        RiskRunRequest r = EMPTY.normalised();
        RiskSettings s = r.settings();
        assertThat(s.paths()).isEqualTo(RiskSettings.DEFAULT_PATHS);
        assertThat(s.seed()).isEqualTo(RiskSettings.DEFAULT_SEED);
        assertThat(s.stepsPerDay()).isEqualTo(RiskSettings.DEFAULT_STEPS_PER_DAY);
        assertThat(s.horizonDays()).containsExactly(1);
        assertThat(s.confidences()).containsExactly(0.95, 0.99);
    }

    @Test
    void normalised_outOfEngineLimits_400NamesTheJsonField() {
        assertBad(
                new RiskRunRequest(
                        EMPTY.book(), List.of(1, 400), null, null, null, null, null, null, null, null, null, null),
                "horizonDays[1]");
        assertBad(
                new RiskRunRequest(
                        EMPTY.book(), null, List.of(0.95, 1.0), null, null, null, null, null, null, null, null, null),
                "confidence[1]");
        assertBad(
                new RiskRunRequest(
                        EMPTY.book(), null, null, 50_000_001L, null, null, null, null, null, null, null, null),
                "paths");
        assertBad(
                new RiskRunRequest(EMPTY.book(), null, null, null, null, 0, null, null, null, null, null, null),
                "stepsPerDay");
        assertBad(
                new RiskRunRequest(
                        EMPTY.book(),
                        Arrays.asList(1, null),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null),
                "horizonDays[1]");
    }

    private static void assertBad(RiskRunRequest r, String field) {
        assertThatThrownBy(r::normalised).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).startsWith(field + ": ").doesNotContain("Exception");
        });
    }
}
