package io.vaultrisk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The CLI's own logic in-process (no launcher, no build): exit codes and one-line errors of bad flags, the error-line
 * formatting, and where the repository is found.
 */
class CliSupportTest {
    /** What one in-process run printed: the same command line and handlers as {@link Main#run}. */
    private record Result(int exitCode, String out, String err) {
        List<String> errLines() {
            return err.isBlank() ? List.of() : List.of(err.strip().split("\\R"));
        }
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cli = new CommandLine(new VaultriskCommand());
        cli.setParameterExceptionHandler(CliSupport::onBadParameter);
        cli.setExecutionExceptionHandler(CliSupport::onFailure);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "price --option call --spot 100 --strike 100 --expiry 1 --vol=-0.2|price|--vol",
                "price --option call --spot abc --strike 100 --expiry 1 --vol 0.8|price|--spot",
                "price --option call --spot 100 --strike 100 --expiry 1 --vol 0.8 --paths=0|price|--paths",
                "price --spot 100 --strike 100 --expiry 1 --vol 0.8 --option=straddle|price|--option",
                "price --option call --spot 100 --strike 100 --expiry 1 --vol 0.8 --no-such-flag|price|--no-such-flag",
                "risk --book ../examples/books/btc-spot.json --confidence 1.5|risk|--confidence",
                "risk --book ../examples/books/btc-spot.json --paths x|risk|--paths",
                "stress --book ../examples/books/eth-vault.json|stress|--out",
                "risk|risk|--book",
                "risk --engine spark|risk|--books",
                "risk --engine hadoop --book ../examples/books/btc-spot.json|risk|--engine",
                "risk --books ../examples/books --book ../examples/books/btc-spot.json|risk|--books",
                "risk --engine spark --books ../examples/books --book ../examples/books/btc-spot.json|risk|--book",
                "risk --engine spark --books ../examples/no-such-folder|risk|--books",
                "risk --engine spark --books ../examples/books --master local[x]|risk|--master",
                "risk --engine spark --books ../examples/books --partitions=-1|risk|--partitions",
                "stress --engine spark --out target/stress-spark|stress|--books",
                "stress --engine spark --books ../examples/books --out target/stress-spark --master yarn2|stress|--master",
                "executor --service http://127.0.0.1:1 --rpc http://127.0.0.1:1 --vault 0x5fbdb2315678afecb367f032d93f642f64180aa3 --key-file ../pom.xml --api-key k --max-feed-deviation-bps 10000|executor|--max-feed-deviation-bps",
                "executor --service http://127.0.0.1:1 --rpc http://127.0.0.1:1 --vault 0x5fbdb2315678afecb367f032d93f642f64180aa3 --key-file ../pom.xml --api-key k --max-feed-age-seconds 0|executor|--max-feed-age-seconds",
                "executor --service http://127.0.0.1:1 --rpc http://127.0.0.1:1 --vault 0x5fbdb2315678afecb367f032d93f642f64180aa3 --key-file ../pom.xml --api-key k --max-gas-gwei 50 --urgent-max-gas-gwei 10|executor|--urgent-max-gas-gwei",
            })
    void execute_badFlag_exitsTwoWithOneLineNamingCommandAndFlag(String args, String command, String flag) {
        Result r = run(args.split(" "));
        assertThat(r.exitCode()).isEqualTo(CliSupport.EXIT_BAD_INPUT);
        assertThat(r.errLines())
                .singleElement()
                .asString()
                .startsWith("vaultrisk " + command + ": ")
                .contains(flag)
                .endsWith("(see 'vaultrisk " + command + " --help')")
                .doesNotContain("Exception");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void execute_unknownSubcommand_exitsTwo() {
        Result r = run("pricee");
        assertThat(r.exitCode()).isEqualTo(CliSupport.EXIT_BAD_INPUT);
        assertThat(r.errLines()).singleElement().asString().contains("pricee");
    }

    @Test
    void oneLine_multiLineMessage_joinedWithSemicolons() {
        assertThat(CliSupport.oneLine("first\n  second\r\nthird  ")).isEqualTo("first; second; third");
        assertThat(CliSupport.oneLine(null)).isEmpty();
        assertThat(CliSupport.oneLine("already one line")).isEqualTo("already one line");
    }

    @Test
    void require_false_throwsParameterExceptionNamingFlag() {
        CommandLine cli = new CommandLine(new VaultriskCommand());
        CliSupport.require(cli.getCommandSpec(), true, "--paths", "never thrown");
        assertThatThrownBy(() -> CliSupport.require(cli.getCommandSpec(), false, "--paths", "must be positive"))
                .isInstanceOf(ParameterException.class)
                .hasMessage("--paths: must be positive");
        assertThat(CliSupport.badInput(cli.getCommandSpec(), "--book", "no positions"))
                .hasMessage("--book: no positions");
    }

    @Test
    void onFailure_illegalArgumentIsBadInputOtherwiseFailureWithItsType() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new VaultriskCommand()).setErr(new PrintWriter(err, true));
        assertThat(CliSupport.onFailure(new IllegalArgumentException("field 'x'\nis bad"), cli, null))
                .isEqualTo(CliSupport.EXIT_BAD_INPUT);
        assertThat(CliSupport.onFailure(new IllegalStateException("disk full"), cli, null))
                .isEqualTo(CliSupport.EXIT_FAILURE);
        assertThat(err.toString().strip().split("\\R"))
                .containsExactly(
                        "vaultrisk vaultrisk: field 'x'; is bad",
                        "vaultrisk vaultrisk: failed: disk full (IllegalStateException)");
    }

    @Test
    void root_propertyPointsAtRepository_elseNamesTheLauncher(@TempDir Path notARepo) throws Exception {
        String saved = System.getProperty("vaultrisk.root");
        try {
            System.setProperty("vaultrisk.root", notARepo.toString());
            assertThatThrownBy(Repository::root)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(notARepo.toString())
                    .hasMessageContaining("./vaultrisk");
            Files.writeString(notARepo.resolve("pom.xml"), "<project/>");
            assertThat(Repository.root()).isEqualTo(notARepo);
        } finally {
            if (saved == null) {
                System.clearProperty("vaultrisk.root");
            } else {
                System.setProperty("vaultrisk.root", saved);
            }
        }
    }
}
