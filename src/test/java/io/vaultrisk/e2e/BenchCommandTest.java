package io.vaultrisk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void bench_smallRun_writesHtmlAndJsonWithAPointPerBackendAndPathCount(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("bench-report.html");
        Vaultrisk.Run run = Vaultrisk.run(
                java.util.Map.of("VAULTRISK_JAVA_OPTS", "-Djmh.ignoreLock=true"),
                "bench",
                "--backends",
                "cpu,opencl",
                "--paths",
                "2000,4000",
                "--steps",
                "8",
                "--warmup",
                "0",
                "--iterations",
                "1",
                "--forks",
                "0",
                "--no-c-reference",
                "--book-paths",
                "2000",
                "--no-nightly",
                "--out",
                out.toString(),
                "--json");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stderr()).contains("[1/", "cpu, 2,000 paths x 8 steps", "wrote " + out);
        JsonNode j = JSON.readTree(run.stdout());
        assertThat(JSON.readTree(Files.readString(dir.resolve("bench-report.json"))))
                .isEqualTo(j);
        int backends = run.stderr().contains("skip opencl") ? 1 : 2;
        assertThat(j.get("points")).hasSize(2 * backends);
        for (JsonNode p : j.get("points")) {
            // the JSON keeps 6 significant digits
            double expected =
                    p.get("paths").asLong() * 8 / p.get("secondsPerRun").asDouble();
            assertThat(p.get("stepsPerSecond").asDouble()).isCloseTo(expected, within(1e-5 * expected));
        }
        // the book section: every backend measured on the nightly book's paths or skipped with its reason
        JsonNode book = j.get("book");
        assertThat(book.get("paths").size() + book.get("skipped").size()).isEqualTo(backends);
        assertThat(book.get("paths").get(0).get("backend").asText()).isEqualTo("cpu");
        for (JsonNode p : book.get("paths")) {
            assertThat(p.get("paths").asLong()).isEqualTo(2000);
            assertThat(p.get("steps").asInt()).isEqualTo(168);
        }
        assertThat(book.get("nightly")).isEmpty();
        assertThat(Files.readString(out))
                .startsWith("<!DOCTYPE html>")
                .contains("<svg", "Scaling with paths", "Book workload");
    }

    @Test
    void bench_unknownBackend_exitsTwoWithOneLineNamingTheFlag() {
        Vaultrisk.Run run = Vaultrisk.run("bench", "--backends", "cpu,tornado");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderrLines())
                .singleElement()
                .asString()
                .contains("--backends")
                .contains("tornado");
    }

    @Test
    void bench_bookPathsOfOne_exitsTwoWithOneLineNamingTheFlag() {
        Vaultrisk.Run run = Vaultrisk.run("bench", "--book-paths", "1");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderrLines())
                .singleElement()
                .asString()
                .contains("--book-paths")
                .contains("got 1");
    }
}
