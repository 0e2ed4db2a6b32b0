package io.vaultrisk.allocator.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultrisk.allocator.ScenarioMatrix;
import io.vaultrisk.kernels.BackendException;
import io.vaultrisk.kernels.EuropeanRun;
import io.vaultrisk.kernels.EuropeanTask;
import io.vaultrisk.kernels.PathBackend;
import io.vaultrisk.kernels.ProgressSink;
import io.vaultrisk.montecarlo.book.MarketData;
import io.vaultrisk.montecarlo.book.Underlying;
import io.vaultrisk.montecarlo.compute.ComputeBackend;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Strategy scenarios through the path SPI: what ran them is named, and an absent device never passes silently. */
class StrategySimulatorBackendTest {
    private static final MarketData MARKET = MarketData.of(
            0.0,
            List.of(Underlying.of("BTC", 90_000, 0.6, 0.2), Underlying.of("ETH", 3_000, 0.8, 0.3)),
            new double[][] {{1, 0.8}, {0.8, 1}});
    private static final List<StrategyTemplate> TEMPLATES = List.of(
            new StrategyTemplate.Spot("BTC"),
            new StrategyTemplate.CoveredCall("ETH", 0.3, 7),
            new StrategyTemplate.DeltaHedgedShortCall("BTC", 0.5, 14, 0.05));

    /** A backend whose device is not on this machine. */
    private static final PathBackend ABSENT = new PathBackend() {
        @Override
        public String id() {
            return "absent";
        }

        @Override
        public boolean isAvailable() {
            return false;
        }

        @Override
        public String device() {
            return "absent: no driver";
        }

        @Override
        public int preference() {
            return 0;
        }

        @Override
        public EuropeanRun simulateEuropean(EuropeanTask task, ProgressSink progress) {
            throw new BackendException("no driver");
        }
    };

    private static final StrategyAssumptions FRICTIONLESS = StrategyAssumptions.frictionless(0.1, MARKET.rate());

    @Test
    void simulate_onTheCpu_namesItAndGivesTheDefaultScenarios() {
        ScenarioMatrix plain = StrategySimulator.DEFAULT.simulate(MARKET, TEMPLATES, 30, 5000, 3, 0.1);
        StrategyScenarios s = StrategySimulator.DEFAULT.simulate(
                MARKET, TEMPLATES, FRICTIONLESS, 30, 5000, 3, ComputeBackend.CPU, w -> {
                    throw new AssertionError(w);
                });
        assertThat(s.backend()).isEqualTo("cpu");
        assertThat(s.device()).isEqualTo(ComputeBackend.CPU.backend().device());
        for (int p = 0; p < plain.scenarioCount(); p += 97) {
            for (int j = 0; j < TEMPLATES.size(); j++) {
                assertThat(s.matrix().get(p, j)).isEqualTo(plain.get(p, j));
            }
        }
    }

    @Test
    void simulate_absentBackend_throwsWithoutFallbackAndRunsOnTheCpuWithOneWarning() {
        assertThatThrownBy(() -> StrategySimulator.DEFAULT.simulate(
                        MARKET, TEMPLATES, FRICTIONLESS, 30, 500, 3, new ComputeBackend(ABSENT, false), w -> {}))
                .isInstanceOf(BackendException.class)
                .hasMessage("backend absent is not available (absent: no driver)");
        List<String> warnings = new ArrayList<>();
        StrategyScenarios s = StrategySimulator.DEFAULT.simulate(
                MARKET, TEMPLATES, FRICTIONLESS, 30, 500, 3, new ComputeBackend(ABSENT, true), warnings::add);
        assertThat(warnings).containsExactly("backend absent is not available (absent: no driver); running on the CPU");
        assertThat(s.backend()).isEqualTo("cpu");
        assertThat(s.matrix().scenarioCount()).isEqualTo(500);
    }
}
