package io.vaultrisk.allocator.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultrisk.allocator.ScenarioMatrix;
import io.vaultrisk.kernels.BackendException;
import io.vaultrisk.kernels.Backends;
import io.vaultrisk.kernels.EuropeanRun;
import io.vaultrisk.kernels.EuropeanTask;
import io.vaultrisk.kernels.PathBackend;
import io.vaultrisk.kernels.ProgressSink;
import io.vaultrisk.montecarlo.book.MarketData;
import io.vaultrisk.montecarlo.book.MarketJump;
import io.vaultrisk.montecarlo.book.Underlying;
import io.vaultrisk.montecarlo.book.VolDynamics;
import io.vaultrisk.montecarlo.compute.ComputeBackend;
import io.vaultrisk.montecarlo.model.HestonModel;
import io.vaultrisk.montecarlo.model.MertonModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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

    /** The book's market with every dynamics: Merton ETH with vol dynamics, Heston BTC, a market-wide jump. */
    private static final MarketData DYNAMIC = new MarketData(
            0.0,
            List.of(
                    new Underlying("BTC", 90_000, 0.5, 0.1, HestonModel.of(0.25, 3, 0.3, 0.8, -0.6), null, null),
                    new Underlying(
                            "ETH",
                            3_000,
                            0.6,
                            0.2,
                            MertonModel.of(0.6, 12, -0.04, 0.08),
                            null,
                            VolDynamics.of(1.5, 4, -0.5))),
            new double[][] {{1, 0.8}, {0.8, 1}},
            new MarketJump(3, new double[] {-0.03, -0.05}, new double[] {0.04, 0.05}));

    /** Double-precision backends on the class path that can run the strategies' paths of the dynamic market. */
    static Stream<PathBackend> backends() {
        return Backends.all().stream()
                .filter(PathBackend::isAvailable)
                .filter(b -> !b.id().endsWith("-float"))
                .filter(b -> !b.id().equals("cpu"))
                .filter(b -> b.unsupported(StrategySimulator.paths(DYNAMIC, 30, 1, 3))
                        .isEmpty());
    }

    /**
     * Every double backend that can run the paths (OpenCL on PoCL here) gives the CPU's strategy scenarios on the
     * book's market with jumps, Heston and vol dynamics, margined perpetual hedges included: the paths are the same
     * bits (the kernels' agreement tests), so the returns agree to 1e-12 and the liquidations exactly.
     */
    @ParameterizedTest
    @MethodSource("backends")
    void simulate_dynamicMarketOnEveryBackend_matchesTheCpu(PathBackend backend) {
        StrategyAssumptions a = new StrategyAssumptions(
                0,
                0.005,
                24,
                HedgeInstrument.PERP,
                TradingCost.FREE,
                0.05,
                Double.NaN,
                DepegScenario.NONE,
                Map.of(),
                new StrategyAssumptions.PerpMargin(0.15, 0.05));
        StrategyScenarios cpu = StrategySimulator.DEFAULT.simulate(DYNAMIC, TEMPLATES_ETH, a, 30, 5000, 3);
        List<String> warnings = new ArrayList<>();
        StrategyScenarios dev = StrategySimulator.DEFAULT.simulate(
                DYNAMIC, TEMPLATES_ETH, a, 30, 5000, 3, new ComputeBackend(backend, false), warnings::add);
        assertThat(warnings).isEmpty();
        assertThat(dev.backend()).isEqualTo(backend.id());
        for (int p = 0; p < 5000; p++) {
            for (int j = 0; j < TEMPLATES_ETH.size(); j++) {
                double x = cpu.matrix().get(p, j);
                assertThat(dev.matrix().get(p, j))
                        .as("path %d, strategy %d", p, j)
                        .isCloseTo(x, org.assertj.core.api.Assertions.within(1e-12 * Math.max(1, Math.abs(x))));
            }
        }
        for (int j = 0; j < TEMPLATES_ETH.size(); j++) {
            // NaN (no margined hedge) equals NaN as a Double
            assertThat(Double.valueOf(dev.economics().get(j).hedgeLiquidated()))
                    .isEqualTo(Double.valueOf(cpu.economics().get(j).hedgeLiquidated()));
        }
    }

    private static final List<StrategyTemplate> TEMPLATES_ETH = List.of(
            new StrategyTemplate.Spot("BTC"),
            new StrategyTemplate.CoveredCall("ETH", 0.3, 7),
            new StrategyTemplate.DeltaHedgedShortCall("ETH", 0.5, 14, 0.05),
            new StrategyTemplate.DeltaHedgedShortCall("BTC", 0.4, 7, 0.1));
}
