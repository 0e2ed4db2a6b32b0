package io.vaultrisk.bench;

import io.vaultrisk.kernels.rng.BoxMuller;
import io.vaultrisk.kernels.rng.ReproducibleMath;
import io.vaultrisk.kernels.rng.Uniforms;
import io.vaultrisk.kernels.rng.VectorNormals;
import java.util.Collection;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
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
 * Vector Box–Muller with ReproducibleMath's log and cos against the lanewise LOG/COS (SVML on x86) it replaced, in one
 * run: {@code transform} maps PAIRS uniform pairs to normals (the part that changed), {@code fill} is the whole
 * generation of VectorNormals (Philox and transform) for the new form only. {@link #main} prints the ratio.
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
    private static final VectorSpecies<Double> SPECIES = VectorNormals.DOUBLES;
    private static final int PAIRS = 1 << 14;

    /** {@code svml}: the lanewise LOG and COS of the Vector API; {@code reproducible}: ReproducibleMath. */
    @Param({"svml", "reproducible"})
    public String math;

    private final double[] u1 = new double[PAIRS], u2 = new double[PAIRS];
    private final double[] even = new double[PAIRS], odd = new double[PAIRS];
    private VectorNormals normals;
    private final long[] paths = new long[VectorNormals.LANES];
    private final double[] fillEven = new double[4 * VectorNormals.LANES],
            fillOdd = new double[4 * VectorNormals.LANES];

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < PAIRS; i++) {
            u1[i] = Uniforms.open01(random.nextInt());
            u2[i] = Uniforms.open01(random.nextInt());
        }
        normals = new VectorNormals(42);
    }

    /** PAIRS uniform pairs to normals; returns one normal so nothing is optimised away. */
    @Benchmark
    public double transform() {
        boolean svml = "svml".equals(math);
        for (int i = 0; i < PAIRS; i += SPECIES.length()) {
            DoubleVector a = DoubleVector.fromArray(SPECIES, u1, i), b = DoubleVector.fromArray(SPECIES, u2, i);
            DoubleVector lg = svml ? a.lanewise(VectorOperators.LOG) : ReproducibleMath.log(a);
            DoubleVector x = b.mul(BoxMuller.TWO_PI);
            DoubleVector cs = svml ? x.lanewise(VectorOperators.COS) : ReproducibleMath.cos(x);
            DoubleVector rad = lg.mul(-2.0).sqrt();
            DoubleVector sn =
                    cs.neg().fma(cs, DoubleVector.broadcast(SPECIES, 1.0)).sqrt();
            VectorMask<Double> upperHalf = b.compare(VectorOperators.GE, 0.5);
            rad.mul(cs).intoArray(even, i);
            rad.blend(rad.neg(), upperHalf).mul(sn).intoArray(odd, i);
        }
        return even[PAIRS - 1] + odd[PAIRS - 1];
    }

    /** PAIRS / LANES calls of VectorNormals.fill, 4 dimensions each: 8·PAIRS normals, Philox included. */
    @Benchmark
    public double fill() {
        double acc = 0;
        for (int block = 0; block < PAIRS / (4 * VectorNormals.LANES); block++) {
            for (int l = 0; l < paths.length; l++) {
                paths[l] = (long) block * paths.length + l;
            }
            normals.fill(paths, 0, 4, fillEven, fillOdd);
            acc += fillEven[0];
        }
        return acc;
    }

    /** Runs both forms of the transform in one JMH run and prints the time ratio reproducible / svml. */
    public static void main(String[] args) throws RunnerException {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                        .include(NormalsBenchmark.class.getSimpleName() + ".transform")
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
        System.out.printf(
                Locale.ROOT,
                "Box-Muller of %d pairs: svml %.1f us, reproducible %.1f us, time ratio %.2f%n",
                PAIRS,
                svml,
                reproducible,
                reproducible / svml);
    }
}
