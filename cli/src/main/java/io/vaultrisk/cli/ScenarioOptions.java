package io.vaultrisk.cli;

import io.vaultrisk.allocator.ScenarioFileException;
import io.vaultrisk.allocator.ScenarioFormat;
import io.vaultrisk.allocator.ScenarioMatrix;
import io.vaultrisk.allocator.strategy.ScenarioSimulation;
import io.vaultrisk.allocator.strategy.StrategyScenarios;
import io.vaultrisk.allocator.strategy.StrategyTemplate;
import io.vaultrisk.allocator.strategy.StrategyUniverse;
import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.BookReader;
import io.vaultrisk.montecarlo.book.MarketData;
import io.vaultrisk.montecarlo.compute.ComputeBackend;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * Where {@code vaultrisk allocate} gets its scenarios: a CSV or Parquet file, or the strategy universe simulated on a
 * book.
 */
final class ScenarioOptions {
    @Option(
            names = "--scenarios",
            description = "Simple returns: one scenario per row, one column per strategy: CSV (optional header), or"
                    + " Parquet (.parquet, as `scenarios --engine spark` writes it).")
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
            defaultValue = "0",
            description = "--book: vol risk premium: without a surface, options trade at model vol x (1 + premium) "
                    + "while the paths run at the model vol (default 0: no edge).")
    double impliedVolPremium;

    @Option(
            names = "--stable-yield",
            defaultValue = "0.05",
            description = "--book: what cash earns per year, the stablecoin sleeve and the cash in every strategy "
                    + "(default 0.05).")
    double stableYield;

    @Option(
            names = "--option-half-spread",
            defaultValue = "0.005",
            description = "--book: options sell at mid vol minus this and buy back at mid plus it, in vol "
                    + "(default 0.005 = half a vol point).")
    double optionHalfSpread;

    @Option(
            names = "--hedge-every-hours",
            defaultValue = "24",
            description = "--book: delta hedges are checked every N hours (divides 24 or a multiple of 24; default 24) "
                    + "and traded when off by more than their band.")
    int hedgeEveryHours;

    @Option(
            names = "--hedge-instrument",
            defaultValue = "perp",
            description = "--book: perp (funding from the book's perpetual on the coin) or spot (default perp).")
    String hedgeInstrument;

    @Option(
            names = "--trading-fee",
            defaultValue = "0.0005",
            description = "--book: hedge exchange fee per unit of notional (default 0.0005).")
    double tradingFee;

    @Option(
            names = "--hedge-half-spread",
            defaultValue = "0.0001",
            description = "--book: hedge half-spread per unit of notional (default 0.0001).")
    double hedgeHalfSpread;

    @Option(
            names = "--impact",
            defaultValue = "sqrt",
            description = "--book: hedge price impact: sqrt (order book, --depth = daily volume), amm (constant "
                    + "product, --depth = pool size) or none (default sqrt).")
    String impact;

    @Option(
            names = "--depth",
            defaultValue = "1e9",
            description = "--book: USD depth of the impact model (default 1e9).")
    double depth;

    @Option(
            names = "--vault-capital",
            defaultValue = "1e7",
            description = "--book: the vault's capital in USD, which sizes hedge trades for impact (default 1e7).")
    double vaultCapital;

    @Option(
            names = "--borrow-rate",
            description = "--book: rate on negative cash per year (default: borrowing forbidden).")
    Double borrowRate;

    @Option(
            names = "--depeg-probability",
            defaultValue = "0.02",
            description = "--book: chance per year of a stablecoin depeg (default 0.02).")
    double depegProbability;

    @Option(
            names = "--depeg-loss",
            defaultValue = "0.1",
            description = "--book: share of its cash the vault loses in a depeg (default 0.1).")
    double depegLoss;

    /**
     * The scenarios, with the templates behind them when they were simulated from a book (null for a CSV).
     *
     * @param source the file they came from, for titles
     * @param simulated the P&L split and the assumptions, for a book (null for a CSV)
     * @param assumptions one line per stated assumption, for a book (empty for a CSV)
     */
    record Loaded(
            ScenarioMatrix matrix,
            List<StrategyTemplate> templates,
            Path source,
            StrategyScenarios simulated,
            List<String> assumptions,
            String backend,
            String device) {}

    /** The scenarios; simulated ones on {@code backend}, whose fallback warnings go to stderr. */
    Loaded load(CommandSpec spec, BackendOptions backend) {
        CliSupport.require(
                spec,
                (scenarios == null) != (book == null),
                "--scenarios",
                "give exactly one of --scenarios FILE or --book FILE");
        if (scenarios != null) {
            try {
                return new Loaded(ScenarioFormat.read(scenarios), null, scenarios, null, List.of(), null, null);
            } catch (ScenarioFileException e) {
                throw CliSupport.badInput(spec, "--scenarios", e.getMessage());
            }
        }
        ScenarioSimulation simulation = simulation(spec);
        Book read;
        try {
            read = BookReader.DEFAULT.read(book);
        } catch (IllegalArgumentException e) {
            throw CliSupport.badInput(spec, "--book", e.getMessage());
        }
        MarketData market = read.market();
        List<StrategyTemplate> templates = StrategyUniverse.defaults(market, simulation.stableYield());
        ComputeBackend compute = backend.compute(spec);
        StrategyScenarios simulated;
        try {
            simulated = BackendOptions.run(
                    spec,
                    () -> simulation.run(
                            market,
                            ScenarioSimulation.funding(read),
                            templates,
                            compute,
                            w -> System.err.println("vaultrisk allocate: warning: " + w)));
        } catch (IllegalArgumentException e) {
            throw CliSupport.badInput(spec, "--book", e.getMessage());
        }
        return new Loaded(
                simulated.matrix(),
                templates,
                book,
                simulated,
                ScenarioSimulation.describe(simulated.assumptions(), market),
                simulated.backend(),
                simulated.device());
    }

    /** The simulation the {@code --book} flags describe; a bad value exits 2 naming its flag. */
    ScenarioSimulation simulation(CommandSpec spec) {
        return AllocateFlags.spec(
                spec,
                () -> new ScenarioSimulation(
                        horizonDays,
                        paths,
                        seed,
                        impliedVolPremium,
                        stableYield,
                        optionHalfSpread,
                        hedgeEveryHours,
                        hedgeInstrument,
                        tradingFee,
                        hedgeHalfSpread,
                        impact,
                        depth,
                        vaultCapital,
                        borrowRate == null ? Double.NaN : borrowRate,
                        depegProbability,
                        depegLoss));
    }
}
