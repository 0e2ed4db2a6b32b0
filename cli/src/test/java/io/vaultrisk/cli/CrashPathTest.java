package io.vaultrisk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.vaultrisk.montecarlo.stress.Scenario;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrashPathTest {

    @Test
    void of_blackThursday_reachesThePublishedMovesAtTheTroughInTwoLegs() {
        Scenario s = CrashPath.scenario("crash").orElseThrow();
        CrashPath p = CrashPath.of(s, 90_000, 3_000);

        assertThat(s.id()).isEqualTo("black-thursday-2020-03-12");
        assertThat(p.rows()).hasSize(CrashPath.CALM_HOURS + CrashPath.CRASH_HOURS + CrashPath.AFTER_HOURS);
        assertThat(p.crashStart()).isEqualTo(30);
        assertThat(p.crashEnd()).isEqualTo(54);
        // the calm hours end where they began
        assertThat(p.rows().get(p.crashStart() - 1)[0]).isCloseTo(90_000, within(1e-6));
        // the trough is the scenario's move: -46.58% and -55%
        double[] trough = p.rows().get(p.crashEnd() - 1);
        assertThat(trough[0]).isCloseTo(90_000 * (1 - 0.4658), within(1e-6));
        assertThat(trough[1]).isCloseTo(3_000 * (1 - 0.55), within(1e-9));
        // 60% of the log move in the first ten hours, nothing in the four-hour pause
        double afterFirstLeg = p.rows().get(p.crashStart() + 9)[0];
        assertThat(Math.log(afterFirstLeg / 90_000)).isCloseTo(0.6 * Math.log(1 - 0.4658), within(1e-12));
        assertThat(p.rows().get(p.crashStart() + 13)[0]).isCloseTo(afterFirstLeg, within(1e-6));
        // the hours after the crash end at the trough (an even number of alternating moves)
        assertThat(p.rows().get(p.rows().size() - 1)[0]).isCloseTo(trough[0], within(1e-6));
        assertThat(p.provenance()).contains("shaped from the bundled scenario's published daily moves, not tick data");
    }

    @Test
    void scenario_unknownId_empty() {
        assertThat(CrashPath.scenario("no-such-crash")).isEmpty();
        assertThat(CrashPath.ids()).contains("crash", "black-thursday-2020-03-12", "ftx-collapse-2022-11-09");
    }

    @Test
    void drawdownAndStats_smallSeries_matchHandComputedFigures() {
        List<CrashDemo.Hour> hours = List.of(
                new CrashDemo.Hour(0, 1, 0, 0, 0, 100, 100, 0),
                new CrashDemo.Hour(1, 2, 0, 0, 0, 120, 90, 0),
                new CrashDemo.Hour(2, 3, 0, 0, 0, 90, 95, 0),
                new CrashDemo.Hour(3, 4, 0, 0, 0, 110, 80, 0));
        assertThat(CrashDemo.drawdown(hours, true)).isEqualTo(0.25); // 120 -> 90
        assertThat(CrashDemo.drawdown(hours, false)).isEqualTo(0.2); // 100 -> 80
        JsonNode s = CrashDemo.stats(List.of(5.0, 1.0, 3.0, 10.0));
        assertThat(s.path("count").asInt()).isEqualTo(4);
        assertThat(s.path("min").asDouble()).isEqualTo(1.0);
        assertThat(s.path("median").asDouble()).isEqualTo(4.0);
        assertThat(s.path("max").asDouble()).isEqualTo(10.0);
        assertThat(CrashDemo.stats(List.of()).has("median")).isFalse();
    }
}
