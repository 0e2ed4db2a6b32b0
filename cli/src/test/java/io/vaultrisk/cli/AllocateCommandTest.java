package io.vaultrisk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vaultrisk allocate} in process: suboptimal solves, the riskless sleeve's tangency mix, Kelly's cash. */
class AllocateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Run(int exitCode, String stdout, String stderr) {}

    private static Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    /** Four strategies over 400 scenarios; with a stablecoin column earning 0.1 % when {@code stable}. */
    private static Path scenarios(Path dir, boolean stable) throws Exception {
        Random rnd = new Random(15);
        StringBuilder csv = new StringBuilder(stable ? "a,b,c,d,stablecoin\n" : "a,b,c,d\n");
        for (int s = 0; s < 400; s++) {
            double f = rnd.nextGaussian();
            for (int i = 0; i < 4; i++) {
                double t = rnd.nextGaussian() / Math.sqrt(0.3 + rnd.nextDouble());
                csv.append(i == 0 ? "" : ",").append(Math.max(-0.9, 0.004 * (i + 1) + 0.02 * (i + 1) * (0.5 * f + t)));
            }
            csv.append(stable ? ",0.001\n" : "\n");
        }
        Path file = dir.resolve(stable ? "with-stable.csv" : "risky.csv");
        Files.writeString(file, csv);
        return file;
    }

    @Test
    void allocate_notConverged_exit3WithGapUnlessAccepted(@TempDir Path dir) throws Exception {
        String file = scenarios(dir, false).toString();
        Run refused =
                run("allocate", "--scenarios", file, "--objective", "min-cvar", "--max-iterations", "1", "--json");
        assertThat(refused.exitCode()).as(refused.stderr()).isEqualTo(CliSupport.EXIT_INFEASIBLE);
        assertThat(refused.stderr()).contains("not-converged (gap ").contains("--accept-suboptimal");
        assertThat(JSON.readTree(refused.stdout()).has("acceptedSuboptimal")).isFalse();

        Run accepted = run(
                "allocate",
                "--scenarios",
                file,
                "--objective",
                "min-cvar",
                "--max-iterations",
                "1",
                "--accept-suboptimal",
                "--json");
        assertThat(accepted.exitCode()).as(accepted.stderr()).isZero();
        JsonNode j = JSON.readTree(accepted.stdout());
        assertThat(j.get("status").asText()).isEqualTo("not-converged");
        assertThat(j.get("acceptedSuboptimal").asBoolean()).isTrue();
        assertThat(j.get("gap").asDouble()).isPositive();
    }

    @Test
    void allocate_maxSharpeWithStablecoinAndRiskTarget_tangencyMixedToTarget(@TempDir Path dir) throws Exception {
        String file = scenarios(dir, true).toString();
        Run r = run("allocate", "--scenarios", file, "--objective", "max-sharpe", "--risk-target", "0.01", "--json");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        JsonNode j = JSON.readTree(r.stdout());
        assertThat(j.get("method").asText()).isEqualTo("tangency mixed to target");
        assertThat(j.get("risklessSleeve").asText()).isEqualTo("stablecoin");
        assertThat(j.get("risk").asDouble()).isCloseTo(0.01, within(1e-9));
        double stable = j.get("weights").get(4).get("weight").asDouble();
        assertThat(stable)
                .isCloseTo(1 - j.get("riskyShare").asDouble(), within(1e-12))
                .isBetween(0.05, 0.95);
    }

    @Test
    void allocate_badRiskTarget_exit2NamingFlag(@TempDir Path dir) throws Exception {
        Run r = run(
                "allocate",
                "--scenarios",
                scenarios(dir, true).toString(),
                "--objective",
                "max-sharpe",
                "--risk-target",
                "-0.1");
        assertThat(r.exitCode()).isEqualTo(CliSupport.EXIT_BAD_INPUT);
        assertThat(r.stderr()).contains("--risk-target");
    }

    /**
     * A book that declares Merton jumps, a market jump and vol dynamics: every strategy's line in the report names the
     * dynamics of its paths (text and JSON), and a margined perpetual hedge reports its liquidations.
     */
    @Test
    void allocate_bookWithJumpsAndVolDynamics_reportsEachStrategysPathDynamics() throws Exception {
        String[] args = {
            "allocate",
            "--book",
            "../examples/books/vol-surface-vault.json",
            "--objective",
            "min-cvar",
            "--target-return",
            "0.001",
            "--paths",
            "400"
        };
        Run text = run(args);
        assertThat(text.exitCode()).as(text.stderr()).isZero();
        assertThat(text.stdout())
                .contains("Paths of each strategy:")
                .contains("merton jumps λ=4.00/yr")
                .contains("market jumps λ=2.00/yr")
                .contains("vol dynamics ψ=1.50")
                .doesNotContain("not simulated here");
        String[] json = java.util.Arrays.copyOf(args, args.length + 1);
        json[args.length] = "--json";
        Run r = run(json);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        for (JsonNode e : JSON.readTree(r.stdout()).at("/strategyEconomics/strategies")) {
            String name = e.get("name").asText();
            String paths = e.get("paths").asText();
            if (name.contains(":BTC")) {
                assertThat(paths).as(name).startsWith("merton jumps").contains("vol dynamics ψ=1.20");
            } else if (name.contains(":ETH")) {
                assertThat(paths).as(name).startsWith("GBM at model vol").contains("market jumps");
            }
            if (name.startsWith("hedged-short-call")) {
                assertThat(e.get("hedgeLiquidated").asDouble()).as(name).isBetween(0.0, 1.0);
            } else {
                assertThat(e.get("hedgeLiquidated").isNull()).as(name).isTrue();
            }
        }
    }
}
