package io.vaultrisk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void advance_toTotal_drawsAFullBarInPlaceThenCloseClearsTheLine() {
        try (ProgressBar bar = new ProgressBar("simulating", 1000, true, out)) {
            bar.advance(400);
            bar.advance(600); // reaching the total always draws, whatever the throttle
            String last = printed().substring(printed().lastIndexOf('\r'));
            assertThat(last)
                    .startsWith("\rsimulating [" + "#".repeat(30) + "] 100% ")
                    .doesNotContain("eta")
                    .doesNotContain("\n");
        }
        // closing blanks the bar's line (label + 30 + 30 spaces) and returns to its start, with no newline
        assertThat(printed())
                .endsWith("\r" + " ".repeat("simulating".length() + 60) + "\r")
                .doesNotContain("\n");
    }

    @Test
    void advance_partOfTotal_fillsInProportion() {
        ProgressBar bar = new ProgressBar("x", 200, true, out);
        bar.advance(100);
        if (!printed().isEmpty()) { // the first draw may be throttled only if the clock reads under 100 ms
            assertThat(printed()).startsWith("\rx [" + "#".repeat(15) + " ".repeat(15) + "]  50% ");
        }
        bar.advance(100);
        assertThat(printed().substring(printed().lastIndexOf('\r'))).startsWith("\rx [" + "#".repeat(30) + "] 100% ");
    }

    @Test
    void advance_disabled_printsNothing() {
        try (ProgressBar bar = new ProgressBar("simulating", 10, false, out)) {
            bar.advance(5);
            bar.advance(5);
        }
        assertThat(printed()).isEmpty();
    }

    @Test
    void constructor_json_neverDraws() {
        // --json keeps stderr clean whatever the terminal: the public constructor disables the bar
        PrintStream saved = System.err;
        System.setErr(out);
        try (ProgressBar bar = new ProgressBar("simulating", 10, true)) {
            bar.advance(10);
        } finally {
            System.setErr(saved);
        }
        assertThat(printed()).isEmpty();
    }
}
