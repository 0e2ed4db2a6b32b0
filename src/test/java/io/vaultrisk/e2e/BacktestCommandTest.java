package io.vaultrisk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vaultrisk vol} and {@code vaultrisk backtest} on a GBM history made here (test data, not market data). */
class BacktestCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static Path history;
    static Path book;

    @BeforeAll
    static void files() throws Exception {
        Random rng = new Random(5);
        StringBuilder csv = new StringBuilder("date,BTC,ETH\n");
        double b = 30000, e = 1000;
        LocalDate d = LocalDate.of(2021, 1, 1);
        for (int t = 0; t < 260; t++) {
            csv.append(d.plusDays(t))
                    .append(',')
                    .append(b)
                    .append(',')
                    .append(e)
                    .append('\n');
            double z1 = rng.nextGaussian(), z2 = 0.8 * z1 + 0.6 * rng.nextGaussian();
            b *= Math.exp(0.6 / Math.sqrt(365) * z1);
            e *= Math.exp(0.8 / Math.sqrt(365) * z2);
        }
        history = dir.resolve("h.csv");
        Files.writeString(history, csv);
        book = dir.resolve("b.json");
        Files.writeString(
                book,
                "{\"name\":\"bt\",\"asOf\":\"2021-05-01\",\"market\":{\"underlyings\":"
                        + "{\"BTC\":{\"spot\":30000,\"vol\":0.6},\"ETH\":{\"spot\":1000,\"vol\":0.8}},"
                        + "\"correlations\":{\"BTC/ETH\":0.8}},\"positions\":["
                        + "{\"id\":\"eth\",\"type\":\"spot\",\"underlying\":\"ETH\",\"quantity\":100},"
                        + "{\"id\":\"cc\",\"type\":\"option\",\"underlying\":\"ETH\",\"optionType\":\"call\","
                        + "\"strike\":1100,\"expiry\":\"2021-05-08\",\"settlement\":\"inverse\",\"quantity\":-50}]}");
    }

    @Test
    void backtest_json_hasCountsTestsTrafficLightAndDailySeries() throws Exception {
        Path html = dir.resolve("bt.html");
        Vaultrisk.Run run = Vaultrisk.run(
                "backtest",
                "--book",
                book.toString(),
                "--history",
                history.toString(),
                "--confidence",
                "0.95",
                "--vol-model",
                "ewma",
                "--paths",
                "2000",
                "--steps-per-day",
                "1",
                "--days",
                "60",
                "--html",
                html.toString(),
                "--json");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode j = JSON.readTree(run.stdout());
        assertThat(j.get("observations").asInt()).isEqualTo(60);
        JsonNode days = j.get("days");
        assertThat(days).hasSize(60);
        int exceptions = 0;
        for (JsonNode d : days) {
            boolean hit = -d.get("pnl").asDouble() > d.get("var").asDouble();
            assertThat(d.get("exception").asBoolean()).isEqualTo(hit);
            assertThat(d.get("var").asDouble()).isPositive();
            exceptions += hit ? 1 : 0;
        }
        assertThat(j.get("exceptions").asInt()).isEqualTo(exceptions);
        assertThat(j.get("exceptionRate").asDouble()).isCloseTo(exceptions / 60.0, within(1e-12));
        assertThat(j.at("/kupiec/pValue").asDouble()).isBetween(0.0, 1.0);
        assertThat(j.at("/christoffersen/statistic").asDouble()).isGreaterThanOrEqualTo(0);
        assertThat(j.get("trafficLight").asText()).isIn("green", "yellow", "red");
        assertThat(j.get("start").asText()).isEqualTo("2021-05-01");
        assertThat(Files.readString(html)).contains("<svg").contains("Kupiec");
    }

    @Test
    void vol_json_hasEveryModelPerUnderlying() throws Exception {
        Vaultrisk.Run run = Vaultrisk.run("vol", "--history", history.toString(), "--json");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode j = JSON.readTree(run.stdout());
        assertThat(j.get("underlyings")).hasSize(2);
        for (JsonNode u : j.get("underlyings")) {
            for (String m : new String[] {"ewma", "garch", "har"}) {
                assertThat(u.at("/models/" + m + "/qlike").isNumber()).isTrue();
                assertThat(u.at("/models/" + m + "/forecastVol").asDouble()).isBetween(0.2, 2.0);
            }
            assertThat(u.at("/garch/persistence").asDouble()).isLessThan(1);
        }
    }

    @Test
    void backtest_historyWithGap_exits2NamingHistoryAndLine() throws Exception {
        Path gap = dir.resolve("gap.csv");
        String text = Files.readString(history).replaceFirst("2021-02-10,[^\\n]*\\n", "");
        Files.writeString(gap, text);
        Vaultrisk.Run run = Vaultrisk.run("backtest", "--book", book.toString(), "--history", gap.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).startsWith("vaultrisk backtest: --history: ").contains("line 42: date: gap");
        assertThat(run.stderr().strip().lines()).hasSize(1);
    }

    @Test
    void backtest_nonPositivePrice_exits2() throws Exception {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "date,BTC,ETH\n2021-01-01,30000,1000\n2021-01-02,-3,1000\n");
        Vaultrisk.Run run = Vaultrisk.run("vol", "--history", bad.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("--history").contains("line 3: BTC: must be a positive price");
    }

    @Test
    void backtest_bookDateOutsideHistory_exits2NamingBook() throws Exception {
        Path late = dir.resolve("late.json");
        Files.writeString(late, Files.readString(book).replace("2021-05", "2024-05"));
        Vaultrisk.Run run = Vaultrisk.run("backtest", "--book", late.toString(), "--history", history.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).startsWith("vaultrisk backtest: --book: ").contains("outside the history");
    }

    @Test
    void backtest_backendCudaWithFallback_namesTheCpuThatRanTheDailySimulations() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(
                new io.vaultrisk.kernels.cuda.CudaBackend().isAvailable(), "skipped: CUDA is present on this machine");
        Vaultrisk.Run run = Vaultrisk.run(
                "backtest",
                "--book",
                book.toString(),
                "--history",
                history.toString(),
                "--paths",
                "1000",
                "--steps-per-day",
                "1",
                "--days",
                "5",
                "--backend",
                "cuda",
                "--fallback",
                "cpu",
                "--json");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode j = JSON.readTree(run.stdout());
        assertThat(j.get("backendId").asText()).isEqualTo("cpu");
        assertThat(j.get("device").asText()).startsWith("cpu: ");
        assertThat(j.get("notes").toString()).contains("backend cuda is not available");
        Vaultrisk.Run refused = Vaultrisk.run(
                "backtest", "--book", book.toString(), "--history", history.toString(), "--backend", "cuda");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.stderrLines()).hasSize(1);
        assertThat(refused.stderrLines().get(0)).contains("--backend");
    }
}
