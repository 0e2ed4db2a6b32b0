package io.vaultrisk.allocator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioCsvTest {

    private static ScenarioMatrix parse(String text) {
        return ScenarioCsv.parse(new StringReader(text), "in.csv");
    }

    @Test
    void parse_headerAndRows_namesAndValues() {
        ScenarioMatrix m = parse("btc_cc, eth_csp ,usdc\n0.01,-0.02,0.004\n# comment\n\n-0.5,1e-2,0\n");
        assertThat(m.names()).containsExactly("btc_cc", "eth_csp", "usdc");
        assertThat(m.scenarioCount()).isEqualTo(2);
        assertThat(m.get(1, 0)).isEqualTo(-0.5);
        assertThat(m.get(1, 1)).isEqualTo(0.01);
        assertThat(m.means()).containsExactly(-0.245, -0.005, 0.002);
    }

    @Test
    void parse_noHeader_defaultNames() {
        ScenarioMatrix m = parse("0.1,0.2\n0.3,0.4\n");
        assertThat(m.names()).containsExactly("s1", "s2");
        assertThat(m.scenarioCount()).isEqualTo(2);
    }

    @Test
    void parse_nan_namesLineAndColumn() {
        assertThatThrownBy(() -> parse("a,b\n0.1,0.2\n0.3,NaN\n"))
                .isInstanceOf(ScenarioFileException.class)
                .hasMessage("in.csv line 3: column 2 ('b') is not a number: 'NaN'")
                .satisfies(e -> assertThat(((ScenarioFileException) e).line()).isEqualTo(3));
    }

    @Test
    void parse_raggedRow_namesLine() {
        assertThatThrownBy(() -> parse("a,b\n0.1,0.2\n0.3\n")).hasMessage("in.csv line 3: has 1 fields, expected 2");
    }

    @Test
    void parse_wordInData_namesLine() {
        assertThatThrownBy(() -> parse("0.1,0.2\n0.3,abc\n"))
                .hasMessage("in.csv line 2: column 2 ('s2') is not a number: 'abc'");
    }

    @Test
    void parse_emptyField_namesLine() {
        assertThatThrownBy(() -> parse("0.1,0.2\n0.3,\n"))
                .hasMessageContaining("line 2")
                .hasMessageContaining("empty");
    }

    @Test
    void parse_javaOnlyNumberForms_rejected() {
        assertThatThrownBy(() -> parse("0.1,0x1p3\n")).hasMessageContaining("line 1");
        assertThatThrownBy(() -> parse("0.1,Infinity\n")).hasMessageContaining("line 1");
        assertThatThrownBy(() -> parse("0.1,2d\n")).hasMessageContaining("line 1");
    }

    @Test
    void parse_returnBelowMinusOne_namesLine() {
        assertThatThrownBy(() -> parse("a\n-0.5\n-1.5\n"))
                .hasMessageContaining("line 3")
                .hasMessageContaining("below -1");
    }

    @Test
    void parse_headerOnly_noRows() {
        assertThatThrownBy(() -> parse("a,b\n")).hasMessage("in.csv: no scenario rows");
    }

    @Test
    void parse_duplicateHeader_namesLine() {
        assertThatThrownBy(() -> parse("a,a\n1,2\n")).hasMessage("in.csv line 1: header name 'a' appears twice");
    }

    @Test
    void read_missingFile_namesFile(@TempDir Path dir) {
        Path file = dir.resolve("nope.csv");
        assertThatThrownBy(() -> ScenarioCsv.read(file)).hasMessage(file + ": no such file");
    }

    @Test
    void read_file_roundTrip(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("s.csv");
        Files.writeString(file, "x,y\n0.25,-0.25\n");
        ScenarioMatrix m = ScenarioCsv.read(file);
        assertThat(m.names()).isEqualTo(List.of("x", "y"));
        assertThat(m.portfolioReturns(new double[] {0.5, 0.5})).containsExactly(0.0);
    }

    @Test
    void parse_trickyNumbers_bitIdenticalToParseDouble() {
        String[] tricky = {
            "0",
            "-0",
            "-0.0",
            "+0.0",
            "1",
            "-1",
            "0.1",
            "0.3",
            "1e-2",
            "1E+2",
            "-1e-0",
            ".5",
            "5.",
            "-.5e-1",
            "2.2250738585072011e-308", // the largest subnormal's neighbourhood (the old Java hang)
            "2.2250738585072014E-308", // smallest normal
            "4.9e-324", // smallest subnormal
            "2.4703282292062327e-324", // half of it: rounds to 0
            "2.4703282292062328e-324", // just above half: rounds up to the smallest subnormal
            "1.7976931348623157e308",
            "0.1000000000000000055511151231257827021181583404541015625", // exact binary value of 0.1
            "0.30000000000000004",
            "9007199254740993",
            "123456789012345678901234567890e-30",
            "0.000000000000000000000000000000000000000000001",
            "1e-400",
            "-0.99999999999999999999",
            "1e0000000000001",
            "7.038531e-26",
            "-0.012345678901234567890123456789",
            "00000000000000000000001.5e-000000000000000000001"
        };
        StringBuilder text = new StringBuilder("v\n");
        for (String t : tricky) {
            text.append(t).append('\n');
        }
        ScenarioMatrix m = parse(text.toString());
        for (int i = 0; i < tricky.length; i++) {
            assertThat(Double.doubleToRawLongBits(m.get(i, 0)))
                    .as(tricky[i])
                    .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(tricky[i])));
        }
    }

    @Test
    void parse_randomDoubles_bitIdenticalToParseDouble() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(7);
        StringBuilder text = new StringBuilder();
        double[] expected = new double[20_000];
        for (int i = 0; i < expected.length; i++) {
            double x = switch (i % 4) {
                case 0 -> rng.nextDouble() * 2 - 1;
                case 1 -> Double.longBitsToDouble(rng.nextLong() & 0x3FEF_FFFF_FFFF_FFFFL); // any magnitude < 1
                case 2 -> rng.nextGaussian() * Math.pow(10, rng.nextInt(-30, 30));
                default -> Math.abs(rng.nextGaussian()) * 1e-310; // subnormals
            };
            String s = i % 3 == 0 ? Double.toString(x) : String.format(java.util.Locale.ROOT, "%.25g", x);
            expected[i] = Math.max(-1.0, Double.parseDouble(s));
            text.append(expected[i] == -1.0 ? "-1" : s).append('\n');
        }
        ScenarioMatrix m = parse(text.toString());
        for (int i = 0; i < expected.length; i++) {
            assertThat(Double.doubleToRawLongBits(m.get(i, 0))).isEqualTo(Double.doubleToRawLongBits(expected[i]));
        }
    }

    @Test
    void parse_badCellDeepInFile_namesRowAndColumn() {
        StringBuilder text = new StringBuilder("a,b,c\r\n");
        for (int i = 0; i < 500; i++) {
            text.append("0.1,0.2,0.3\r\n");
        }
        text.append("0.1,0.2,1.2.3\r\n");
        assertThatThrownBy(() -> parse(text.toString()))
                .isInstanceOf(ScenarioFileException.class)
                .hasMessage("in.csv line 502: column 3 ('c') is not a number: '1.2.3'");
        assertThatThrownBy(() -> parse("a,b\n0.1, 1e\n"))
                .hasMessage("in.csv line 2: column 2 ('b') is not a number: '1e'");
        assertThatThrownBy(() -> parse("a,b\n0.1,1e999\n"))
                .hasMessage("in.csv line 2: column 2 ('b') overflows: '1e999'");
        assertThatThrownBy(() -> parse("a,b\n0.1,0.2,0.3\n")).hasMessage("in.csv line 2: has 3 fields, expected 2");
        assertThatThrownBy(() -> parse("a,b\nabc\n")).hasMessage("in.csv line 2: has 1 fields, expected 2");
    }

    @Test
    void parse_lineEndingsSpacesAndBom_sameAsReaderLines() {
        ScenarioMatrix m = parse("\uFEFFa ,\tb\r0.5 , -0.25\t\r\n\r\n  # note\n 1e-3,2E1\n");
        assertThat(m.names()).containsExactly("a", "b");
        assertThat(m.scenarioCount()).isEqualTo(2);
        assertThat(m.get(0, 1)).isEqualTo(-0.25);
        assertThat(m.get(1, 1)).isEqualTo(20.0);
        assertThatThrownBy(() -> parse("a\r0.1\r\r-2\n")).hasMessageContaining("line 4");
    }

    /** What the reader did before the byte path: the NUMBER grammar by regex, then Double.parseDouble. */
    private static final java.util.regex.Pattern NUMBER =
            java.util.regex.Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    @Test
    void parse_randomFieldsOverTheNumberAlphabet_acceptExactlyWhatTheGrammarAccepts() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(151);
        String alphabet = "0123456789.eE+- ";
        int accepted = 0;
        for (int trial = 0; trial < 20_000; trial++) {
            StringBuilder field = new StringBuilder();
            int length = 1 + rng.nextInt(7);
            for (int k = 0; k < length; k++) {
                // digits half the time, so that valid numbers are common
                field.append(rng.nextBoolean() ? (char) ('0' + rng.nextInt(10)) : alphabet.charAt(rng.nextInt(16)));
            }
            String f = field.toString();
            String stripped = f.strip();
            boolean valid = NUMBER.matcher(stripped).matches()
                    && Double.isFinite(Double.parseDouble(stripped))
                    && Double.parseDouble(stripped) >= -1.0;
            Double got;
            try {
                got = parse("v\n" + f + "\n").get(0, 0);
            } catch (ScenarioFileException e) {
                got = null;
            }
            assertThat(got != null).as("'" + f + "'").isEqualTo(valid);
            if (valid) {
                accepted++;
                assertThat(Double.doubleToRawLongBits(got))
                        .as(f)
                        .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(stripped)));
            }
        }
        assertThat(accepted).isGreaterThan(2_000);
    }

    @Test
    void parse_largeFileReadInChunks_sameValuesAndLineNumbersAsOneThread() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        int rows = 60_000;
        StringBuilder text = new StringBuilder("# generated\na,b,c\n");
        double[] expected = new double[rows * 3];
        for (int s = 0; s < rows; s++) {
            for (int i = 0; i < 3; i++) {
                expected[s * 3 + i] = rng.nextDouble() * 2 - 1;
                text.append(i == 0 ? "" : ",").append(expected[s * 3 + i]);
            }
            text.append(s % 1000 == 7 ? "\r\n\n# note\n" : "\n"); // blank and comment lines inside chunks
        }
        assertThat(text.length()).isGreaterThan(3 << 20); // several chunks on any machine with two cores or more
        ScenarioMatrix m = ScenarioCsv.parse(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), "big");
        assertThat(m.scenarioCount()).isEqualTo(rows);
        for (int k = 0; k < expected.length; k++) {
            assertThat(m.get(k / 3, k % 3)).isEqualTo(expected[k]);
        }
        String bad = text.toString().replace(Double.toString(expected[50_000 * 3 + 1]), "x");
        long line = bad.substring(0, bad.indexOf(",x,"))
                        .chars()
                        .filter(ch -> ch == '\n')
                        .count()
                + 1;
        assertThatThrownBy(() -> ScenarioCsv.parse(bad.getBytes(java.nio.charset.StandardCharsets.UTF_8), "big"))
                .hasMessage("big line " + line + ": column 2 ('b') is not a number: 'x'");
    }
}
