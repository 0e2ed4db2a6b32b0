package io.vaultrisk.montecarlo.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vaultrisk.kernels.BackendException;
import io.vaultrisk.kernels.Backends;
import io.vaultrisk.kernels.PathBackend;
import io.vaultrisk.kernels.ProgressSink;
import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.compute.ComputeBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Book risk through the {@link PathBackend} SPI: every backend on the class path that can run the book agrees with
 * the CPU, chunking does not change a bit, and a device that is absent or fails mid-run leaves no partial result.
 */
class PathBackendRiskTest {
    private static final Book BOOK = BackendBooks.mixed();
    private static final long PATHS = 10_003; // three chunks of 4,096, the last one short

    /**
     * The CPU kernel's Box–Muller uses the Vector API's LOG and COS, whose interpreted fallbacks differ from the
     * compiled SVML ones in the last bit: compile it before comparing bits.
     */
    @BeforeAll
    static void warmUp() {
        BookSimulator.run(new SimulationPlan(BOOK, BackendBooks.settings(30_000)), 0, ProgressSink.NONE);
    }

    /** Double-precision backends that can run the book: held to the CPU at 1e-12. */
    static Stream<PathBackend> backends() {
        return available().filter(b -> !isFloat(b));
    }

    /** Float backends (opencl-float, cuda-float) step paths in float: held to the CPU path by path at 2e-3. */
    static Stream<PathBackend> floatBackends() {
        return available().filter(PathBackendRiskTest::isFloat);
    }

    private static Stream<PathBackend> available() {
        SimulationPlan plan = new SimulationPlan(BOOK, BackendBooks.settings(PATHS));
        return Backends.all().stream()
                .filter(PathBackend::isAvailable)
                .filter(b -> b.unsupported(plan.paths).isEmpty());
    }

    private static boolean isFloat(PathBackend b) {
        return b.id().endsWith("-float");
    }

