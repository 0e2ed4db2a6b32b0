package io.vaultrisk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StressCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void stress_exampleVault_writesJsonAndSelfContainedHtmlReproducibly(@TempDir Path dir) throws Exception {
        Path scenarios = dir.resolve("mine.json");
        Files.writeString(
                scenarios,
                "{\"scenarios\":[{\"id\":\"eth-only\",\"name\":\"ETH -25%\",\"returns\":"
                        + "{\"ETH\":-0.25},\"volShock\":0.5}]}");
        Vaultrisk.Run a = Vaultrisk.run(
                "stress",
                "--book",
                "examples/books/eth-vault.json",
                "--scenarios",
                scenarios.toString(),
                "--paths",
                "5000",
                "--seed",
                "4",
                "--out",
                dir.resolve("a").toString());
        assertThat(a.exitCode()).as(a.stderr()).isZero();
        Vaultrisk.Run b = Vaultrisk.run(
                "stress",
                "--book",
                "examples/books/eth-vault.json",
                "--scenarios",
                scenarios.toString(),
                "--paths",
                "5000",
                "--seed",
                "4",
                "--out",
                dir.resolve("b").toString());
        assertThat(b.exitCode()).isZero();
        JsonNode ja = JSON.readTree(dir.resolve("a/stress.json").toFile());
        JsonNode jb = JSON.readTree(dir.resolve("b/stress.json").toFile());
        assertThat(ja.at("/riskMatrix/pnl")).hasSize(11);
        assertThat(ja.at("/riskMatrix/pnl/0")).hasSize(6);
        assertThat(ja.get("scenarios")).hasSize(5);
        assertThat(ja.at("/scenarios/0/sources/0/url").asText()).startsWith("https://");
        assertThat(ja.at("/scenarios/4/proxied/0").asText()).isEqualTo("BTC");
        // BTC, not named by the ETH-only scenario, moves by its beta to ETH (the worse side of a ±2 sd band)
        assertThat(ja.at("/scenarios/4/proxyReturns/BTC").isNumber()).isTrue();
        // per-underlying vol-scaled shocks: 9 joint rows and 8 spread rows of the correlated BTC/ETH pair
        assertThat(ja.at("/volScaledMatrix/moves")).hasSize(17);
        assertThat(ja.at("/simulation/horizons/0/pnlExplain/mean/total").isNumber())
                .isTrue();
        assertThat(ja.at("/scenarios")).isEqualTo(jb.at("/scenarios"));
        assertThat(ja.at("/simulation/levels")).isEqualTo(jb.at("/simulation/levels"));
        String html = Files.readString(dir.resolve("a/stress.html"));
        assertThat(html)
                .startsWith("<!DOCTYPE html>")
                .contains("<svg")
                .contains("stress heatmap")
                .contains("P&amp;L histogram")
                .doesNotContain("<script src")
                .doesNotContain("<link");
        assertThat(a.stdout()).contains("Black Thursday").contains("wrote");
    }

    @Test
    void stress_missingOut_namesTheFlag() {
        Vaultrisk.Run run = Vaultrisk.run("stress", "--book", "examples/books/eth-vault.json");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderrLines()).hasSize(1);
        assertThat(run.stderrLines().get(0)).contains("--out");
    }
}
