package io.vaultrisk.bench;

import io.vaultrisk.allocator.Allocation;
import io.vaultrisk.allocator.AllocationStatus;
import io.vaultrisk.allocator.CvarBundleSolver;
import io.vaultrisk.allocator.DirectCvarLp;
import io.vaultrisk.allocator.MeanCvarProblem;
import io.vaultrisk.allocator.PortfolioConstraints;
import io.vaultrisk.allocator.ScenarioMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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
 * Mean-CVaR at scale, the workload of shared/perf: 20 strategies, β = 0.95, long-only, budget 1, a binding return
 * target, Student-t (ν = 4) factor scenarios. {@code bundle} is the level-bundle method at 2k, 10k and 100k
 * scenarios; {@code directLp} the Rockafellar–Uryasev LP in ojAlgo where it finishes. Setup solves each instance with
 * both methods where the LP can be solved and fails the run unless CVaR agrees to 1e-6.
 * <p>
 * Run: {@code java -cp "cli/target/vaultrisk-cli.jar:cli/target/lib/*" org.openjdk.jmh.Main MeanCvarBenchmark}
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx3g"})
public class MeanCvarBenchmark {

    static final int STRATEGIES = 20;
    static final double BETA = 0.95;

    /** The bundle method's instances. */
    @State(Scope.Benchmark)
    public static class Large {
        @Param({"2000", "10000", "100000"})
        public int scenarios;

        MeanCvarProblem problem;

        @Setup
        public void setUp() {
            problem = instance(scenarios);
            if (scenarios <= DirectLimit.LP_SCENARIOS) {
                agree(problem);
            }
        }
    }

    /** The direct LP's instances: beyond a few thousand scenarios it does not finish in minutes. */
    @State(Scope.Benchmark)
    public static class DirectLimit {
        static final int LP_SCENARIOS = 2000;

        @Param({"500", "2000"})
        public int lpScenarios;

        MeanCvarProblem problem;

        @Setup
        public void setUp() {
            problem = instance(lpScenarios);
        }
    }

    @Benchmark
    @Warmup(iterations = 5)
    @Measurement(iterations = 10)
    public Allocation bundle(Large state) {
        return CvarBundleSolver.DEFAULT.solve(state.problem);
    }

    @Benchmark
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public Allocation directLp(DirectLimit state) {
        return DirectCvarLp.DEFAULT.solve(state.problem);
    }

    /** Student-t factor scenarios with a binding target halfway up the achievable returns. */
    static MeanCvarProblem instance(int scenarios) {
        SplittableRandom rnd = new SplittableRandom(20261124L);
        double[] drift = new double[STRATEGIES];
        double[] loading = new double[STRATEGIES];
        double[] vol = new double[STRATEGIES];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < STRATEGIES; i++) {
            drift[i] = 0.02 * rnd.nextDouble();
            loading[i] = 0.5 * rnd.nextDouble();
            vol[i] = 0.02 + 0.08 * rnd.nextDouble();
            names.add("strategy" + i);
        }
        double[] data = new double[scenarios * STRATEGIES];
        for (int s = 0; s < scenarios; s++) {
            double factor = studentT4(rnd);
            for (int i = 0; i < STRATEGIES; i++) {
                double idio = studentT4(rnd);
                double r = drift[i] + vol[i] * (loading[i] * factor + Math.sqrt(1 - loading[i] * loading[i]) * idio);
                data[s * STRATEGIES + i] = Math.max(r, -0.99);
            }
        }
        ScenarioMatrix sc = ScenarioMatrix.of(names, data);
        double top = 0;
        double mean = 0;
        for (double m : sc.means()) {
            top = Math.max(top, m);
            mean += m / STRATEGIES;
        }
        return MeanCvarProblem.minCvar(sc, BETA, PortfolioConstraints.longOnly(STRATEGIES), 0.5 * (mean + top));
    }

    static void agree(MeanCvarProblem problem) {
        Allocation lp = DirectCvarLp.DEFAULT.solve(problem);
        Allocation bundle = CvarBundleSolver.DEFAULT.solve(problem);
        if (lp.status() != AllocationStatus.OPTIMAL
                || bundle.status() != AllocationStatus.OPTIMAL
                || Math.abs(lp.cvar() - bundle.cvar()) > 1e-6) {
            throw new IllegalStateException("bundle and direct LP disagree: " + bundle.cvar() + " vs " + lp.cvar());
        }
        System.out.printf(
                "%n[agreement] S=%d: CVaR bundle %.12f, direct LP %.12f, |diff| %.2e%n",
                problem.scenarios().scenarioCount(), bundle.cvar(), lp.cvar(), Math.abs(lp.cvar() - bundle.cvar()));
    }

    private static double studentT4(SplittableRandom rnd) {
        double chi = 0;
        for (int k = 0; k < 4; k++) {
            double g = gaussian(rnd);
            chi += g * g;
        }
        return gaussian(rnd) / Math.sqrt(chi / 4) / Math.sqrt(2.0);
    }

    private static double gaussian(SplittableRandom rnd) {
        // Box–Muller; one of the pair is enough here
        double u = 1.0 - rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }
}
