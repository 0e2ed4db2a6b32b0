package io.vaultrisk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vaultrisk surface} on the shipped synthetic chain (examples/chains/btc-sample.json) and on bad files. */
class SurfaceCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHAIN = "examples/chains/btc-sample.json";

    @Test
    void surface_ssviJson_hasTheDocumentedShapeAndRecoversTheSyntheticSurface(@TempDir Path out) throws Exception {
        Vaultrisk.Run run =
                Vaultrisk.run("surface", "--chain", CHAIN, "--model", "ssvi", "--out", out.toString(), "--json");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stderrLines()).isEmpty();
        JsonNode j = JSON.readTree(run.stdout());
        assertThat(j.get("model").asText()).isEqualTo("ssvi");
        assertThat(j.at("/ssvi/eta").asDouble()).isCloseTo(0.85, within(0.08));
        assertThat(j.at("/ssvi/gamma").asDouble()).isCloseTo(0.45, within(0.05));
        JsonNode expiries = j.get("expiries");
        assertThat(expiries.size()).isEqualTo(10);
        double previousT = 0.0;
        for (JsonNode e : expiries) {
            assertThat(e.get("expiry").asText()).endsWith("T08:00:00Z");
            assertThat(e.get("T").asDouble()).isGreaterThan(previousT);
            previousT = e.get("T").asDouble();
            assertThat(e.get("forward").asDouble()).isBetween(62_000.0, 67_000.0);
            // the generator's ATM vol 0.60 - 0.15 exp(-T/0.15), to half a vol point through noise and ticks
            double atm = 0.60 - 0.15 * Math.exp(-previousT / 0.15);
            assertThat(Math.sqrt(e.at("/params/theta").asDouble() / previousT)).isCloseTo(atm, within(0.005));
            assertThat(e.at("/params/rho").asDouble()).isCloseTo(-0.22, within(0.03));
            assertThat(e.get("rmseVolPoints").asDouble()).isBetween(0.0, 1.0);
        }
        JsonNode points = j.get("points");
        assertThat(points.size()).isGreaterThan(200);
        for (JsonNode p : points) {
            assertThat(p.get("instrument").asText()).startsWith("BTC-");
            double k = p.get("k").asDouble();
            assertThat(k).isCloseTo(Math.log(p.get("strike").asDouble() / forwardOf(expiries, p)), within(1e-12));
            assertThat(p.get("marketVol").asDouble()).isBetween(0.3, 1.2);
            assertThat(p.get("fittedVol").asDouble())
                    .isCloseTo(p.get("marketVol").asDouble(), within(0.02));
            // a quote's year fraction is its expiry's
            assertThat(p.get("T").asDouble())
                    .isCloseTo(expiryOf(expiries, p).get("T").asDouble(), within(1e-12));
        }
        Map<String, String> skipped = new HashMap<>();
        j.get("skipped")
                .forEach(s -> skipped.put(
                        s.get("instrument").asText(), s.get("reason").asText()));
        assertThat(skipped.get("BTC-PERPETUAL")).contains("not an option name");
        assertThat(skipped.get("BTC-24NOV26-60000-C")).startsWith("expired");
        assertThat(skipped.get("BTC-25DEC26-64000-C")).startsWith("crossed market");
        assertThat(skipped.get("BTC-25DEC26-63000-P")).isEqualTo("missing field 'underlying_price'");
        assertThat(j.at("/arbitrage/butterfly").isArray()).isTrue();
        assertThat(j.at("/arbitrage/butterfly").size()).isZero();
        assertThat(j.at("/arbitrage/calendar").size()).isZero();
        Path html = Path.of(j.get("html").asText());
        assertThat(html).exists();
        String page = Files.readString(html);
        assertThat(page).contains("<svg").contains("Total implied variance").doesNotContain("<script");
    }

    @Test
    void surface_sviHuman_printsATableWithTheSkippedRows() {
        Vaultrisk.Run run = Vaultrisk.run("surface", "--chain", CHAIN, "--model", "svi");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout())
                .contains("SVI surface")
                .contains("2027-09-24")
                .contains("25d put")
                .contains("crossed market")
                .contains("arbitrage:");
    }

    @Test
    void surface_notJson_exitsTwoWithOneLine(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "<html>not a chain</html>");
        assertOneLineError(
                Vaultrisk.run("surface", "--chain", bad.toString(), "--model", "ssvi", "--json"), "not valid JSON");
    }

    @Test
    void surface_emptyFile_exitsTwoWithOneLine(@TempDir Path dir) throws Exception {
        Path empty = dir.resolve("empty.json");
        Files.writeString(empty, "");
        assertOneLineError(Vaultrisk.run("surface", "--chain", empty.toString(), "--json"), "is empty");
    }

    @Test
    void surface_onlyBadRows_exitsTwoSayingNothingToFit(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("futures.json");
        Files.writeString(
                f,
                "{\"result\":[{\"instrument_name\":\"BTC-PERPETUAL\",\"underlying_price\":62000,"
                        + "\"bid_price\":61990,\"ask_price\":62000,\"creation_timestamp\":1795586400000}]}");
        assertOneLineError(Vaultrisk.run("surface", "--chain", f.toString(), "--json"), "no expiry has enough");
    }

    @Test
    void surface_unknownModel_exitsTwoNamingTheFlag() {
        assertOneLineError(Vaultrisk.run("surface", "--chain", CHAIN, "--model", "sabr"), "--model");
    }

    private static void assertOneLineError(Vaultrisk.Run run, String text) {
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderrLines()).hasSize(1);
        assertThat(run.stderrLines().get(0))
                .contains(text)
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    private static double forwardOf(JsonNode expiries, JsonNode point) {
        return expiryOf(expiries, point).get("forward").asDouble();
    }

    private static JsonNode expiryOf(JsonNode expiries, JsonNode point) {
        for (JsonNode e : expiries) {
            if (e.get("expiry").asText().equals(point.get("expiry").asText())) {
                return e;
            }
        }
        throw new AssertionError("no expiry " + point.get("expiry"));
    }
}
