package io.vaultrisk.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {
    private static BenchReport report() {
        BenchPlan plan = new BenchPlan(List.of("cpu", "opencl"), List.of(1_000L, 10_000L), 252, 0, 1, 1, 0, true);
        return new BenchReport(
                "2026-11-25T07:00:00Z",
                "2 cores",
                plan,
                "measured",
                List.of(
                        BenchPoint.of(BenchPoint.C_REFERENCE, "gcc", 1_000, 252, 0.010, Double.NaN),
                        BenchPoint.of("cpu", "cpu: 2 cores", 1_000, 252, 0.020, 0.001),
                        BenchPoint.of("opencl", "opencl: <PoCL> & co", 1_000, 252, 0.008, 0.0005),
                        BenchPoint.of(BenchPoint.C_REFERENCE, "gcc", 10_000, 252, 0.100, Double.NaN),
                        BenchPoint.of("cpu", "cpu: 2 cores", 10_000, 252, 0.150, 0.002)));
    }

    @Test
    void ratioToC_samePathCount_isTheThroughputQuotient() {
        BenchReport r = report();
        assertThat(r.points().get(0).stepsPerSecond()).isCloseTo(1_000 * 252 / 0.010, within(1e-3));
        assertThat(r.ratioToC(r.points().get(1)).getAsDouble()).isCloseTo(0.5, within(1e-12));
        assertThat(r.ratioToC(r.points().get(2)).getAsDouble()).isCloseTo(1.25, within(1e-12));
        assertThat(r.ratioToC(r.points().get(4)).getAsDouble()).isCloseTo(0.1 / 0.15, within(1e-12));
    }

    @Test
    void write_report_givesSelfContainedHtmlAndJson(@TempDir Path dir) throws Exception {
        List<Path> files = report().write(dir.resolve("bench-report.html"));
        String html = Files.readString(files.get(0)), json = Files.readString(files.get(1));
        assertThat(files.get(1).getFileName().toString()).isEqualTo("bench-report.json");
        assertThat(html)
                .contains("<svg", "<polyline", "(0.67× C)", "&lt;PoCL&gt; &amp; co")
                .doesNotContain("<script", "src=", "href=", "@import");
        assertThat(json)
                .contains(
                        "\"backend\": \"opencl\"",
                        "\"ratioToC\": 1.25000",
                        "\"error\": null",
                        "\"device\": \"opencl: <PoCL> & co\"");
    }

    @Test
    void write_withBookGpuAndTests_showsEverySection(@TempDir Path dir) throws Exception {
        BenchReport core = report();
        BenchPlan plan = new BenchPlan(List.of("cpu", "cuda"), List.of(1_000L), 252, 0, 1, 1, 0, false, 2_000, true);
        BenchPoint cuda = BenchPoint.of("cuda", "cuda: NVIDIA H200", 1_000_000, 252, 0.002, 0.0001);
        BenchReport r = new BenchReport(
                        core.timestamp(),
                        core.machine(),
                        plan,
                        "not requested",
                        List.of(cuda),
                        List.of(BenchPoint.of("cpu", "cpu: 2 cores", 2_000, 168, 0.5, 0.01)),
                        List.of(BenchPoint.of("cpu", "cpu: 2 cores", 2_000, 168, 4.0, Double.NaN)),
                        List.of("cuda: no kernel for correlated book paths"),
                        new GpuInfo("NVIDIA H200", "580.159.03", "143771 MiB"),
                        null)
                .withTests(new TestSummary("CUDA agreement tests", 3, 0, 1, List.of(), List.of("T.x(): <why>")));
        List<Path> files = r.write(dir.resolve("gpu-check-report.html"));
        String html = Files.readString(files.get(0)), json = Files.readString(files.get(1));
        // 1e6 x 252 / 0.002 = 1.26e11 path-steps/s; x 30 FP64 operations / 34e12 = 111.2% of the H200's FP64 peak
        double fraction = 1.26e11 * GpuInfo.FP64_OPS_PER_PATH_STEP / 34e12;
        assertThat(r.fractionOfFp64Peak(cuda).getAsDouble()).isCloseTo(fraction, within(1e-12));
        assertThat(html)
                .contains(
                        "NVIDIA H200 (driver 580.159.03",
                        String.format(java.util.Locale.ROOT, "%.1f%% of FP64 peak", 100 * fraction),
                        "Book workload",
                        "Whole nightly run",
                        "skipped cuda: no kernel for correlated book paths",
                        "CUDA agreement tests",
                        "3 run: 2 passed, 0 failed, 1 skipped",
                        "T.x(): &lt;why&gt;")
                .doesNotContain("<script");
        assertThat(json)
                .contains(
                        "\"name\": \"NVIDIA H200\"",
                        "\"fp64PeakTflops\": 34.0000",
                        "\"skipped\": [\"cuda: no kernel for correlated book paths\"]",
                        "\"passed\": 2",
                        "\"steps\": 168");
    }

    @Test
    void write_coreOnly_hasNoBookGpuOrTests(@TempDir Path dir) throws Exception {
        String json = Files.readString(report().write(dir.resolve("r.html")).get(1));
        assertThat(json).contains("\"gpu\": null", "\"book\": null", "\"tests\": null");
    }

    @Test
    void plan_badPathCount_namesTheField() {
        assertThatThrownBy(() -> new BenchPlan(List.of("cpu"), List.of(1L), 252, 0, 1, 1, 0, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("paths:");
    }
}
