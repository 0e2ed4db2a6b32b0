package io.vaultrisk.bench;

import io.vaultrisk.allocator.strategy.ScenarioSimulation;
import io.vaultrisk.allocator.strategy.StrategyAssumptions;
import io.vaultrisk.allocator.strategy.StrategyScenarios;
import io.vaultrisk.allocator.strategy.StrategyTemplate;
import io.vaultrisk.allocator.strategy.StrategyUniverse;
import io.vaultrisk.montecarlo.book.FundingModel;
import io.vaultrisk.montecarlo.book.MarketData;
import io.vaultrisk.montecarlo.book.Underlying;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The simulation part of {@code allocate --book} on the example ETH vault's market: 57 candidates, 20,000 paths over
 * 30 days, options rolled at expiry (weekly ones four times), delta hedges checked daily on a perpetual with the
 * default fee, half-spread and square-root impact. The issue's target is the whole command under 10 s on 2 cores.
 * <p>
 * Run: {@code java -cp "cli/target/vaultrisk-cli.jar:cli/target/lib/*" org.openjdk.jmh.Main StrategySimulationBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
@State(Scope.Benchmark)
public class StrategySimulationBenchmark {
    MarketData market;
    List<StrategyTemplate> templates;
    Map<String, StrategyAssumptions.PerpFunding> funding;

    @Setup
    public void setUp() {
        market = MarketData.of(
                0.04,
                List.of(Underlying.of("BTC", 91_250, 0.55, 0.0), Underlying.of("ETH", 3_020, 0.72, 0.0)),
                new double[][] {{1, 0.8}, {0.8, 1}});
        templates = StrategyUniverse.defaults(market, ScenarioSimulation.DEFAULT_STABLE_YIELD);
        funding = Map.of("ETH", new StrategyAssumptions.PerpFunding(FundingModel.constant(0.0001), 8));
        if (templates.size() != 57) {
            throw new IllegalStateException("expected the 57 candidates of a two-coin book, got " + templates.size());
        }
    }

    @Benchmark
    public StrategyScenarios defaults() {
        return ScenarioSimulation.defaults().run(market, funding, templates);
    }
}
