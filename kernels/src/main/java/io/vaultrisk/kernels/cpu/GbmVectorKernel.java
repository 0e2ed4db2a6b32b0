package io.vaultrisk.kernels.cpu;

import io.vaultrisk.kernels.Estimator;
import io.vaultrisk.kernels.EstimatorSums;
import io.vaultrisk.kernels.EuropeanTask;
import io.vaultrisk.kernels.Sampling;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * GBM paths laid across SIMD lanes (one path per lane): Philox4x32-10 in 64-bit lanes (a 32×32→64 multiply per
 * word is exact in a long), Box–Muller with lanewise LOG/COS (SVML on x86), and a log-Euler step per time step.
 * Only the running log-spot of each path is kept; estimators are formed once per path at expiry.
 */
final class GbmVectorKernel {
    static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
    static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED;
    static final int LANES = Math.min(DOUBLES.length(), LONGS.length());
    private static final long MASK32 = 0xFFFF_FFFFL;
    private static final long M0 = 0xD2511F53L, M1 = 0xCD9E8D57L;
    private static final double TWO_PI = 6.283185307179586;
    private static final long[] LANE_INDEX = new long[LANES];

    static {
        for (int i = 0; i < LANES; i++) {
            LANE_INDEX[i] = i;
        }
    }

    private final EuropeanTask task;
    private final GbmEstimators estimators;
    private final long[] roundKey0 = new long[10], roundKey1 = new long[10];
    private final double logSpot, drift, volSqrtDt;

    GbmVectorKernel(EuropeanTask task) {
        if (DOUBLES.length() != LONGS.length()) {
            throw new IllegalStateException("double and long vector species differ in lanes on this CPU");
        }
        this.task = task;
        this.estimators = new GbmEstimators(task);
        int k0 = (int) task.seed(), k1 = (int) (task.seed() >>> 32);
        for (int r = 0; r < 10; r++) {
            roundKey0[r] = k0 & MASK32;
            roundKey1[r] = k1 & MASK32;
            k0 += 0x9E3779B9;
            k1 += 0xBB67AE85;
        }
        double vol = task.parameter(0), dt = task.expiry() / task.steps();
        this.logSpot = Math.log(task.spot());
        this.drift = (task.rate() - 0.5 * vol * vol) * dt;
        this.volSqrtDt = vol * Math.sqrt(dt);
    }

    /** Simulates samples [first, first + count) and adds their estimators to {@code sums}. */
    void simulate(long first, long count, EstimatorSums sums) {
        boolean antithetic = task.sampling() == Sampling.ANTITHETIC;
        double[] plus = new double[LANES], minus = new double[LANES];
        double[] values = new double[Estimator.COUNT], scratch = new double[Estimator.COUNT];
        long end = first + count;
        for (long g = first; g < end; g += LANES) {
            LongVector path = LongVector.broadcast(LONGS, g).add(laneIndex());
            simulateLanes(path, antithetic, plus, minus);
            int live = (int) Math.min(LANES, end - g);
            for (int lane = 0; lane < live; lane++) {
                if (antithetic) {
                    estimators.fillPair(plus[lane], minus[lane], scratch, values);
                } else {
                    estimators.fill(plus[lane], values);
                }
                sums.add(values);
            }
        }
    }

    private static LongVector laneIndex() {
        return LongVector.fromArray(LONGS, LANE_INDEX, 0);
    }

    /**
     * Runs the paths of one vector of lanes to expiry; the mirrored (−Z) paths too when {@code antithetic}. The
     * normals are computed inline: returning vectors from a helper would box them.
     */
    private void simulateLanes(LongVector path, boolean antithetic, double[] outPlus, double[] outMinus) {
        LongVector lo = path.and(MASK32), hi = path.lanewise(VectorOperators.LSHR, 32);
        DoubleVector ln = DoubleVector.broadcast(DOUBLES, logSpot), lnm = ln;
        LongVector zero = LongVector.zero(LONGS);
        int steps = task.steps();
        for (int s = 0; s < steps; s += 2) {
            // Philox4x32-10 on counter (s, path lo, path hi, 0): words 0 and 1 feed one Box–Muller pair
            LongVector x0 = LongVector.broadcast(LONGS, s & MASK32), x1 = lo, x2 = hi, x3 = zero;
            for (int r = 0; r < 10; r++) {
                LongVector p0 = x0.mul(M0), p1 = x2.mul(M1);
                LongVector n0 = p1.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.XOR, x1)
                        .lanewise(VectorOperators.XOR, roundKey0[r]);
                LongVector n2 = p0.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.XOR, x3)
                        .lanewise(VectorOperators.XOR, roundKey1[r]);
                x1 = p1.and(MASK32);
                x3 = p0.and(MASK32);
                x0 = n0;
                x2 = n2;
            }
            DoubleVector u1 = ((DoubleVector) x0.convert(VectorOperators.L2D, 0)).add(0.5).mul(0x1.0p-32);
            DoubleVector u2 = ((DoubleVector) x1.convert(VectorOperators.L2D, 0)).add(0.5).mul(0x1.0p-32);
            DoubleVector rad = u1.lanewise(VectorOperators.LOG).mul(-2.0).sqrt();
            DoubleVector cs = u2.mul(TWO_PI).lanewise(VectorOperators.COS);
            DoubleVector sn = cs.neg().fma(cs, DoubleVector.broadcast(DOUBLES, 1.0)).sqrt();
            VectorMask<Double> upperHalf = u2.compare(VectorOperators.GE, 0.5);
            DoubleVector z0 = rad.mul(cs);
            DoubleVector z1 = rad.blend(rad.neg(), upperHalf).mul(sn);
            ln = ln.add(z0.fma(volSqrtDt, drift));
            if (antithetic) {
                lnm = lnm.add(z0.fma(-volSqrtDt, drift));
            }
            if (s + 1 < steps) {
                ln = ln.add(z1.fma(volSqrtDt, drift));
                if (antithetic) {
                    lnm = lnm.add(z1.fma(-volSqrtDt, drift));
                }
            }
        }
        ln.intoArray(outPlus, 0);
        if (antithetic) {
            lnm.intoArray(outMinus, 0);
        }
    }
}
