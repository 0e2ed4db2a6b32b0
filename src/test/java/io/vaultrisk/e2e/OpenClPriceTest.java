package io.vaultrisk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vaultrisk.kernels.opencl.OpenClBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenClPriceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ARGS = List.of(
            "price",
            "--spot",
            "100",
            "--strike",
            "110",
            "--expiry",
            "0.5",
            "--rate",
            "0.02",
            "--vol",
            "0.8",
            "--option",
            "put",
            "--paths",
            "30000",
            "--steps",
            "50",
            "--seed",
            "11",
            "--antithetic",
            "--json");

    private static JsonNode price(Map<String, String> env, String backend) throws Exception {
        List<String> args = new java.util.ArrayList<>(ARGS);
        args.addAll(List.of("--backend", backend));
        Vaultrisk.Run run = Vaultrisk.run(env, args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        return JSON.readTree(run.stdout());
    }

    @Test
    void price_openclBackend_givesTheCpuPriceAndGreeksForTheSameSeed() throws Exception {
        if (!new OpenClBackend().isAvailable()) {
            if ("1".equals(System.getenv("VAULTRISK_REQUIRE_OPENCL"))) {
                fail("VAULTRISK_REQUIRE_OPENCL=1 but OpenCL is unavailable: " + new OpenClBackend().device());
            }
            assumeTrue(false, "skipped: OpenCL unavailable (" + new OpenClBackend().device() + ")");
        }
        JsonNode cpu = price(Map.of(), "cpu"), gpu = price(Map.of(), "opencl");
        assertThat(gpu.get("device").asText()).startsWith("opencl: ");
        assertThat(gpu.get("warnings")).isEmpty();
        assertThat(gpu.get("price").asDouble())
                .isCloseTo(
                        cpu.get("price").asDouble(),
                        within(1e-12 * Math.abs(cpu.get("price").asDouble())));
        for (String g : List.of("delta", "gamma", "vega", "rho", "theta")) {
            double c = cpu.at("/greeks/" + g + "/value").asDouble();
            assertThat(gpu.at("/greeks/" + g + "/value").asDouble()).as(g).isCloseTo(c, within(1e-12 * Math.abs(c)));
        }
    }

    @Test
    void price_openclWithoutAnyPlatform_fallsBackToTheCpuWithOneWarning(@TempDir Path noVendors) throws Exception {
        Files.createDirectories(noVendors);
        // the ICD loader finds no platform when its vendor directory is empty: the same as a machine without OpenCL
        JsonNode j = price(Map.of("OCL_ICD_VENDORS", noVendors.toString()), "opencl");
        assertThat(j.get("device").asText()).startsWith("cpu:");
        assertThat(j.get("warnings")).hasSize(1);
        assertThat(j.get("warnings").get(0).asText()).contains("opencl").contains("CPU");
        assertThat(j.get("price").asDouble())
                .isCloseTo(price(Map.of(), "cpu").get("price").asDouble(), within(0.0));
    }
}
