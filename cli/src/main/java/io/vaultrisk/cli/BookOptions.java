package io.vaultrisk.cli;

import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.BookReader;
import io.vaultrisk.montecarlo.risk.InvalidSettingException;
import io.vaultrisk.montecarlo.risk.RiskSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** Options shared by the commands that simulate a book (risk, stress). */
final class BookOptions {
    @Option(names = "--book", required = true, description = "Book JSON file (see examples/books).")
    Path book;

    @Option(
            names = "--horizon-days",
            defaultValue = "1,7",
            split = ",",
            description = "Risk horizons in whole days, comma-separated (default 1,7; 365-day year).")
    String[] horizonDays;

    @Option(
            names = "--confidence",
            defaultValue = "0.95,0.99",
            split = ",",
            description = "VaR/ES confidence levels, comma-separated (default 0.95,0.99).")
    String[] confidence;

    @Option(names = "--paths", defaultValue = "100000", description = "Monte Carlo paths (default 100,000).")
    long paths;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the counter-based RNG (default 1).")
    long seed;

    @Option(
            names = "--steps-per-day",
            defaultValue = "24",
            description = "Simulation steps per day; perpetuals are checked at every step (default 24).")
    int stepsPerDay;

    @Option(names = "--threads", defaultValue = "0", description = "CPU threads, 0 = all cores (same result).")
    int threads;

    @Option(
            names = "--repair-correlation",
            description = "Use the nearest correlation matrix (Higham) when the book's is not positive semi-definite.")
    boolean repairCorrelation;

    Book readBook(CommandSpec spec) {
        CliSupport.require(spec, Files.isRegularFile(book), "--book", "no such file: " + book);
        try {
            return BookReader.DEFAULT.read(book);
        } catch (IllegalArgumentException e) {
            throw CliSupport.badInput(spec, "--book", book + ": " + e.getMessage());
        }
    }

    /** The option that sets a {@link RiskSettings} component. */
    static String flag(String setting) {
        return switch (setting) {
            case "paths" -> "--paths";
            case "seed" -> "--seed";
            case "horizonDays" -> "--horizon-days";
            case "confidences" -> "--confidence";
            case "stepsPerDay" -> "--steps-per-day";
            case "threads" -> "--threads";
            case "repairCorrelation" -> "--repair-correlation";
            default -> throw new IllegalArgumentException("no option sets risk setting '" + setting + "'");
        };
    }

    RiskSettings settings(CommandSpec spec) {
        int[] days;
        try {
            days = Arrays.stream(horizonDays)
                    .map(String::trim)
                    .mapToInt(Integer::parseInt)
                    .toArray();
        } catch (NumberFormatException e) {
            throw CliSupport.badInput(
                    spec,
                    "--horizon-days",
                    "must be whole days, comma-separated, got '" + String.join(",", horizonDays) + "'");
        }
        double[] levels;
        try {
            levels = Arrays.stream(confidence)
                    .map(String::trim)
                    .mapToDouble(Double::parseDouble)
                    .toArray();
        } catch (NumberFormatException e) {
            throw CliSupport.badInput(
                    spec,
                    "--confidence",
                    "must be decimals, comma-separated, got '" + String.join(",", confidence) + "'");
        }
        try {
            return new RiskSettings(paths, seed, days, levels, stepsPerDay, threads, repairCorrelation);
        } catch (InvalidSettingException e) {
            throw CliSupport.badInput(spec, flag(e.field()), e.reason());
        }
    }
}
