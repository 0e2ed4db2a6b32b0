package io.vaultrisk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AllocateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static Path hand;

    /**
     * A mean 5%, B mean 0; w = (a, 1 − a) loses 0.1 − 0.3a in half the scenarios and 0.2a − 0.1 in the other half,
     * so at β = 0.5 CVaR = max of the two and, with a 3% target (a ≥ 0.6), the optimum is a = 0.6, CVaR = 2%.
     */
    @BeforeAll
    static void files() throws Exception {
        hand = dir.resolve("hand.csv");
        Files.writeString(hand, "A,B\n0.2,-0.1\n-0.1,0.1\n0.2,-0.1\n-0.1,0.1\n");
    }

    /**
     * Templates expanded on the book's market, simulated on one set of paths; weights and parameters chosen together,
     * with each strategy's P&L split under the stated assumptions. Without an edge (no vol premium, costs on) no
     * strategy earns much more than cash, so the target is a little under the stablecoin's carry.
     */
    @Test
    void allocate_book_choosesStrategyParametersAndSaysWhy() throws Exception {
        Vaultrisk.Run run = Vaultrisk.run(
                "allocate",
                "--book",
                "examples/books/eth-vault.json",
                "--objective",
                "min-cvar",
                "--target-return",
                "0.003",
                "--paths",
                "4000",
                "--seed",
                "3",
                "--json");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode j = JSON.readTree(run.stdout());
        assertThat(j.get("status").asText()).isEqualTo("optimal");
        assertThat(j.get("expectedReturn").asDouble()).isGreaterThanOrEqualTo(0.003 - 1e-9);
        double total = 0;
        for (JsonNode w : j.get("weights")) {
            total += w.get("weight").asDouble();
        }
        assertThat(total).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-6));
        JsonNode chosen = j.at("/strategyParameters/chosen");
        assertThat(chosen.size()).isPositive();
        assertThat(j.at("/strategyParameters/bestByFamily").size()).isGreaterThanOrEqualTo(9);
        JsonNode economics = j.at("/strategyEconomics");
        assertThat(economics.get("volRiskPremium").asDouble()).isZero();
        assertThat(economics.get("assumptions").toString())
                .contains("vol risk premium")
                .contains("depeg");
        assertThat(economics.get("strategies").size()).isEqualTo(57);
        for (JsonNode e : economics.get("strategies")) {
            double parts = 0;
            for (String part : new String[] {"premium", "optionPayoff", "hedgePnl", "costs", "carry", "depeg"}) {
                parts += e.get(part).asDouble();
            }
            assertThat(parts)
                    .as(e.get("name").asText())
                    .isCloseTo(e.get("expectedReturn").asDouble(), within(1e-12));
        }
    }

    @Test
    void allocate_negativeDepth_exitsTwoNamingTheFlag() {
        Vaultrisk.Run run = Vaultrisk.run(
                "allocate", "--book", "examples/books/eth-vault.json", "--objective", "min-cvar", "--depth", "-5");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderrLines()).hasSize(1);
        assertThat(run.stderrLines().get(0)).contains("--depth").contains("-5");
    }

    @Test
    void allocate_bothScenariosAndBook_exitsTwo() {
        Vaultrisk.Run run = Vaultrisk.run(
                "allocate",
                "--book",
                "examples/books/eth-vault.json",
                "--scenarios",
                "x.csv",
                "--objective",
                "min-cvar");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderrLines()).hasSize(1);
        assertThat(run.stderrLines().get(0)).contains("--scenarios");
    }

    @Test
    void allocate_minCvarJson_handSolvedOptimum() throws Exception {
        Vaultrisk.Run run = Vaultrisk.run(
                "allocate",
                "--scenarios",
                hand.toString(),
                "--objective",
                "min-cvar",
                "--beta",
                "0.5",
                "--target-return",
                "0.03",
                "--json");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stderrLines()).isEmpty();
        JsonNode j = JSON.readTree(run.stdout());
        assertThat(j.get("status").asText()).isEqualTo("optimal");
        assertThat(j.get("solver").asText()).isNotBlank();
        assertThat(j.at("/weights/0/name").asText()).isEqualTo("A");
        assertThat(j.at("/weights/0/weight").asDouble()).isCloseTo(0.6, within(1e-8));
        assertThat(j.at("/weights/1/weight").asDouble()).isCloseTo(0.4, within(1e-8));
        assertThat(j.get("cvar").asDouble()).isCloseTo(0.02, within(1e-9));
        assertThat(j.get("var").isNumber()).isTrue();
        assertThat(j.get("expectedReturn").asDouble()).isCloseTo(0.03, within(1e-9));
        // the command's own timing, in milliseconds: inside the process's wall time (a unit slip would leave it)
        assertThat(j.get("elapsedMillis").asDouble()).isStrictlyBetween(0.0, (double) run.wallMillis());
    }

    @Test
    void allocate_maxReturnWithFrontier_writesChart() throws Exception {
        Path out = dir.resolve("frontier");
        Vaultrisk.Run run = Vaultrisk.run(
                "allocate",
                "--scenarios",
                hand.toString(),
                "--objective",
                "max-return",
                "--beta",
                "0.5",
                "--cvar-limit",
                "0.02",
                "--frontier-out",
                out.toString(),
                "--frontier-points",
                "5",
                "--json");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode j = JSON.readTree(run.stdout());
        assertThat(j.get("expectedReturn").asDouble()).isCloseTo(0.03, within(1e-9));
        String html = Files.readString(out.resolve("frontier.html"));
        assertThat(html).contains("<svg", "<polyline").doesNotContain("<script");
        assertThat(JSON.readTree(out.resolve("frontier.json").toFile())).hasSize(5);
    }

    @Test
    void allocate_unreachableTarget_exit3WithReason() throws Exception {
        Vaultrisk.Run run = Vaultrisk.run(
                "allocate",
                "--scenarios",
                hand.toString(),
                "--objective",
                "min-cvar",
                "--beta",
                "0.5",
                "--target-return",
                "0.06",
                "--json");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.stderrLines())
                .containsExactly(
                        "vaultrisk allocate: infeasible: target return 0.0600000 is above the highest expected return "
                                + "0.0500000 reachable under the constraints");
        assertThat(JSON.readTree(run.stdout()).get("status").asText()).isEqualTo("infeasible");
    }

    @Test
    void allocate_nanInCsv_exit2NamingLine() throws Exception {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "A,B\n0.1,0.2\n0.1,NaN\n");
        Vaultrisk.Run run = Vaultrisk.run("allocate", "--scenarios", bad.toString(), "--objective", "min-cvar");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderrLines()).hasSize(1);
        assertThat(run.stderr()).contains("--scenarios", "line 3", "NaN").doesNotContain("Exception");
    }

    @Test
    void allocate_unknownObjective_exit2() {
        Vaultrisk.Run run = Vaultrisk.run("allocate", "--scenarios", hand.toString(), "--objective", "best");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderrLines()).hasSize(1);
        assertThat(run.stderr()).contains("--objective", "unknown objective 'best'");
    }

    @Test
    void allocate_riskParityJson_inverseVolatilityForUncorrelated() throws Exception {
        // C and D uncorrelated with volatilities 10% and 20%: weights 2/3 and 1/3, equal shares
        Path file = dir.resolve("uncorrelated.csv");
        Files.writeString(file, "C,D\n0.1,0.2\n-0.1,0.2\n0.1,-0.2\n-0.1,-0.2\n");
        Vaultrisk.Run run =
                Vaultrisk.run("allocate", "--scenarios", file.toString(), "--objective", "risk-parity", "--json");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode j = JSON.readTree(run.stdout());
        assertThat(j.at("/weights/0/weight").asDouble()).isCloseTo(2.0 / 3, within(1e-12));
        JsonNode shares = j.get("riskShares");
        assertThat(shares.get(0).asDouble()).isCloseTo(0.5, within(1e-12));
        assertThat(shares.get(1).asDouble()).isCloseTo(0.5, within(1e-12));
    }
}
