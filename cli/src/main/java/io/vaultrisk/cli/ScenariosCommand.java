package io.vaultrisk.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vaultrisk scenarios}: the scenario matrix {@code allocate --book} would simulate, made on Apache Spark by path
 * range and written as Parquet, for {@code allocate --scenarios X.parquet} (and the team's own tools).
 */
@Command(
        name = "scenarios",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Write the strategy universe's scenario matrix of a book as Parquet, simulated on Apache Spark"
                + " (the same numbers as allocate --book).")
public final class ScenariosCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ScenarioOptions source = new ScenarioOptions();

    @Option(
            names = "--out",
            required = true,
            paramLabel = "X.parquet",
            description = "Where to write the matrix: a Parquet folder of part files (path column, one double"
                    + " column per strategy).")
    Path out;

    @Option(names = "--engine", defaultValue = "spark", description = "spark (the only engine; default spark).")
    String engine;

    @Option(
            names = "--master",
            defaultValue = "local[*]",
            description = "The Spark master (default local[*]: in this process on every core).")
    String master;

    @Option(
            names = "--partitions",
            defaultValue = "0",
            description = "Path ranges (whole 4,096-path blocks; default 0: two per core).")
    int partitions;

    @Mixin
    BackendOptions backend = new BackendOptions();

    @Override
    public Integer call() {
        CliSupport.require(spec, engine.equals("spark"), "--engine", "must be spark, got '" + engine + "'");
        CliSupport.require(spec, source.scenarios == null, "--scenarios", "is read by allocate, not written here");
        CliSupport.require(spec, source.book != null, "--book", "is required");
        CliSupport.require(spec, Files.isRegularFile(source.book), "--book", "no such file: " + source.book);
        CliSupport.require(
                spec, out.getFileName().toString().endsWith(".parquet"), "--out", "must end in .parquet, got " + out);
        CliSupport.require(
                spec, partitions >= 0, "--partitions", "must be 0 (two per core) or more, got " + partitions);
        var simulation = source.simulation(spec);
        SparkLibraries.require();
        BackendOptions.requireKnown(spec, backend.backend);
        return SparkEngine.scenarios(
                source.book,
                simulation,
                master,
                partitions,
                out,
                backend.backend.equals("cpu") ? null : backend.backend);
    }
}
