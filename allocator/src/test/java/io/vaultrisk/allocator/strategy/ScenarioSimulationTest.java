package io.vaultrisk.allocator.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultrisk.allocator.InvalidAllocationSpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScenarioSimulationTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "horizonDays, 0, 20000, 0.1, 0.05, '1..365, got 0'",
        "horizonDays, 366, 20000, 0.1, 0.05, 'got 366'",
        "paths, 30, 99, 0.1, 0.05, '100..1000000, got 99'",
        "paths, 30, 1000001, 0.1, 0.05, 'got 1000001'",
        "impliedVolPremium, 30, 20000, -1, 0.05, '(-1, 10), got -1.0'",
        "impliedVolPremium, 30, 20000, 10, 0.05, 'got 10.0'",
        "stableYield, 30, 20000, 0.1, 1, '(-1, 1), got 1.0'",
        "stableYield, 30, 20000, 0.1, NaN, 'got NaN'"
    })
    void of_outOfLimits_throwsNamingTheParameter(
            String field, int days, int paths, double premium, double yield, String reason) {
        assertThatThrownBy(() -> new ScenarioSimulation(days, paths, 1, premium, yield))
                .isInstanceOfSatisfying(InvalidAllocationSpecException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.reason()).contains(reason);
                });
    }

    @Test
    void defaults_areTheDocumentedOnes() {
        assertThat(ScenarioSimulation.defaults()).isEqualTo(new ScenarioSimulation(30, 20_000, 1, 0.0, 0.05));
        assertThat(ScenarioSimulation.defaults().depegProbability()).isPositive();
        assertThat(new ScenarioSimulation(365, ScenarioSimulation.MAX_PATHS, 1, 9.9, -0.99).paths())
                .isEqualTo(1_000_000);
    }
}
