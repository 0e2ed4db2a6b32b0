package io.vaultrisk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vaultrisk.kernels.cuda.CudaBackend;
import io.vaultrisk.kernels.opencl.OpenClBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --backend} and {@code --fallback} on the commands that simulate books: the JSON names what ran the paths, a
 * backend asked for by name that is absent is exit 2 with one line unless {@code --fallback cpu}, and a device that
 * runs the book gives the CPU's figures.
 */
class BookBackendCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> RISK = List.of(
            "risk",
            "--book",
            "examples/books/eth-vault.json",
            "--horizon-days",
            "1,7",
            "--confidence",
            "0.9,0.95",
            "--paths",
            "8000",
            "--seed",
            "5",
            "--json");

    private static Vaultrisk.Run risk(String... extra) {
        List<String> args = new ArrayList<>(RISK);
        args.addAll(List.of(extra));
        return Vaultrisk.run(args.toArray(String[]::new));
    }

    @Test
    void risk_backendOpencl_namesWhatRanThePathsAndGivesTheCpuFigures() throws Exception {
        assumeTrue(
                new OpenClBackend().isAvailable(),
                "skipped: OpenCL unavailable (" + new OpenClBackend().device() + ")");
        Vaultrisk.Run cpuRun = risk("--backend", "cpu"), run = risk("--backend", "opencl");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode cpu = JSON.readTree(cpuRun.stdout()), j = JSON.readTree(run.stdout());
        assertThat(cpu.get("backend").asText()).isEqualTo("cpu");
        assertThat(cpu.get("device").asText()).startsWith("cpu: ");
        if (j.get("backendId").asText().equals("opencl")) {
            // the OpenCL book kernel: no warning, the device named as price names it
            assertThat(j.get("device").asText()).startsWith("opencl: ");
            assertThat(j.get("backend").asText()).isEqualTo(j.get("device").asText());
            assertThat(j.get("warnings")).isEmpty();
        } else {
            // a device without a kernel for book paths: the CPU runs them and says so once
            assertThat(j.get("backendId").asText()).isEqualTo("cpu");
            assertThat(j.get("backend").asText()).isEqualTo("cpu");
            assertThat(j.get("device").asText()).isEqualTo(cpu.get("device").asText());
            assertThat(j.get("warnings")).hasSize(1);
            assertThat(j.get("warnings").get(0).asText()).contains("opencl").contains("running on the CPU");
            assertThat(run.stderrLines()).filteredOn(l -> l.contains("warning")).hasSize(1);
        }
        for (String level : List.of("0.9", "0.95")) {
            for (String m : List.of("var", "es")) {
                double c = cpu.at("/levels/" + level + "/" + m).asDouble();
                assertThat(Math.abs(j.at("/levels/" + level + "/" + m).asDouble() - c))
                        .as(level + " " + m)
                        .isLessThanOrEqualTo(1e-12 * Math.abs(c));
            }
        }
    }

    @Test
    void risk_backendCudaWithoutCuda_exitsTwoWithOneLineAndRunsOnTheCpuWithFallback() throws Exception {
        assumeFalse(new CudaBackend().isAvailable(), "skipped: CUDA is present on this machine");
        Vaultrisk.Run refused = risk("--backend", "cuda");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.stdout()).isEmpty();
        assertThat(refused.stderrLines()).hasSize(1);
        assertThat(refused.stderrLines().get(0))
                .contains("--backend")
                .contains("cuda is not available")
                .contains("--fallback cpu");

        Vaultrisk.Run run = risk("--backend", "cuda", "--fallback", "cpu");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode j = JSON.readTree(run.stdout());
        assertThat(j.get("backend").asText()).isEqualTo("cpu");
        assertThat(j.get("backendId").asText()).isEqualTo("cpu");
        assertThat(j.get("device").asText()).startsWith("cpu: ");
        assertThat(run.stderrLines()).hasSize(1);
        assertThat(run.stderrLines().get(0))
                .contains("warning")
                .contains("cuda")
                .contains("running on the CPU");
    }

    @Test
    void risk_fallbackOtherThanCpu_exitsTwoNamingTheFlag() {
        Vaultrisk.Run run = risk("--backend", "cuda", "--fallback", "opencl");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderrLines()).hasSize(1);
        assertThat(run.stderrLines().get(0)).contains("--fallback");
    }

    @Test
    void stressAndAllocate_backendCudaWithFallback_nameTheCpuInTheirJson(@TempDir Path dir) throws Exception {
        assumeFalse(new CudaBackend().isAvailable(), "skipped: CUDA is present on this machine");
        Vaultrisk.Run stress = Vaultrisk.run(
                "stress",
                "--book",
                "examples/books/eth-vault.json",
                "--paths",
                "4000",
                "--no-historical",
                "--backend",
                "cuda",
                "--fallback",
                "cpu",
                "--out",
                dir.toString());
        assertThat(stress.exitCode()).as(stress.stderr()).isZero();
        JsonNode s = JSON.readTree(Files.readString(dir.resolve("stress.json")));
        assertThat(s.get("backendId").asText()).isEqualTo("cpu");
        assertThat(s.get("device").asText()).startsWith("cpu: ");
        assertThat(stress.stderrLines()).filteredOn(l -> l.contains("cuda")).hasSize(1);

        Vaultrisk.Run allocate = Vaultrisk.run(
                "allocate",
                "--book",
                "examples/books/eth-vault.json",
                "--objective",
                "min-cvar",
                "--target-return",
                "0.003",
                "--paths",
                "2000",
                "--backend",
                "cuda",
                "--fallback",
                "cpu",
                "--json");
        assertThat(allocate.exitCode()).as(allocate.stderr()).isZero();
        JsonNode a = JSON.readTree(allocate.stdout());
        assertThat(a.get("backendId").asText()).isEqualTo("cpu");
        assertThat(a.get("device").asText()).startsWith("cpu: ");

        Vaultrisk.Run refused = Vaultrisk.run(
                "allocate",
                "--book",
                "examples/books/eth-vault.json",
                "--objective",
                "min-cvar",
                "--target-return",
                "0.003",
                "--paths",
                "2000",
                "--backend",
                "cuda");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.stderrLines()).hasSize(1);
        assertThat(refused.stderrLines().get(0)).contains("--backend").contains("cuda");
    }
}
