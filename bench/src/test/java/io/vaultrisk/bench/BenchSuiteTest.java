package io.vaultrisk.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultrisk.kernels.Estimator;
import io.vaultrisk.kernels.ProgressSink;
import io.vaultrisk.kernels.cpu.CpuBackend;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class BenchSuiteTest {

    @Test
    void run_smallPlan_measuresEveryConfigurationThroughJmh() {
        BenchPlan plan = new BenchPlan(List.of("cpu"), List.of(2_000L), 16, 0, 1, 1, 0, true);
        List<String> progress = new ArrayList<>();
        BenchReport report = BenchSuite.DEFAULT.run(plan, progress::add);
        BenchPoint cpu = report.points().stream()
                .filter(p -> p.backend().equals("cpu"))
                .findFirst()
                .orElseThrow();
        assertThat(cpu.paths()).isEqualTo(2_000);
        // a measured time per run, and a throughput no CPU reaches would mean the work was not done (1e12 steps/s)
        assertThat(cpu.secondsPerRun()).isPositive();
        assertThat(cpu.stepsPerSecond()).isBetween(1e3, 1e12);
        assertThat(progress).anySatisfy(line -> assertThat(line).contains("cpu, 2,000 paths x 16 steps"));
        if (report.cReference().equals("measured")) {
            assertThat(report.ratioToC(cpu)).isPresent();
        }
    }

    @Test
    void run_bookSection_measuresTheBookPathsOnEveryBackend() {
        BenchPlan plan = new BenchPlan(List.of("cpu"), List.of(2_000L), 16, 0, 1, 1, 0, false, 2_000, false);
        List<String> progress = new ArrayList<>();
        BenchReport report = BenchSuite.DEFAULT.run(plan, progress::add);
        assertThat(report.bookPaths()).singleElement().satisfies(p -> {
            assertThat(p.backend()).isEqualTo("cpu");
            assertThat(p.paths()).isEqualTo(2_000);
            assertThat(p.steps()).isEqualTo(168);
            assertThat(p.stepsPerSecond()).isBetween(1e3, 1e12);
        });
        assertThat(report.nightly()).isEmpty();
        assertThat(progress)
                .anySatisfy(line -> assertThat(line).contains("cpu, nightly book paths, 2,000 paths x 168 steps"));
    }

    @Test
    @Tag("slow")
    void run_nightly_timesTheWholeNightlyRunOnTheCpu() {
        // ~30 s on 2 cores: the 1,000-position book's value grids dominate at this path count
        BenchPlan plan = new BenchPlan(List.of("cpu"), List.of(2_000L), 16, 0, 1, 1, 0, false, 2_000, true);
        List<String> progress = new ArrayList<>();
        BenchReport report = BenchSuite.DEFAULT.run(plan, progress::add);
        assertThat(report.nightly()).singleElement().satisfies(p -> {
            assertThat(p.backend()).isEqualTo("cpu");
            assertThat(p.paths()).isEqualTo(2_000);
            // a whole run of 1,000 positions cannot take under a millisecond, nor should 2,000 paths take minutes
            assertThat(p.secondsPerRun()).isBetween(1e-3, 300.0);
        });
        assertThat(progress).anySatisfy(line -> assertThat(line).contains("whole nightly run"));
    }

    @Test
    void coreWorkload_isTheReferenceWorkloadAndPricesNearBlackScholes() {
        // S = K = 100, vol 0.8, T = 1, r = 0: Black–Scholes 31.084; the C reference prints 31.13267 for 2e6 paths
        var sums = new CpuBackend()
                .simulateEuropean(KernelBenchmark.coreWorkload(20_000, 252), ProgressSink.NONE)
                .estimates()
                .get(0);
        double se = Math.sqrt(sums.variance(Estimator.PRICE) / sums.count());
        assertThat(Math.abs(sums.mean(Estimator.PRICE) - 31.0843)).isLessThan(4 * se);
    }
}
