package io.vaultrisk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PriceCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> BASE = List.of(
            "price",
            "--model",
            "gbm",
            "--spot",
            "100",
            "--strike",
            "100",
            "--expiry",
            "1",
            "--rate",
            "0",
            "--vol",
            "0.8",
            "--option",
            "call");

    private static String[] args(String... extra) {
        List<String> a = new ArrayList<>(BASE);
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    @Test
    void price_json_hasTheDocumentedShapeAndMatchesClosedForm() throws Exception {
        Vaultrisk.Run run = Vaultrisk.run(args("--paths", "200000", "--steps", "252", "--seed", "7", "--json"));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stderrLines()).isEmpty();
        JsonNode j = JSON.readTree(run.stdout());
        assertThat(j.get("model").asText()).isEqualTo("gbm");
        assertThat(j.get("backend").asText()).isEqualTo("cpu");
        assertThat(j.get("paths").asLong()).isEqualTo(200_000);
        assertThat(j.get("steps").asInt()).isEqualTo(252);
        assertThat(j.get("seed").asLong()).isEqualTo(7);
        // the engine's own timing, in milliseconds: inside the process's wall time (a unit slip would leave it)
        assertThat(j.get("elapsedMillis").asDouble()).isStrictlyBetween(0.0, (double) run.wallMillis());
        double price = j.get("price").asDouble(), se = j.get("stderr").asDouble();
        assertThat(j.at("/analytic/price").asDouble()).isCloseTo(31.08434832, within(1e-7));
        assertThat(price).isCloseTo(j.at("/analytic/price").asDouble(), within(4 * se));
        for (String g : List.of("delta", "gamma", "vega")) {
            JsonNode e = j.at("/greeks/" + g);
            assertThat(e.get("value").isNumber()).isTrue();
            assertThat(e.get("stderr").asDouble()).isPositive();
            assertThat(e.get("value").asDouble())
                    .as(g)
                    .isCloseTo(
                            j.at("/analytic/" + g).asDouble(),
                            within(4 * e.get("stderr").asDouble()));
        }
        assertThat(j.at("/analytic/delta").asDouble()).isCloseTo(0.65542174, within(1e-8));
    }

    @Test
    void price_hestonAndMerton_jsonCarriesSemiAnalyticPrice() throws Exception {
        Vaultrisk.Run heston = Vaultrisk.run(
                "price",
                "--model",
                "heston",
                "--spot",
                "100",
                "--strike",
                "110",
                "--expiry",
                "0.25",
                "--v0",
                "0.5",
                "--kappa",
                "2",
                "--theta",
                "0.5",
                "--xi",
                "1.5",
                "--rho",
                "-0.3",
                "--option",
                "call",
                "--paths",
                "40000",
                "--steps",
                "30",
                "--json");
        assertThat(heston.exitCode()).as(heston.stderr()).isZero();
        JsonNode h = JSON.readTree(heston.stdout());
        assertThat(h.get("model").asText()).isEqualTo("heston");
        assertThat(h.get("price").asDouble())
                .isCloseTo(
                        h.at("/analytic/price").asDouble(),
                        within(4 * h.get("stderr").asDouble() + 0.01));
        assertThat(h.at("/greeks/delta/stderr").asDouble()).isPositive();

        Vaultrisk.Run merton = Vaultrisk.run(
                "price",
                "--model",
                "merton",
                "--spot",
                "100",
                "--strike",
                "90",
                "--expiry",
                "0.5",
                "--vol",
                "0.6",
                "--jump-intensity",
                "4",
                "--jump-mean",
                "-0.08",
                "--jump-vol",
                "0.15",
                "--option",
                "put",
                "--paths",
                "40000",
                "--steps",
                "30",
                "--json");
        assertThat(merton.exitCode()).as(merton.stderr()).isZero();
        JsonNode m = JSON.readTree(merton.stdout());
        assertThat(m.get("price").asDouble())
                .isCloseTo(
                        m.at("/analytic/price").asDouble(),
                        within(4 * m.get("stderr").asDouble()));
        assertThat(m.at("/greeks/vega/value").asDouble())
                .isCloseTo(
                        m.at("/analytic/vega").asDouble(),
                        within(4 * m.at("/greeks/vega/stderr").asDouble()));
    }

    @Test
    void price_hestonWithoutItsParameters_namesTheMissingFlag() {
        Vaultrisk.Run run = Vaultrisk.run(
                "price",
                "--model",
                "heston",
                "--spot",
                "100",
                "--strike",
                "100",
                "--expiry",
                "1",
                "--option",
                "call",
                "--v0",
                "0.04");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderrLines()).hasSize(1);
        assertThat(run.stderrLines().get(0)).contains("--kappa");
    }

    /** Memory is O(1) in paths and steps: ten million paths fit in a 48 MB heap. */
    @Test
    void price_tenMillionPaths_runInATinyHeap() throws Exception {
        Vaultrisk.Run run = Vaultrisk.run(
                Map.of("VAULTRISK_JAVA_OPTS", "-Xmx48m"), args("--paths", "10000000", "--steps", "2", "--json"));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode j = JSON.readTree(run.stdout());
        assertThat(j.get("paths").asLong()).isEqualTo(10_000_000L);
        assertThat(j.get("price").asDouble())
                .isCloseTo(
                        j.at("/analytic/price").asDouble(),
                        within(4 * j.get("stderr").asDouble()));
    }

    @Test
    void price_human_printsTableWithIntervalClosedFormAndTime() {
        Vaultrisk.Run run = Vaultrisk.run(args("--paths", "20000", "--steps", "12", "--inverse", "--antithetic"));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout())
                .contains(
                        "inverse",
                        "95% interval",
                        "closed form",
                        "price",
                        "delta",
                        "gamma",
                        "vega",
                        "rho",
                        "theta",
                        "ms");
    }

    @Test
    void price_longRunOnATerminal_showsProgressOnStderr() {
        Vaultrisk.Run run = Vaultrisk.run(
                Map.of("VAULTRISK_PROGRESS", "1"), args("--paths", "3000000", "--steps", "252", "--threads", "1"));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stderr()).contains("simulating [").contains("%");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "--vol=-0.2|--vol",
                "--expiry=0|--expiry",
                "--spot=abc|--spot",
                "--option=straddle|--option",
                "--model=sabr|--model",
                "--paths=0|--paths",
                "--steps=-3|--steps",
                "--greeks=magic|--greeks",
                "--backend=tpu|--backend"
            })
    void price_badInput_exitsTwoWithOneLineNamingTheFlag(String bad, String flag) {
        List<String> a = new ArrayList<>(BASE);
        String name = bad.substring(0, bad.indexOf('='));
        int i = a.indexOf(name);
        if (i >= 0) {
            a.remove(i + 1);
            a.remove(i);
        }
        a.add(bad);
        Vaultrisk.Run run = Vaultrisk.run(a.toArray(String[]::new));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderrLines()).hasSize(1);
        assertThat(run.stderrLines().get(0))
                .contains(flag)
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
        assertThat(run.stdout()).isEmpty();
    }

    /**
     * The C speed reference that the bench module ships (bench's CReference compiles it for speed runs) draws the same
     * Philox stream with key (12345, 67890): with that seed our price must equal its price to the 5 decimals it
     * prints. Compiled here without -ffast-math, so that the C arithmetic is the IEEE one the comparison assumes.
     */
    @Test
    void price_sameSeedAsCReference_samePaths() throws Exception {
        Path source = Vaultrisk.ROOT.resolve("bench/src/main/resources/io/vaultrisk/bench/gbm_limit_simd.c");
        assertThat(source).as("the C reference bench ships").isRegularFile();
        Path binary = Files.createTempDirectory("cref").resolve("gbm");
        Process cc = new ProcessBuilder("gcc", "-O2", "-fopenmp", source.toString(), "-o", binary.toString(), "-lm")
                .redirectErrorStream(true)
                .start();
        assumeTrue(cc.waitFor(120, TimeUnit.SECONDS) && cc.exitValue() == 0, "gcc cannot build the C reference");
        Process c = new ProcessBuilder(binary.toString(), "64000", "252")
                .redirectErrorStream(true)
                .start();
        String out = new String(c.getInputStream().readAllBytes());
        c.waitFor();
        Matcher m = Pattern.compile("price=([0-9.]+)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        long seed = (67890L << 32) | 12345L;
        Vaultrisk.Run run =
                Vaultrisk.run(args("--paths", "64000", "--steps", "252", "--seed", Long.toString(seed), "--json"));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(JSON.readTree(run.stdout()).get("price").asDouble())
                .isCloseTo(Double.parseDouble(m.group(1)), within(5.1e-6));
    }
}
