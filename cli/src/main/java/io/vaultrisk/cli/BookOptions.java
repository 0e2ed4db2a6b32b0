package io.vaultrisk.cli;

import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.BookReader;
import io.vaultrisk.montecarlo.risk.InvalidSettingException;
import io.vaultrisk.montecarlo.risk.LiquidationMonitoring;
import io.vaultrisk.montecarlo.risk.MarginMethod;
import io.vaultrisk.montecarlo.risk.ReportingCurrency;
import io.vaultrisk.montecarlo.risk.RiskSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** Options shared by the commands that simulate a book (risk, stress). */
final class BookOptions {
    @Option(names = "--book", description = "Book JSON file (see examples/books); required unless --books is given.")
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

    @Option(
            names = "--liquidation-monitoring",
            defaultValue = "steps",
            description = "Perpetual liquidation checks: steps (at every simulation step, the default) or continuous "
                    + "(also between steps, by the Brownian-bridge crossing probability).")
    String liquidationMonitoring;

    @Option(
            names = "--currency",
            defaultValue = "quote",
            description = "Currency of P&L, VaR and ES: quote (the book's, default) or coin:<underlying> "
                    + "(e.g. coin:ETH, for coin-margined vaults).")
    String currency;

    @Option(
            names = "--margin",
            defaultValue = "legacy",
            description = "Margin method: legacy (max of ES and a uniform spot x vol grid) or calibrated (ES over a "
                    + "margin period of risk, vol-scaled risk matrix and a short-option charge, each reported).")
    String margin;

    @Option(
            names = "--margin-period-days",
            defaultValue = "1",
            description = "Margin period of risk in days for --margin calibrated (default 1).")
    int marginPeriodDays;

    @Option(
            names = "--margin-confidence",
            defaultValue = "0.99",
            description = "ES confidence for --margin calibrated (default 0.99).")
    double marginConfidence;

    Book readBook(CommandSpec spec) {
        CliSupport.require(spec, book != null, "--book", "is required");
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
            case "liquidationMonitoring" -> "--liquidation-monitoring";
            case "currency" -> "--currency";
            case "margin" -> "--margin";
            case "marginPeriodDays" -> "--margin-period-days";
            case "marginConfidence" -> "--margin-confidence";
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
        CliSupport.require(
                spec,
                margin.equals("legacy") || margin.equals("calibrated"),
                "--margin",
                "must be 'legacy' or 'calibrated', got '" + margin + "'");
        try {
            MarginMethod method = margin.equals("calibrated")
                    ? MarginMethod.calibrated(marginPeriodDays, marginConfidence)
                    : MarginMethod.LEGACY;
            return new RiskSettings(
                    paths,
                    seed,
                    days,
                    levels,
                    stepsPerDay,
                    threads,
                    repairCorrelation,
                    LiquidationMonitoring.parse(liquidationMonitoring),
                    ReportingCurrency.parse(currency),
                    method);
        } catch (InvalidSettingException e) {
            throw CliSupport.badInput(spec, flag(e.field()), e.reason());
        }
    }
}
