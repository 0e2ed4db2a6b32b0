package io.vaultrisk.cli;

import io.vaultrisk.allocator.ScenarioCsv;
import io.vaultrisk.allocator.ScenarioFileException;
import io.vaultrisk.allocator.ScenarioMatrix;
import io.vaultrisk.allocator.strategy.ScenarioSimulation;
import io.vaultrisk.allocator.strategy.StrategySimulator;
import io.vaultrisk.allocator.strategy.StrategyTemplate;
import io.vaultrisk.allocator.strategy.StrategyUniverse;
import io.vaultrisk.montecarlo.book.BookReader;
import io.vaultrisk.montecarlo.book.MarketData;
import io.vaultrisk.montecarlo.compute.ComputeBackend;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** Where {@code vaultrisk allocate} gets its scenarios: a CSV file, or the strategy universe simulated on a book. */
final class ScenarioOptions {
    @Option(
            names = "--scenarios",
            description = "CSV of simple returns: one scenario per row, one column per strategy, optional header.")
    Path scenarios;

    @Option(
            names = "--book",
            description = "Instead of --scenarios: a book whose market (underlyings, vols, drifts, "
                    + "correlations) drives the vault strategy templates, simulated on one set of paths.")
    Path book;

    @Option(names = "--horizon-days", defaultValue = "30", description = "--book: horizon in days (default 30).")
    int horizonDays;

    @Option(names = "--paths", defaultValue = "20000", description = "--book: paths (default 20,000).")
    int paths;

    @Option(names = "--seed", defaultValue = "1", description = "--book: seed (default 1).")
    long seed;

    @Option(
            names = "--implied-vol-premium",
            defaultValue = "0.1",
            description = "--book: options are priced at " + "realised vol x (1 + premium) (default 0.1).")
    double impliedVolPremium;

    @Option(
            names = "--stable-yield",
            defaultValue = "0.05",
            description = "--book: stablecoin lending yield per " + "year (default 0.05).")
    double stableYield;

    /**
     * The scenarios, with the templates behind them when they were simulated from a book (null for a CSV).
     *
     * @param source the file they came from, for titles
     */
    record Loaded(
            ScenarioMatrix matrix, List<StrategyTemplate> templates, Path source, String backend, String device) {}

    /** The scenarios; simulated ones on {@code backend}, whose fallback warnings go to stderr. */
    Loaded load(CommandSpec spec, BackendOptions backend) {
        CliSupport.require(
                spec,
                (scenarios == null) != (book == null),
                "--scenarios",
                "give exactly one of --scenarios FILE or --book FILE");
        if (scenarios != null) {
            try {
                return new Loaded(ScenarioCsv.read(scenarios), null, scenarios, null, null);
            } catch (ScenarioFileException e) {
                throw CliSupport.badInput(spec, "--scenarios", e.getMessage());
            }
        }
        ScenarioSimulation simulation = AllocateFlags.spec(
                spec, () -> new ScenarioSimulation(horizonDays, paths, seed, impliedVolPremium, stableYield));
        MarketData market;
        try {
            market = BookReader.DEFAULT.read(book).market();
        } catch (IllegalArgumentException e) {
            throw CliSupport.badInput(spec, "--book", e.getMessage());
        }
        List<StrategyTemplate> templates = StrategyUniverse.defaults(market, simulation.stableYield());
        ComputeBackend compute = backend.compute(spec);
        StrategySimulator.Simulated s = BackendOptions.run(
                spec,
                () -> simulation.simulate(
                        market, templates, compute, w -> System.err.println("vaultrisk allocate: warning: " + w)));
        return new Loaded(s.matrix(), templates, book, s.backend(), s.device());
    }
}
