package io.vaultrisk.kernels.rng;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class ReproducibleMathTest {
    private static final MathContext MC = new MathContext(45);
    private static final BigDecimal LN2 = new BigDecimal("0.693147180559945309417232121458176568075500134360255254");
    private static final BigDecimal PI_HALF =
            new BigDecimal("1.570796326794896619231321691639751442098584699687552910487");
    private static final int LANES = ReproducibleMath.DOUBLES.length();

    /** The transform's u₁ = (w + ½)·2⁻³², every binade down to 2⁻³³, and 53-bit uniforms (u₁ in (0, 1]). */
    private static double[] logInputs(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[n];
        int i = 0;
        for (int w : new int[] {0, 1, 2, 3, -1, -2, 0x7FFF_FFFF, 0x8000_0000, 0xB504_F333, 0xB504_F334}) {
            x[i++] = Uniforms.open01(w);
        }
        x[i++] = 1.0;
        x[i++] = Math.nextDown(1.0);
        x[i++] = 0x1p-53;
        while (i < n) {
            x[i] = (i & 1) == 0
                    ? Uniforms.open01(random.nextInt())
                    : (i & 2) == 0
                            ? (random.nextLong(1L << 53) + 1) * 0x1p-53
                            : Math.scalb(1 + random.nextDouble(), -1 - random.nextInt(33));
            i++;
        }
        return x;
    }

    /** 2π·u₂ for the transform's u₂, the ends of [0, 2π) and doubles next to multiples of π/4. */
    private static double[] cosInputs(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[n];
        int i = 0;
        for (int w : new int[] {0, 1, -1, 0x4000_0000, 0x8000_0000, 0xC000_0000, 0x3FFF_FFFF, 0x4000_0001}) {
            x[i++] = BoxMuller.TWO_PI * Uniforms.open01(w);
        }
        for (int q = 1; q <= 8; q++) {
            double c = q * (Math.PI / 4);
            x[i++] = c;
            x[i++] = Math.nextUp(c);
            x[i++] = Math.nextDown(c);
        }
        x[i++] = 0.0;
        x[i++] = Math.nextDown(BoxMuller.TWO_PI);
        while (i < n) {
            x[i] = (i & 1) == 0
                    ? BoxMuller.TWO_PI * Uniforms.open01(random.nextInt())
                    : BoxMuller.TWO_PI * random.nextDouble();
            i++;
        }
        return x;
    }

    /** |a − b| in units of the last place of b. */
    private static double ulps(double a, double b) {
        return Math.abs(a - b) / Math.ulp(b);
    }

    @Test
    void log_millionsOfTransformInputs_withinOneUlpOfStrictMath() {
        double[] x = logInputs(4_000_000, 1);
        double worst = 0;
        long same = 0;
        for (double v : x) {
            double got = ReproducibleMath.log(v), ref = StrictMath.log(v);
            worst = Math.max(worst, ulps(got, ref));
            same += got == ref ? 1 : 0;
        }
        System.out.printf("log vs StrictMath: max %.3f ulp, %d of %d identical%n", worst, same, x.length);
        assertThat(worst).isLessThanOrEqualTo(1.0);
        assertThat(same).isGreaterThan(x.length * 95L / 100);
    }

    @Test
    void cos_millionsOfTransformInputs_withinOneUlpOfStrictMath() {
        double[] x = cosInputs(4_000_000, 2);
        double worst = 0;
        long same = 0;
        for (double v : x) {
            double got = ReproducibleMath.cos(v), ref = StrictMath.cos(v);
            worst = Math.max(worst, ulps(got, ref));
            same += got == ref ? 1 : 0;
        }
        System.out.printf("cos vs StrictMath: max %.3f ulp, %d of %d identical%n", worst, same, x.length);
        assertThat(worst).isLessThanOrEqualTo(1.0);
        assertThat(same).isGreaterThan(x.length * 95L / 100);
    }

    /** Log-spots of observed prices (e^-30 to e^30), and the rest of the documented range |x| < 708. */
    private static double[] expInputs(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[n];
        x[0] = 0.0;
        x[1] = -707.9;
        x[2] = 707.9;
        x[3] = 0x1p-30;
        for (int i = 4; i < n; i++) {
            x[i] = (i & 3) == 0 ? random.nextDouble(-707.9, 707.9) : random.nextDouble(-30, 30);
        }
        return x;
    }

    @Test
    void exp_millionsOfLogSpots_withinOneUlpOfStrictMath() {
        double[] x = expInputs(2_000_000, 7);
        double worst = 0;
        long same = 0;
        for (double v : x) {
            double got = ReproducibleMath.exp(v), ref = StrictMath.exp(v);
            worst = Math.max(worst, ulps(got, ref));
            same += got == ref ? 1 : 0;
        }
        System.out.printf("exp vs StrictMath: max %.3f ulp, %d of %d identical%n", worst, same, x.length);
        assertThat(worst).isLessThanOrEqualTo(1.0);
        assertThat(same).isGreaterThan(x.length * 95L / 100);
    }

    /** Against the exact value (45 digits): under one ulp means one of the two doubles around it (faithful). */
    @Test
    @Tag("slow") // BigDecimal series: seconds
    void logCosAndExp_sampleAgainstHighPrecision_underOneUlpOfTheExactValue() {
        double[] xl = logInputs(8_000, 3), xc = cosInputs(8_000, 4), xe = expInputs(8_000, 8);
        double worstLog = 0, worstCos = 0, worstExp = 0;
        for (double v : xe) {
            worstExp = Math.max(worstExp, ulpsFromExact(ReproducibleMath.exp(v), exactExp(v)));
        }
        for (double v : xl) {
            worstLog = Math.max(worstLog, ulpsFromExact(ReproducibleMath.log(v), exactLog(v)));
        }
        for (double v : xc) {
            worstCos = Math.max(worstCos, ulpsFromExact(ReproducibleMath.cos(v), exactCos(v)));
        }
        System.out.printf(
                "against 45 digits: log max %.3f ulp, cos max %.3f ulp, exp max %.3f ulp%n",
                worstLog, worstCos, worstExp);
        assertThat(worstLog).isLessThan(1.0);
        assertThat(worstExp).isLessThan(1.0);
        assertThat(worstCos).isLessThan(1.0);
    }

    @Test
    void exactReferences_knownValues_matchToTheLastDigitsShown() {
        assertThat(exactLog(0.5).add(LN2).abs()).isLessThan(new BigDecimal("1e-40"));
        assertThat(exactLog(Math.E).doubleValue()).isEqualTo(StrictMath.log(Math.E));
        assertThat(exactCos(Math.PI / 3).doubleValue()).isEqualTo(0.5000000000000001);
        assertThat(exactCos(0.0)).isEqualByComparingTo(BigDecimal.ONE);
        assertThat(exactExp(1.0)
                        .subtract(new BigDecimal("2.71828182845904523536028747135266249775724709"))
                        .abs())
                .isLessThan(new BigDecimal("1e-40"));
        assertThat(exactExp(-2.0)
                        .subtract(new BigDecimal("0.135335283236612691893999494972484403407631545909575881"))
                        .abs())
                .isLessThan(new BigDecimal("1e-40"));
    }

    @Test
    void vectorForms_halfAMillionInputsEach_equalScalarBitForBitInEveryLane() {
        double[] xl = logInputs(1 << 19, 5), xc = cosInputs(1 << 19, 6);
        double[] outL = xl.clone(), outC = xc.clone();
        long mismatches = 0;
        for (int i = 0; i + LANES <= xl.length; i += LANES) {
            ReproducibleMath.log(outL, i);
            ReproducibleMath.cos(outC, i);
        }
        for (int i = 0; i < xl.length; i++) {
            mismatches += Double.doubleToRawLongBits(outL[i]) == Double.doubleToRawLongBits(ReproducibleMath.log(xl[i]))
                    ? 0
                    : 1;
            mismatches += Double.doubleToRawLongBits(outC[i]) == Double.doubleToRawLongBits(ReproducibleMath.cos(xc[i]))
                    ? 0
                    : 1;
        }
        assertThat(mismatches).isZero();
    }

    /**
     * The same normals interpreted (-Xint), compiled by C1 only (-XX:TieredStopAtLevel=1) and in this JVM after
     * warming (C2): a digest of scalar and vector draws must agree to the bit. SVML's LOG/COS against the Vector API's
     * Java fallback failed this.
     */
    @Test
    void normals_coldInterpretedAndCompiled_sameBits() throws Exception {
        for (int i = 0; i < 20; i++) {
            Digest.compute(); // warm: C2 compiles the generators here
        }
        String warm = Digest.compute();
        assertThat(runForked("-Xint")).isEqualTo(warm);
        assertThat(runForked("-XX:TieredStopAtLevel=1")).isEqualTo(warm);
    }

    private static String runForked(String... flags) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(flags));
        command.addAll(List.of("--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path")));
        command.add(Digest.class.getName());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        String[] lines = out.strip().split("\n");
        return lines[lines.length - 1].strip();
    }

    /** Digest of scalar (NormalStream) and vector (VectorNormals) normals; main prints it for the forked JVMs. */
    static final class Digest {
        static String compute() {
            long seed = 0x5EED_0000_1234L;
            NormalStream scalar = new NormalStream(seed);
            long h = 17;
            for (int path = 0; path < 1_000; path++) {
                for (int s = 0; s < 4; s++) {
                    h = 31 * h + Double.doubleToRawLongBits(scalar.normal(path, s, s & 1));
                }
            }
            VectorNormals vector = new VectorNormals(seed);
            long[] paths = new long[VectorNormals.LANES];
            double[] even = new double[3 * VectorNormals.LANES], odd = new double[3 * VectorNormals.LANES];
            for (int block = 0; block < 60; block++) {
                for (int l = 0; l < paths.length; l++) {
                    paths[l] = (long) block * paths.length + l;
                }
                vector.fill(paths, 2 * (block % 5), 3, even, odd);
                for (int k = 0; k < even.length; k++) {
                    h = 31 * h + Double.doubleToRawLongBits(even[k]);
                    h = 31 * h + Double.doubleToRawLongBits(odd[k]);
                }
            }
            return Long.toHexString(h);
        }

        public static void main(String[] args) {
            System.out.println(compute());
        }
    }

    private static double ulpsFromExact(double got, BigDecimal exact) {
        double nearest = exact.doubleValue();
        return new BigDecimal(got).subtract(exact).abs().doubleValue() / Math.ulp(nearest);
    }

    /** ln x = k·ln 2 + 2·atanh((m − 1)/(m + 1)) with x = m·2^k, m in [1, 2), the series to 45 digits. */
    static BigDecimal exactLog(double x) {
        int k = Math.getExponent(x);
        BigDecimal m = new BigDecimal(Math.scalb(x, -k));
        BigDecimal t = m.subtract(BigDecimal.ONE).divide(m.add(BigDecimal.ONE), MC);
        BigDecimal t2 = t.multiply(t, MC), power = t, sum = BigDecimal.ZERO;
        for (int j = 1; power.abs().compareTo(new BigDecimal("1e-50")) > 0; j += 2) {
            sum = sum.add(power.divide(BigDecimal.valueOf(j), MC), MC);
            power = power.multiply(t2, MC);
        }
        return LN2.multiply(BigDecimal.valueOf(k), MC).add(sum.multiply(BigDecimal.valueOf(2)), MC);
    }

    /** e^x = 2^k·e^r with r = x − k·ln 2 (ln 2 to 54 digits), |r| ≤ ln 2 / 2 + ε, and the Taylor series of e^r. */
    static BigDecimal exactExp(double x) {
        int k = (int) Math.rint(x / Math.log(2));
        BigDecimal r = new BigDecimal(x).subtract(LN2.multiply(BigDecimal.valueOf(k)), new MathContext(60));
        BigDecimal term = BigDecimal.ONE, sum = BigDecimal.ZERO;
        for (int j = 1; term.abs().compareTo(new BigDecimal("1e-55")) > 0; j++) {
            sum = sum.add(term, MC);
            term = term.multiply(r, MC).divide(BigDecimal.valueOf(j), MC);
        }
        return sum.multiply(new BigDecimal(Math.scalb(1.0, k)), MC);
    }

    /** cos x by x = q·π/2 + r (π to 57 digits) and the Taylor series of cos r or sin r, |r| ≤ π/4 + ε. */
    static BigDecimal exactCos(double x) {
        BigDecimal bx = new BigDecimal(x);
        BigDecimal q = bx.divide(PI_HALF, MC).setScale(0, java.math.RoundingMode.HALF_EVEN);
        BigDecimal r = bx.subtract(q.multiply(PI_HALF), new MathContext(60));
        BigDecimal r2 = r.multiply(r, MC);
        int quadrant = q.intValue() & 3;
        boolean sine = (quadrant & 1) == 1;
        BigDecimal term = sine ? r : BigDecimal.ONE, sum = BigDecimal.ZERO;
        for (int j = sine ? 1 : 0; term.abs().compareTo(new BigDecimal("1e-55")) > 0 || j < 4; j += 2) {
            sum = sum.add(term, MC);
            term = term.multiply(r2, MC).negate().divide(BigDecimal.valueOf((long) (j + 1) * (j + 2)), MC);
        }
        return quadrant == 1 || quadrant == 2 ? sum.negate() : sum;
    }
}
