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
    void plan_badPathCount_namesTheField() {
        assertThatThrownBy(() -> new BenchPlan(List.of("cpu"), List.of(1L), 252, 0, 1, 1, 0, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("paths:");
    }
}
