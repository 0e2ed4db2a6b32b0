package io.vaultrisk.bench;

import io.vaultrisk.basics.OptionType;
import io.vaultrisk.kernels.ProgressSink;
import io.vaultrisk.montecarlo.engine.MonteCarloEngine;
import io.vaultrisk.montecarlo.engine.PriceResult;
import io.vaultrisk.montecarlo.engine.SimulationSettings;
import io.vaultrisk.montecarlo.instrument.EuropeanOption;
import io.vaultrisk.montecarlo.market.Market;
import io.vaultrisk.montecarlo.model.GbmModel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The core workload of shared/perf (GBM, one asset, European call, S = K = 100, vol 0.8, T = 1, r = 0, 252 log-Euler
 * steps, Philox4x32-10, double) on the CPU backend. Path-steps per second = paths × 252 / (seconds per op); compare
 * with {@code shared/perf/run-c-reference} run in the same sitting (scripts/bench-core does both).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class CoreWorkloadBenchmark {
    public static final int STEPS = 252;

    @Param({"1000000"})
    public long paths;

    @Param({"pseudo"})
    public String sampling;

    private SimulationSettings settings;
    private final EuropeanOption call = EuropeanOption.linear(OptionType.CALL, 100, 1.0);
    private final GbmModel model = GbmModel.of(0.8);
    private final Market market = Market.of(100, 0.0);

    @Setup
    public void setUp() {
        settings = SimulationSettings.of(paths, STEPS, (67890L << 32) | 12345L);
        if (sampling.equals("antithetic")) {
            settings = settings.withSampling(io.vaultrisk.kernels.Sampling.ANTITHETIC);
        }
    }

    @Benchmark
    public double europeanCall() {
        PriceResult r = MonteCarloEngine.DEFAULT.price(call, model, market, settings, ProgressSink.NONE);
        return r.price().value();
    }
}
