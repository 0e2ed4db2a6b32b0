package io.vaultrisk.bench;

import io.vaultrisk.surface.BlackFormula;
import io.vaultrisk.surface.ImpliedVolatility;
import io.vaultrisk.surface.PutCall;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Implied volatilities per second on one core. The 4096 cases are out-of-the-money calls and puts (the quotes a surface
 * fit inverts) with strikes from -5 to +5 standard deviations, vols 0.05 to 3 and expiries from one day to five years
 * (log-uniform, total standard deviation at most 4); setup checks that every one round-trips to 1e-12 relative before
 * anything is timed.
 * <pre>
 *   ./vaultrisk --version &amp;&amp; java --add-modules jdk.incubator.vector \
 *     -cp "cli/target/vaultrisk-cli.jar:cli/target/lib/*" org.openjdk.jmh.Main ImpliedVolBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx1g"})
public class ImpliedVolBenchmark {
    static final int CASES = 4096;

    private final double[] price = new double[CASES];
    private final double[] forward = new double[CASES];
    private final double[] strike = new double[CASES];
    private final double[] expiry = new double[CASES];
    private final double[] vol = new double[CASES];
    private final PutCall[] type = new PutCall[CASES];

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(20261125L);
        int i = 0;
        while (i < CASES) {
            double t = Math.exp(Math.log(1.0 / 365) + random.nextDouble() * Math.log(5.0 * 365));
            double v = Math.exp(Math.log(0.05) + random.nextDouble() * Math.log(60.0));
            double s = v * Math.sqrt(t);
            if (s > 4.0) {
                continue;
            }
            double z = -5.0 + 10.0 * random.nextDouble();
            double f = 60_000.0;
            double k = f * Math.exp(z * s);
            PutCall pc = k >= f ? PutCall.CALL : PutCall.PUT;
            double p = BlackFormula.price(f, k, t, v, pc);
            if (!(p > 0.0)) {
                continue;
            }
            forward[i] = f;
            strike[i] = k;
            expiry[i] = t;
            vol[i] = v;
            type[i] = pc;
            price[i] = p;
            double back = ImpliedVolatility.DEFAULT.blackVol(p, f, k, t, pc);
            if (!(Math.abs(back / v - 1.0) <= 1e-12)) {
                throw new IllegalStateException("round trip of case " + i + " is off: vol " + v + " -> " + back);
            }
            i++;
        }
    }

    @Benchmark
    @OperationsPerInvocation(CASES)
    public double impliedVol() {
        double sum = 0.0;
        ImpliedVolatility iv = ImpliedVolatility.DEFAULT;
        for (int i = 0; i < CASES; i++) {
            sum += iv.blackVol(price[i], forward[i], strike[i], expiry[i], type[i]);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(CASES)
    public double blackPrice() {
        double sum = 0.0;
        for (int i = 0; i < CASES; i++) {
            sum += BlackFormula.price(forward[i], strike[i], expiry[i], vol[i], type[i]);
        }
        return sum;
    }
}