    @ParameterizedTest
    @MethodSource("floatBackends")
    void run_floatBackend_observationsWithinFloatPrecisionOfTheCpu(PathBackend backend) {
        SimulationPlan plan = new SimulationPlan(BOOK, BackendBooks.settings(PATHS));
        BookSimulator.Output cpu = BookSimulator.run(plan, ComputeBackend.CPU, 4096, 0, ProgressSink.NONE, w -> {});
        BookSimulator.Output dev =
                BookSimulator.run(plan, new ComputeBackend(backend, false), 4096, 0, ProgressSink.NONE, w -> {});
        assertThat(dev.backend()).isEqualTo(backend.id());
        for (int o = 0; o < cpu.obs().length; o++) {
            for (int i = 0; i < cpu.obs()[o].length; i++) {
                double expected = cpu.obs()[o][i];
                assertThat(dev.obs()[o][i])
                        .as("observation %d, path %d", o, i)
                        .isCloseTo(expected, within(2e-3 * Math.abs(expected)));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void run_everyAvailableBackend_matchesCpuPerPathAndInTheRiskFigures(PathBackend backend) {
        RiskSettings settings = BackendBooks.settings(PATHS);
        SimulationPlan plan = new SimulationPlan(BOOK, settings);
        ComputeBackend strict = new ComputeBackend(backend, false);
        BookSimulator.Output cpu = BookSimulator.run(plan, ComputeBackend.CPU, 4096, 0, ProgressSink.NONE, w -> {});
        List<String> warnings = new ArrayList<>();
        BookSimulator.Output dev = BookSimulator.run(plan, strict, 4096, 0, ProgressSink.NONE, warnings::add);
        assertThat(warnings).isEmpty();
        assertThat(dev.backend()).isEqualTo(backend.id());
        for (int o = 0; o < cpu.obs().length; o++) {
            assertClose(dev.obs()[o], cpu.obs()[o], "observation " + o);
        }
        for (int h = 0; h < cpu.perpValue().length; h++) {
            assertClose(dev.perpValue()[h], cpu.perpValue()[h], "perpetuals' value at horizon " + h);
            assertClose(dev.fundingSum()[h], cpu.fundingSum()[h], "funding at horizon " + h);
        }

        RiskReport a = RiskEngine.DEFAULT.run(BOOK, settings, ProgressSink.NONE);
        RiskReport b = RiskEngine.on(strict).run(BOOK, settings, ProgressSink.NONE);
        assertThat(b.backend()).isEqualTo(backend.id());
        assertThat(b.device()).isEqualTo(backend.device());
        for (int h = 0; h < a.horizons().size(); h++) {
            for (int l = 0; l < a.horizons().get(h).levels().size(); l++) {
                RiskReport.LevelRisk x = a.horizons().get(h).levels().get(l),
                        y = b.horizons().get(h).levels().get(l);
                assertClose(y.measures().var(), x.measures().var(), "VaR");
                assertClose(y.measures().es(), x.measures().es(), "ES");
                for (int i = 0; i < x.contributions().size(); i++) {
                    assertClose(
                            y.contributions().get(i).var(),
                            x.contributions().get(i).var(),
                            "VaR contribution");
                    assertClose(
                            y.contributions().get(i).es(),
                            x.contributions().get(i).es(),
                            "ES contribution");
                }
            }
        }
        for (int p = 0; p < a.perpetuals().size(); p++) {
            for (int h = 0; h < a.horizons().size(); h++) {
                assertClose(
                        b.perpetuals().get(p).horizons().get(h).probability(),
                        a.perpetuals().get(p).horizons().get(h).probability(),
                        "P(liquidation)");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(LiquidationMonitoring.class)
    void run_chunksOf4096Or65536_giveTheSameBits(LiquidationMonitoring monitoring) {
        SimulationPlan plan =
                new SimulationPlan(BOOK, BackendBooks.settings(PATHS).withLiquidationMonitoring(monitoring));
        BookSimulator.Output small = BookSimulator.run(plan, ComputeBackend.CPU, 4096, 0, ProgressSink.NONE, w -> {});
        BookSimulator.Output whole = BookSimulator.run(plan, ComputeBackend.CPU, 65_536, 1, ProgressSink.NONE, w -> {});
        for (int o = 0; o < whole.obs().length; o++) {
            assertThat(small.obs()[o]).containsExactly(whole.obs()[o]);
        }
        for (int h = 0; h < whole.perpValue().length; h++) {
            assertThat(small.perpValue()[h]).containsExactly(whole.perpValue()[h]);
            assertThat(small.fundingSum()[h]).containsExactly(whole.fundingSum()[h]);
            assertThat(small.liquidations()[h]).containsExactly(whole.liquidations()[h]);
            assertThat(whole.liquidations()[h])
                    .as("the book's perpetuals are liquidated on some paths")
                    .isNotEqualTo(new long[3]);
        }
    }

    @Test
    void run_perpetualsReplayedFromPathBlocks_matchTheKernelMonitorPathByPath() {
        SimulationPlan plan = new SimulationPlan(BOOK, BackendBooks.settings(PATHS));
        BookSimulator.Output out = BookSimulator.run(plan, 0, ProgressSink.NONE);
        int[] paths = {0, 1, 7, 8, 4095, 4096, 9000, 10_002};
        BookSimulator.PerPerp perp = BookSimulator.perPerpetual(plan, paths);
        for (int h = 0; h < plan.horizons(); h++) {
            for (int j = 0; j < paths.length; j++) {
                double v = 0;
                for (int p = 0; p < plan.perps.size(); p++) {
                    v += perp.value()[h][p][j];
                }
                assertThat(out.perpValue()[h][paths[j]])
                        .as("horizon %d path %d", h, paths[j])
                        .isEqualTo(v);
            }
        }
    }

    @Test
    void run_deviceFailsMidRun_restartsTheWholeRunOnTheCpuWithOneWarning() {
        SimulationPlan plan = new SimulationPlan(BOOK, BackendBooks.settings(PATHS));
        BookSimulator.Output cpu = BookSimulator.run(plan, ComputeBackend.CPU, 4096, 0, ProgressSink.NONE, w -> {});
        List<String> warnings = new ArrayList<>();
        // the failing device delivers a corrupted first chunk, then fails on the second
        BookSimulator.Output out = BookSimulator.run(
                plan,
                new ComputeBackend(BackendBooks.failingFrom(4096), true),
                4096,
                0,
                ProgressSink.NONE,
                warnings::add);
        assertThat(warnings)
                .containsExactly(
                        "backend failing failed (CL_OUT_OF_RESOURCES); running the whole run again on the CPU");
        assertThat(out.backend()).isEqualTo("cpu");
        for (int o = 0; o < cpu.obs().length; o++) {
            assertThat(out.obs()[o]).containsExactly(cpu.obs()[o]);
        }
        for (int h = 0; h < cpu.perpValue().length; h++) {
            assertThat(out.perpValue()[h]).containsExactly(cpu.perpValue()[h]);
            assertThat(out.liquidations()[h]).containsExactly(cpu.liquidations()[h]);
            assertThat(out.fundingSum()[h]).containsExactly(cpu.fundingSum()[h]);
        }
    }

    @Test
    void run_deviceFailsWithoutFallback_throwsAndReturnsNothing() {
        RiskEngine strict = RiskEngine.on(new ComputeBackend(BackendBooks.failingFrom(0), false));
        assertThatThrownBy(() -> strict.run(BOOK, BackendBooks.settings(PATHS), ProgressSink.NONE))
                .isInstanceOf(BackendException.class)
                .hasMessage("backend failing failed (CL_OUT_OF_RESOURCES)");
    }

    @Test
    void run_absentBackend_throwsWithoutFallbackAndRunsOnTheCpuWithOne() {
        RiskSettings settings = BackendBooks.settings(PATHS);
        assertThatThrownBy(() -> RiskEngine.on(new ComputeBackend(BackendBooks.absent(), false))
                        .run(BOOK, settings, ProgressSink.NONE))
                .isInstanceOf(BackendException.class)
                .hasMessage("backend absent is not available (absent: no driver)");
        RiskReport r = RiskEngine.on(BackendBooks.absent()).run(BOOK, settings, ProgressSink.NONE);
        RiskReport cpu = RiskEngine.DEFAULT.run(BOOK, settings, ProgressSink.NONE);
        assertThat(r.warnings())
                .containsOnlyOnce("backend absent is not available (absent: no driver); running on the CPU");
        assertThat(r.backend()).isEqualTo("cpu");
        assertThat(r.first().level(0.99).measures().es())
                .isEqualTo(cpu.first().level(0.99).measures().es());
        ObjectNode json = RiskReportJson.toJson(r);
        assertThat(json.get("backend").asText()).isEqualTo("cpu");
        assertThat(json.get("backendId").asText()).isEqualTo("cpu");
        assertThat(json.get("device").asText())
                .isEqualTo(ComputeBackend.CPU.backend().device());
    }

    private static void assertClose(double actual, double expected, String what) {
        assertThat(Math.abs(actual - expected))
                .as("%s: %s against the CPU's %s", what, actual, expected)
                .isLessThanOrEqualTo(1e-12 * Math.max(Math.abs(expected), 1e-300));
    }

    private static void assertClose(double[] actual, double[] expected, String what) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertClose(actual[i], expected[i], what + ", path " + i);
        }
    }
}
