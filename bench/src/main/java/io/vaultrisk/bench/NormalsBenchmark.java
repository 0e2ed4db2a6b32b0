package io.vaultrisk.bench;

import io.vaultrisk.kernels.rng.BoxMuller;
import io.vaultrisk.kernels.rng.Uniforms;
import io.vaultrisk.kernels.rng.VectorNormals;
import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Vector normal generation ({@link VectorNormals#fill}: Philox and Box–Muller) with ReproducibleMath's log and cos
 * against the lanewise LOG/COS (SVML on x86) it replaced, in one run. The {@code svml} form is a copy of the former
 * VectorNormals, kept here as the baseline only. One operation draws 8·{@link #BLOCKS}·LANES normals (four
 * dimensions, both steps of a pair); {@link #main} prints the time ratio.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx1g"})
public class NormalsBenchmark {
    static final int BLOCKS = 1 << 11;
    private static final int DIMS = 4, LANES = VectorNormals.LANES;

    /** {@code svml}: the former lanewise LOG and COS; {@code reproducible}: VectorNormals as it is. */
    @Param({"svml", "reproducible"})
    public String math;

    private VectorNormals normals;
    private SvmlBaseline baseline;
    private final long[] paths = new long[LANES];
    private final double[] even = new double[DIMS * LANES], odd = new double[DIMS * LANES];

    @Setup(Level.Trial)
    public void setUp() {
        normals = new VectorNormals(42);
        baseline = new SvmlBaseline(42);
    }

    /** BLOCKS calls of fill for consecutive lane groups; returns a sum so nothing is optimised away. */
    @Benchmark
    public double fill() {
        boolean svml = "svml".equals(math);
        double acc = 0;
        for (int block = 0; block < BLOCKS; block++) {
            for (int l = 0; l < LANES; l++) {
                paths[l] = (long) block * LANES + l;
            }
            if (svml) {
                baseline.fill(paths, 0, DIMS, even, odd);
            } else {
                normals.fill(paths, 0, DIMS, even, odd);
            }
            acc += even[0] + odd[DIMS * LANES - 1];
        }
        return acc;
    }

    /** Runs both forms in one JMH run and prints the time ratio reproducible / svml. */
    public static void main(String[] args) throws RunnerException {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                        .include(NormalsBenchmark.class.getSimpleName())
                        .build())
                .run();
        double svml = Double.NaN, reproducible = Double.NaN;
        for (RunResult r : results) {
            double us = r.getPrimaryResult().getScore();
            if ("svml".equals(r.getParams().getParam("math"))) {
                svml = us;
            } else {
                reproducible = us;
            }
        }
        double normalsPerOp = 2.0 * DIMS * BLOCKS * LANES;
        System.out.printf(
                Locale.ROOT,
                "vector normals: svml %.2f ns, reproducible %.2f ns per normal; time ratio %.2f%n",
                1e3 * svml / normalsPerOp,
                1e3 * reproducible / normalsPerOp,
                reproducible / svml);
    }

    /** The former VectorNormals (lanewise LOG/COS), for the comparison only; same stream up to the last bits. */
    static final class SvmlBaseline {
        private static final long M0 = 0xD2511F53L, M1 = 0xCD9E8D57L, MASK32 = 0xFFFF_FFFFL;
        private static final int W0 = 0x9E3779B9, W1 = 0xBB67AE85, ROUNDS = 10;
        private final long[] roundKey0 = new long[ROUNDS], roundKey1 = new long[ROUNDS];

        SvmlBaseline(long seed) {
            int k0 = (int) seed, k1 = (int) (seed >>> 32);
            for (int r = 0; r < ROUNDS; r++) {
                roundKey0[r] = k0 & MASK32;
                roundKey1[r] = k1 & MASK32;
                k0 += W0;
                k1 += W1;
            }
        }

        void fill(long[] paths, int s, int dims, double[] even, double[] odd) {
            LongVector path = LongVector.fromArray(VectorNormals.LONGS, paths, 0);
            LongVector lo = path.and(MASK32), hi = path.lanewise(VectorOperators.LSHR, 32);
            LongVector step = LongVector.broadcast(VectorNormals.LONGS, s & MASK32);
            for (int b = 0; 2 * b < dims; b++) {
                LongVector x0 = step, x1 = lo, x2 = hi, x3 = LongVector.broadcast(VectorNormals.LONGS, b & MASK32);
                for (int r = 0; r < ROUNDS; r++) {
                    LongVector p0 = x0.mul(M0), p1 = x2.mul(M1);
                    LongVector n0 = p1.lanewise(VectorOperators.LSHR, 32)
                            .lanewise(VectorOperators.XOR, x1)
                            .lanewise(VectorOperators.XOR, roundKey0[r]);
                    LongVector n2 = p0.lanewise(VectorOperators.LSHR, 32)
                            .lanewise(VectorOperators.XOR, x3)
                            .lanewise(VectorOperators.XOR, roundKey1[r]);
                    x1 = p1.and(MASK32);
                    x3 = p0.and(MASK32);
                    x0 = n0;
                    x2 = n2;
                }
                boxMuller(x0, x1, even, odd, 2 * b * LANES);
                if (2 * b + 1 < dims) {
                    boxMuller(x2, x3, even, odd, (2 * b + 1) * LANES);
                }
            }
        }

        private static void boxMuller(LongVector w0, LongVector w1, double[] even, double[] odd, int offset) {
            DoubleVector u1 =
                    ((DoubleVector) w0.convert(VectorOperators.L2D, 0)).add(0.5).mul(Uniforms.INV_2_32);
            DoubleVector u2 =
                    ((DoubleVector) w1.convert(VectorOperators.L2D, 0)).add(0.5).mul(Uniforms.INV_2_32);
            DoubleVector rad = u1.lanewise(VectorOperators.LOG).mul(-2.0).sqrt();
            DoubleVector cs = u2.mul(BoxMuller.TWO_PI).lanewise(VectorOperators.COS);
            DoubleVector sn = cs.neg()
                    .fma(cs, DoubleVector.broadcast(VectorNormals.DOUBLES, 1.0))
                    .sqrt();
            VectorMask<Double> upperHalf = u2.compare(VectorOperators.GE, 0.5);
            rad.mul(cs).intoArray(even, offset);
            rad.blend(rad.neg(), upperHalf).mul(sn).intoArray(odd, offset);
        }
    }
}
