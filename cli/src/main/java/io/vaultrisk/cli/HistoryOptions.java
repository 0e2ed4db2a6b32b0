package io.vaultrisk.cli;

import io.vaultrisk.montecarlo.history.HistoryCsv;
import io.vaultrisk.montecarlo.history.HistoryFormatException;
import io.vaultrisk.montecarlo.history.PriceHistory;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code --history CSV}: a daily price history (see examples/history/README.md), read and checked by the library. */
final class HistoryOptions {
    @Option(
            names = "--history",
            required = true,
            paramLabel = "CSV",
            description = "Daily history: date,BTC,ETH,... (ISO dates, one row a day; .gz accepted).")
    Path history;

    PriceHistory read(CommandSpec spec) {
        CliSupport.require(spec, Files.isRegularFile(history), "--history", "no such file: " + history);
        try {
            return HistoryCsv.DEFAULT.read(history);
        } catch (HistoryFormatException e) {
            throw CliSupport.badInput(spec, "--history", history + ": " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw CliSupport.badInput(spec, "--history", e.getMessage());
        }
    }
}
