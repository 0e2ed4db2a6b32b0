package io.vaultrisk.bench;

import io.vaultrisk.kernels.ProgressSink;
import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.compute.ComputeBackend;
import io.vaultrisk.montecarlo.risk.RiskSettings;
import io.vaultrisk.montecarlo.stress.Scenario;
import io.vaultrisk.montecarlo.stress.StressEngine;
import io.vaultrisk.montecarlo.stress.StressReport;
import java.util.List;
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
 * The nightly risk workload of issue 4: a 1,000-position book on 5 correlated underlyings, 1M paths, horizons of 1
 * and 7 days at 24 steps per day (perpetuals monitored every hour, funding every 8 h), VaR/ES at 95% and 99% with
 * Euler contributions, the 11 × 6 risk matrix and 50 scenario replays. Target: under 60 s on the 2-core machine;
 * on OpenCL within 1.2× of the CPU time. The backend simulates the paths; revaluation, VaR/ES and the replays run on
 * the host whichever it is (as in production), and an explicit backend never falls back silently.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx6g"})
public class RiskBookBenchmark {
    @Param({"1000000"})
    public long paths;

    /** Issue 13: surfaces and vol dynamics on every underlying (the nightly target holds with them on). */
    @Param({"true"})
    public boolean volDynamics;

    /** The path backend (cpu, opencl, cuda, …): the whole run goes through {@link StressEngine#on}. */
    @Param({"cpu"})
    public String backend;

    private Book book;
    private StressEngine engine;
    private List<Scenario> scenarios;
    private RiskSettings settings;

    @Setup
    public void setUp() {
        book = volDynamics ? BenchBooks.thousandPositionsWithVolDynamics() : BenchBooks.thousandPositions();
        scenarios = BenchBooks.fiftyScenarios();
        settings = RiskSettings.of(paths, 20261125L, new int[] {1, 7}, new double[] {0.95, 0.99});
        engine = StressEngine.on(ComputeBackend.of(backend, false));
    }

    @Benchmark
    public double nightlyRiskAndStress() {
        StressReport r = engine.run(book, scenarios, settings, ProgressSink.NONE);
        return r.simulation().horizons().get(1).level(0.99).measures().es()
                + r.scenarios().get(0).pnl();
    }

    /**
     * One timed run without JMH, for a quick look:
     * {@code java -cp … io.vaultrisk.bench.RiskBookBenchmark [paths] [frozen|dynamic] [backend,backend,…]}
     * ("frozen": without surfaces and vol dynamics); with several backends they alternate, run by run, so that a
     * noisy machine weighs on each alike.
     */
    public static void main(String[] args) {
        long paths = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        boolean dynamic = args.length < 2 || !args[1].equals("frozen");
        String[] backends = args.length > 2 ? args[2].split(",") : new String[] {"cpu"};
        RiskBookBenchmark[] runs = new RiskBookBenchmark[backends.length];
        for (int k = 0; k < backends.length; k++) {
            runs[k] = new RiskBookBenchmark();
            runs[k].paths = paths;
            runs[k].volDynamics = dynamic;
            runs[k].backend = backends[k];
            runs[k].setUp();
        }
        for (int i = 0; i < 3; i++) {
            for (RiskBookBenchmark b : runs) {
                long t0 = System.nanoTime();
                StressReport r = b.engine.run(b.book, b.scenarios, b.settings, ProgressSink.NONE);
                System.out.printf(
                        "%s run %d: %.2f s (simulation %.2f s), ES99 7d %.6f%n",
                        b.backend,
                        i,
                        (System.nanoTime() - t0) / 1e9,
                        r.simulation().elapsedMillis() / 1e3,
                        r.simulation().horizons().get(1).level(0.99).measures().es());
            }
        }
    }
}
