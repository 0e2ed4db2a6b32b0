package io.vaultrisk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RiskCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEAD = "{\"name\":\"b\",\"asOf\":\"2026-11-25\",\"market\":{\"underlyings\":"
            + "{\"BTC\":{\"spot\":91250,\"vol\":0.6},\"ETH\":{\"spot\":3000,\"vol\":0.8}},\"correlations\":{\"BTC/ETH\":0.8}},"
            + "\"positions\":[";

    @Test
    void risk_exampleVault_jsonHasLevelsIntervalsLiquidationsGreeksContributionsAndMargin() throws Exception {
        Vaultrisk.Run run = Vaultrisk.run(
                "risk",
                "--book",
                "examples/books/eth-vault.json",
                "--horizon-days",
                "1,7",
                "--confidence",
                "0.95,0.99",
                "--paths",
                "20000",
                "--seed",
                "7",
                "--json");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode j = JSON.readTree(run.stdout());
        for (String level : new String[] {"0.95", "0.99"}) {
            JsonNode l = j.at("/levels/" + level);
            double var = l.get("var").asDouble(), es = l.get("es").asDouble();
            assertThat(var).isPositive();
            assertThat(es).isGreaterThan(var);
            assertThat(l.at("/varCi/0").asDouble()).isLessThan(var);
            assertThat(l.at("/varCi/1").asDouble()).isGreaterThan(var);
            assertThat(l.at("/esCi/0").asDouble()).isLessThan(es);
            double sum = 0;
            for (JsonNode c : l.get("contributions")) {
                sum += c.get("es").asDouble();
            }
            assertThat(sum).isCloseTo(es, within(1e-6 * es));
        }
        assertThat(j.get("horizons")).hasSize(2);
        assertThat(j.at("/horizons/0/levels/0.99/var").asDouble())
                .isEqualTo(j.at("/levels/0.99/var").asDouble());
        assertThat(j.at("/horizons/1/levels/0.99/var").asDouble())
                .isGreaterThan(j.at("/levels/0.99/var").asDouble());
        assertThat(j.at("/pnl/histogram/counts")).hasSize(60);
        assertThat(j.at("/pnl/quantiles/0.5").isNumber()).isTrue();
        assertThat(j.at("/liquidations/0/id").asText()).isEqualTo("eth-perp-hedge");
        // an isolated short linear perpetual (size q < 0, entry E, margin M, maintenance rate m) is liquidated when its
        // equity M + q(S - E) falls to the maintenance margin m|q|S: S* = (M + |q|E) / (|q|(1 + m)); for the book's
        // -30 ETH at 3,000 with 12,000 margin and m = 0.5 %: 102,000 / 30.15 = 3,383.08
        JsonNode perp = JSON.readTree(
                        Vaultrisk.ROOT.resolve("examples/books/eth-vault.json").toFile())
                .get("positions")
                .findParent("entryPrice");
        assertThat(perp.get("id").asText()).isEqualTo("eth-perp-hedge");
        double q = Math.abs(perp.get("size").asDouble()),
                entry = perp.get("entryPrice").asDouble();
        double liquidation = (perp.get("margin").asDouble() + q * entry)
                / (q * (1 + perp.get("maintenanceMarginRate").asDouble()));
        assertThat(liquidation).isCloseTo(3383.08, within(0.01));
        assertThat(j.at("/liquidations/0/liquidationPrice").asDouble())
                .isCloseTo(liquidation, within(1e-9 * liquidation));
        // a frequency over 20,000 paths: its standard error is the binomial one
        double p = j.at("/liquidations/0/horizons/7/probability").asDouble();
        assertThat(j.at("/liquidations/0/horizons/7/stderr").asDouble())
                .isCloseTo(Math.sqrt(p * (1 - p) / 20000), within(1e-12));
        assertThat(j.at("/greeks/ETH/deltaCoins").isNumber()).isTrue();
        assertThat(j.at("/greeks/BTC/deltaQuote").asDouble())
                .isCloseTo(j.at("/greeks/BTC/deltaCoins").asDouble() * 91250, within(1e-6));
        // initial margin = max(ES at the highest confidence of the first horizon, worst risk-matrix loss); maintenance
        // a fixed fraction of it
        JsonNode margin = j.get("margin");
        assertThat(margin.get("varEsInitial").asDouble())
                .isEqualTo(Math.max(0, j.at("/levels/0.99/es").asDouble()));
        assertThat(margin.get("initialMargin").asDouble())
                .isEqualTo(Math.max(
                        margin.get("varEsInitial").asDouble(),
                        margin.get("riskMatrixInitial").asDouble()));
        assertThat(margin.get("maintenanceFraction").asDouble()).isStrictlyBetween(0.0, 1.0);
        assertThat(margin.get("maintenanceMargin").asDouble())
                .isCloseTo(
                        margin.get("maintenanceFraction").asDouble()
                                * margin.get("initialMargin").asDouble(),
                        within(1e-9 * margin.get("initialMargin").asDouble()));
    }

    @Test
    void risk_sameSeed_sameNumbers() {
        String[] a = {
            "risk",
            "--book",
            "examples/books/btc-spot.json",
            "--paths",
            "5000",
            "--seed",
            "3",
            "--json",
            "--horizon-days",
            "2"
        };
        Vaultrisk.Run one = Vaultrisk.run(a), two = Vaultrisk.run(a);
        assertThat(one.exitCode()).isZero();
        assertThat(one.stdout().replaceAll("\"elapsedMillis\" : [0-9.E]+", ""))
                .isEqualTo(two.stdout().replaceAll("\"elapsedMillis\" : [0-9.E]+", ""));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"id\":\"p1\",\"type\":\"future\",\"underlying\":\"BTC\"}|position 'p1': field 'type'",
                "{\"id\":\"p1\",\"type\":\"spot\",\"underlying\":\"BTC\",\"quantity\":-2}|position 'p1': field 'quantity'",
                "{\"id\":\"p1\",\"type\":\"spot\",\"underlying\":\"DOGE\",\"quantity\":2}|position 'p1': field 'underlying'",
                "{\"id\":\"p1\",\"type\":\"option\",\"underlying\":\"BTC\",\"optionType\":\"put\",\"expiry\":\"2026-12-25\",\"quantity\":-1}|position 'p1': field 'strike'",
                "{\"id\":\"p1\",\"type\":\"perpetual\",\"underlying\":\"ETH\",\"size\":-3,\"entryPrice\":3000,\"margin\":900,\"maintenanceMarginRate\":1.5}|position 'p1': field 'maintenanceMarginRate'",
            })
    void risk_badBook_exitsTwoWithOneLineNamingPositionAndField(String position, String expected, @TempDir Path dir)
            throws Exception {
        Path book = dir.resolve("bad.json");
        Files.writeString(book, HEAD + position + "]}");
        Vaultrisk.Run run = Vaultrisk.run("risk", "--book", book.toString(), "--paths", "1000");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderrLines()).hasSize(1);
        assertThat(run.stderrLines().get(0)).contains(expected).doesNotContain("Exception");
        assertThat(run.stdout()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                // a surface for an underlying the book does not have
                "\"BTC\":{\"spot\":91250,\"vol\":0.6}},\"surfaces\":{\"SOL\":{\"ssvi\":{\"rho\":-0.3,\"eta\":1,"
                        + "\"gamma\":0.5},\"atmVols\":{\"2026-12-25\":0.7}}}|market.surfaces.SOL",
                // a negative vol of vol
                "\"BTC\":{\"spot\":91250,\"vol\":0.6,\"volDynamics\":{\"volOfVol\":-0.5}}}"
                        + "|market.underlyings.BTC.volDynamics.volOfVol",
                // a Merton underlying without its jump vol
                "\"BTC\":{\"spot\":91250,\"vol\":0.6,\"model\":\"merton\",\"jumpIntensity\":3,"
                        + "\"jumpMean\":-0.05}}|market.underlyings.BTC.jumpVol",
            })
    void risk_badUnderlyingModelOrSurface_exitsTwoWithOneLineNamingTheField(
            String underlyings, String field, @TempDir Path dir) throws Exception {
        Path book = dir.resolve("bad.json");
        Files.writeString(
                book,
                "{\"name\":\"b\",\"asOf\":\"2026-11-25\",\"market\":{\"underlyings\":{" + underlyings
                        + "},\"positions\":[{\"id\":\"s\",\"type\":\"spot\",\"underlying\":\"BTC\",\"quantity\":1}]}");
        Vaultrisk.Run run = Vaultrisk.run("risk", "--book", book.toString(), "--paths", "1000");
        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(2);
        assertThat(run.stderrLines()).hasSize(1);
        assertThat(run.stderrLines().get(0)).contains(field).doesNotContain("Exception");
        assertThat(run.stdout()).isEmpty();
    }

    @Test
    void risk_methodFhs_reportsTheMethodAndVarFromTheHistory(@TempDir Path dir) throws Exception {
        // 140 days of made-up closes (a deterministic zigzag), the book on the last day
        StringBuilder csv = new StringBuilder("date,BTC,ETH\n");
        java.time.LocalDate d = java.time.LocalDate.of(2026, 7, 8);
        double btc = 60_000, eth = 3_000;
        for (int t = 0; t < 140; t++) {
            csv.append(d.plusDays(t))
                    .append(',')
                    .append(btc)
                    .append(',')
                    .append(eth)
                    .append('\n');
            double r = 0.03 * Math.sin(1.7 * t) + 0.01 * Math.cos(0.3 * t);
            btc *= Math.exp(r);
            eth *= Math.exp(1.3 * r);
        }
        Path history = dir.resolve("h.csv");
        Files.writeString(history, csv.toString());
        Path book = dir.resolve("b.json");
        Files.writeString(
                book,
                HEAD.replace("2026-11-25", d.plusDays(139).toString())
                        + "{\"id\":\"s\",\"type\":\"spot\",\"underlying\":\"ETH\",\"quantity\":10}]}");
        Vaultrisk.Run run = Vaultrisk.run(
                "risk", "--book", book.toString(), "--method", "fhs", "--history", history.toString(), "--json");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode j = JSON.readTree(run.stdout());
        assertThat(j.get("method").asText()).isEqualTo("fhs");
        assertThat(j.get("volModel").asText()).isEqualTo("ewma");
        assertThat(j.at("/horizons/0/levels/0.99/var").asDouble()).isPositive();
        assertThat(j.at("/horizons/0/scenarios").asInt()).isEqualTo(139 - 20);
        Vaultrisk.Run text =
                Vaultrisk.run("risk", "--book", book.toString(), "--method", "fhs", "--history", history.toString());
        assertThat(text.stdout()).contains("method fhs (filtered historical simulation)");
        Vaultrisk.Run noHistory = Vaultrisk.run("risk", "--book", book.toString(), "--method", "fhs");
        assertThat(noHistory.exitCode()).isEqualTo(2);
        assertThat(noHistory.stderrLines()).hasSize(1);
        assertThat(noHistory.stderrLines().get(0)).contains("--history");
    }

    @Test
    void risk_correlationOutsideUnitInterval_exitsTwoNamingThePair(@TempDir Path dir) throws Exception {
        Path book = dir.resolve("bad.json");
        Files.writeString(book, HEAD.replace("0.8}}", "1.2}}") + "]}");
        Vaultrisk.Run run = Vaultrisk.run("risk", "--book", book.toString(), "--paths", "1000");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderrLines()).hasSize(1);
        assertThat(run.stderrLines().get(0)).contains("market.correlations.BTC/ETH");
    }

    @Test
    void risk_correlationNotPsd_isAnErrorUnlessRepairIsAsked(@TempDir Path dir) throws Exception {
        String market =
                "{\"name\":\"b\",\"asOf\":\"2026-11-25\",\"market\":{\"underlyings\":{\"A\":{\"spot\":1,\"vol\":0.5},"
                        + "\"B\":{\"spot\":1,\"vol\":0.5},\"C\":{\"spot\":1,\"vol\":0.5}},\"correlations\":{\"A/B\":0.9,\"A/C\":0.9,"
                        + "\"B/C\":-0.9}},\"positions\":[{\"id\":\"a\",\"type\":\"spot\",\"underlying\":\"A\",\"quantity\":1}]}";
        Path book = dir.resolve("npsd.json");
        Files.writeString(book, market);
        Vaultrisk.Run bad = Vaultrisk.run("risk", "--book", book.toString(), "--paths", "1000");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.stderrLines()).hasSize(1);
        assertThat(bad.stderrLines().get(0))
                .contains("not positive semi-definite")
                .contains("--repair-correlation");
        Vaultrisk.Run fixed = Vaultrisk.run(
                "risk",
                "--book",
                book.toString(),
                "--paths",
                "1000",
                "--repair-correlation",
                "--json",
                "--horizon-days",
                "1");
        assertThat(fixed.exitCode()).as(fixed.stderr()).isZero();
        assertThat(fixed.stderr()).contains("nearest correlation matrix");
        JsonNode j = JSON.readTree(fixed.stdout());
        assertThat(j.at("/correlation/repaired").asBoolean()).isTrue();
        assertThat(j.at("/correlation/maxRepair").asDouble()).isPositive();
    }

    @Test
    void risk_badFlag_namesIt() {
        Vaultrisk.Run run = Vaultrisk.run("risk", "--book", "examples/books/btc-spot.json", "--confidence", "1.5");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderrLines()).hasSize(1);
        assertThat(run.stderrLines().get(0)).contains("--confidence");
    }

    @Test
    void risk_everyNewOption_coinViewContinuousLiquidationCalibratedMarginAndPnlExplain() throws Exception {
        Vaultrisk.Run run = Vaultrisk.run(
                "risk",
                "--book",
                "examples/books/eth-vault.json",
                "--horizon-days",
                "7",
                "--paths",
                "20000",
                "--seed",
                "7",
                "--liquidation-monitoring",
                "continuous",
                "--currency",
                "coin:ETH",
                "--margin",
                "calibrated",
                "--margin-period-days",
                "2",
                "--json");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode j = JSON.readTree(run.stdout());
        assertThat(j.get("currency").asText()).isEqualTo("ETH");
        assertThat(j.get("liquidationMonitoring").asText()).isEqualTo("continuous");
        // the margin period of risk is simulated as a horizon of its own
        assertThat(j.at("/horizons/0/days").asInt()).isEqualTo(2);
        JsonNode parts = j.at("/margin/parts");
        assertThat(j.at("/margin/model").asText()).isEqualTo("calibrated");
        assertThat(j.at("/margin/initialMargin").asDouble())
                .isCloseTo(
                        Math.max(
                                        parts.get("es").asDouble(),
                                        parts.get("riskMatrix").asDouble())
                                + parts.get("shortOptionCharge").asDouble(),
                        within(1e-6));
        for (JsonNode h : j.get("horizons")) {
            JsonNode e = h.at("/pnlExplain/mean");
            double sum = 0;
            for (String t : new String[] {"delta", "gamma", "vega", "theta", "funding", "residual"}) {
                sum += e.get(t).asDouble();
            }
            assertThat(sum).isCloseTo(e.get("total").asDouble(), within(1e-6));
            assertThat(h.at("/pnlExplain/tail/paths").asInt()).isPositive();
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--currency|--currency coin:SOL",
                "--currency|--currency eth",
                "--liquidation-monitoring|--liquidation-monitoring sometimes",
                "--margin|--margin generous",
                "--margin-period-days|--margin calibrated --margin-period-days 0",
            })
    void risk_badNewOption_exitsTwoWithOneLineNamingTheFlag(String flag, String args) {
        java.util.List<String> argv =
                new java.util.ArrayList<>(java.util.List.of("risk", "--book", "examples/books/btc-spot.json"));
        argv.addAll(java.util.List.of(args.split(" ")));
        Vaultrisk.Run run = Vaultrisk.run(argv.toArray(String[]::new));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderrLines()).hasSize(1);
        assertThat(run.stderrLines().get(0)).contains(flag).doesNotContain("Exception");
    }
}
