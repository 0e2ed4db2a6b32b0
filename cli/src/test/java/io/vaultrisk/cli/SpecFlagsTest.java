package io.vaultrisk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultrisk.allocator.ObjectiveSpec;
import io.vaultrisk.allocator.strategy.ScenarioSimulation;
import io.vaultrisk.montecarlo.risk.RiskSettings;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every parameter a library spec can name in an error maps to an option the command really has. */
class SpecFlagsTest {

    private static List<String> components(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents())
                .map(RecordComponent::getName)
                .toList();
    }

    private static Set<String> options(Object command) {
        return new CommandLine(command)
                .getCommandSpec().options().stream()
                        .flatMap(o -> Arrays.stream(o.names()))
                        .collect(Collectors.toSet());
    }

    @Test
    void bookOptionsFlag_everyRiskSetting_isAnOptionOfRiskAndStress() {
        Set<String> risk = options(new RiskCommand());
        Set<String> stress = options(new StressCommand());
        for (String setting : components(RiskSettings.class)) {
            assertThat(risk).as(setting).contains(BookOptions.flag(setting));
            assertThat(stress).as(setting).contains(BookOptions.flag(setting));
        }
        assertThat(BookOptions.flag("confidences")).isEqualTo("--confidence");
        assertThat(BookOptions.flag("horizonDays")).isEqualTo("--horizon-days");
    }

    @Test
    void allocateFlagsFlag_everyAllocationParameter_isAnOptionOfAllocate() {
        Set<String> allocate = options(new AllocateCommand());
        for (String field : components(ObjectiveSpec.class)) {
            assertThat(allocate).as(field).contains(AllocateFlags.flag(field));
        }
        for (String field : components(ScenarioSimulation.class)) {
            assertThat(allocate).as(field).contains(AllocateFlags.flag(field));
        }
        assertThat(AllocateFlags.flag("impliedVolPremium")).isEqualTo("--implied-vol-premium");
    }
}
