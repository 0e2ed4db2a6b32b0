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
}
