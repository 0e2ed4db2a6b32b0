package io.vaultrisk.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** Options of the commands that can run a folder of books on Apache Spark (risk, stress, backtest). */
final class SparkOptions {
    @Option(
            names = "--engine",
            defaultValue = "local",
            description = "local (this process, default) | spark: every book of --books on Apache Spark, each equal to"
                    + " a local run bit for bit.")
    String engine;

    @Option(
            names = "--books",
            paramLabel = "DIR",
            description = "With --engine spark: a folder of books (*.json); one report per book and a summary.")
    Path books;

    @Option(
            names = "--master",
            defaultValue = "local[*]",
            description = "With --engine spark: the Spark master (default local[*]: in this process on every core).")
    String master;

    @Option(
            names = "--partitions",
            defaultValue = "0",
            description =
                    "With --engine spark: path ranges per book (whole 4,096-path blocks; default 0: two per core).")
    int partitions;

    /** Whether the command runs on Spark; exit 2 naming the flag for an unknown engine or a flag of the other. */
    boolean spark(CommandSpec spec, BookOptions options) {
        return spark(spec, options.book);
    }

    /** As {@link #spark(CommandSpec, BookOptions)} for a command whose own {@code --book} is {@code book}. */
    boolean spark(CommandSpec spec, Path book) {
        switch (engine) {
            case "local" -> {
                CliSupport.require(spec, books == null, "--books", "is used only with --engine spark");
                return false;
            }
            case "spark" -> {
                CliSupport.require(spec, books != null, "--books", "is required with --engine spark");
                CliSupport.require(spec, book == null, "--book", "is not used with --engine spark (give --books)");
                CliSupport.require(spec, Files.isDirectory(books), "--books", "no such folder: " + books);
                CliSupport.require(
                        spec,
                        master.matches("local(\\[(\\d+|\\*)(,\\d+)?])?|(spark|k8s)://.+|yarn"),
                        "--master",
                        "must be local, local[N], local[*], local[N,retries], spark://HOST:PORT, k8s://URL or yarn,"
                                + " got '" + master + "'");
                CliSupport.require(
                        spec, partitions >= 0, "--partitions", "must be 0 (two per core) or more, got " + partitions);
                return true;
            }
            default -> throw CliSupport.badInput(spec, "--engine", "must be local or spark, got '" + engine + "'");
        }
    }
}
