package io.vaultrisk.montecarlo.risk;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Correlated GBM paths of all underlyings of a book, one path per SIMD lane, in the stream layout of
 * {@link io.vaultrisk.kernels.rng.NormalStream}: one Philox4x32-10 call with counter (2⌊s/2⌋, path lo, path hi, b)
 * gives the normals of dimensions 2b and 2b + 1 at steps s and s + 1. Lanes may hold any path indices, so tail paths
 * can be recomputed alone with exactly the numbers of the full run.
 *
 * <p>Only running log-spots are kept; perpetuals are monitored through the running minimum and maximum log-spot
 * since the last checkpoint (a funding time or horizon): the liquidation price only changes when funding is paid, so
 * comparing it with the extremes of the steps in between is exactly a check at every step. Memory per kernel is
 * O(lanes × (underlyings + perpetuals + observations)).
 */
final class PathKernel {
    static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
    static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED;
    static final int LANES = Math.min(DOUBLES.length(), LONGS.length());
    private static final long MASK32 = 0xFFFF_FFFFL;
    private static final long M0 = 0xD2511F53L, M1 = 0xCD9E8D57L;
    private static final double TWO_PI = 6.283185307179586;

    private final SimulationPlan plan;
    private final int u, perps, blocks;
    private final long[] roundKey0 = new long[10], roundKey1 = new long[10];
    private final double[] ln, lnMin, lnMax, zEven, zOdd, lower, spotNow, spotLow, spotHigh;
    private final int[][] obsAtStep;
    /** Outputs of the last run, lane-minor: observation spots, and per horizon and perpetual its value and state. */
    final double[] obsOut, perpValue, perpFunding;
    final boolean[] perpLiquidated;
    private final double[] funding;
    private final boolean[] alive;
    /** Liquidation price per perpetual and lane: it only changes when funding is paid. */
    private final double[] liquidation, initialLiquidation;

    PathKernel(SimulationPlan plan, long seed) {
        if (DOUBLES.length() != LONGS.length()) {
            throw new IllegalStateException("double and long vector species differ in lanes on this CPU");
        }
        this.plan = plan;
        this.u = plan.underlyings;
        this.perps = plan.perps.size();
        this.blocks = (u + 1) / 2;
        int k0 = (int) seed, k1 = (int) (seed >>> 32);
        for (int r = 0; r < 10; r++) {
            roundKey0[r] = k0 & MASK32;
            roundKey1[r] = k1 & MASK32;
            k0 += 0x9E3779B9;
            k1 += 0xBB67AE85;
        }
        ln = new double[u * LANES];
        lnMin = new double[u * LANES];
        lnMax = new double[u * LANES];
        spotNow = new double[u * LANES];
        spotLow = new double[u * LANES];
        spotHigh = new double[u * LANES];
        zEven = new double[2 * blocks * LANES];
        zOdd = new double[2 * blocks * LANES];
        lower = new double[u * u];
        for (int i = 0; i < u; i++) {
            for (int j = 0; j <= i; j++) {
                lower[i * u + j] = plan.lower[i][j];
            }
        }
        int steps = plan.totalSteps;
        int[] count = new int[steps + 1];
        for (int s : plan.obsStep) {
            count[s]++;
        }
        obsAtStep = new int[steps + 1][];
        for (int s = 0; s <= steps; s++) {
            obsAtStep[s] = new int[count[s]];
            count[s] = 0;
        }
        for (int o = 0; o < plan.obsStep.length; o++) {
            int s = plan.obsStep[o];
            obsAtStep[s][count[s]++] = o;
        }
        obsOut = new double[plan.obsStep.length * LANES];
        int hp = plan.horizons() * perps * LANES;
        perpValue = new double[hp];
        perpFunding = new double[hp];
        perpLiquidated = new boolean[hp];
        funding = new double[perps * LANES];
        alive = new boolean[perps * LANES];
        liquidation = new double[perps * LANES];
        initialLiquidation = new double[perps];
        for (int p = 0; p < perps; p++) {
            initialLiquidation[p] = PerpetualMath.liquidationPrice(plan.perpLinear[p], plan.perpSize[p],
                    plan.perpEntry[p], plan.perpMargin[p], plan.perpMmr[p], 0.0);
        }
    }

    /** Simulates the paths in {@code paths} (LANES entries; repeat an index to fill unused lanes). */
    void run(long[] paths) {
        LongVector path = LongVector.fromArray(LONGS, paths, 0);
        LongVector lo = path.and(MASK32), hi = path.lanewise(VectorOperators.LSHR, 32);
        for (int d = 0; d < u; d++) {
            DoubleVector start = DoubleVector.broadcast(DOUBLES, plan.logSpot0[d]);
            start.intoArray(ln, d * LANES);
            start.intoArray(lnMin, d * LANES);
            start.intoArray(lnMax, d * LANES);
        }
        java.util.Arrays.fill(funding, 0.0);
        java.util.Arrays.fill(alive, true);
        for (int p = 0; p < perps; p++) {
            java.util.Arrays.fill(liquidation, p * LANES, (p + 1) * LANES, initialLiquidation[p]);
        }
        int steps = plan.totalSteps;
        DoubleVector one = DoubleVector.broadcast(DOUBLES, 1.0);
        for (int s = 0; s < steps; s += 2) {
            for (int b = 0; b < blocks; b++) {
                LongVector x0 = LongVector.broadcast(LONGS, s & MASK32), x1 = lo, x2 = hi,
                        x3 = LongVector.broadcast(LONGS, b & MASK32);
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
                boxMuller(x0, x1, 2 * b, one);
                if (2 * b + 1 < u) {
                    boxMuller(x2, x3, 2 * b + 1, one);
                }
            }
            advance(s + 1, zEven);
            if (s + 1 < steps) {
                advance(s + 2, zOdd);
            }
        }
    }

    /** The Box–Muller pair of words (w0, w1): cosine output to step s, sine output to step s + 1 of {@code dim}. */
    private void boxMuller(LongVector w0, LongVector w1, int dim, DoubleVector one) {
        DoubleVector u1 = ((DoubleVector) w0.convert(VectorOperators.L2D, 0)).add(0.5).mul(0x1.0p-32);
        DoubleVector u2 = ((DoubleVector) w1.convert(VectorOperators.L2D, 0)).add(0.5).mul(0x1.0p-32);
        DoubleVector rad = u1.lanewise(VectorOperators.LOG).mul(-2.0).sqrt();
        DoubleVector cs = u2.mul(TWO_PI).lanewise(VectorOperators.COS);
        DoubleVector sn = cs.neg().fma(cs, one).sqrt();
        VectorMask<Double> upperHalf = u2.compare(VectorOperators.GE, 0.5);
        rad.mul(cs).intoArray(zEven, dim * LANES);
        rad.blend(rad.neg(), upperHalf).mul(sn).intoArray(zOdd, dim * LANES);
    }

    private void advance(int t, double[] z) {
        boolean monitor = perps > 0;
        for (int i = 0; i < u; i++) {
            DoubleVector w = DoubleVector.zero(DOUBLES);
            for (int k = 0; k <= i; k++) {
                double l = lower[i * u + k];
                if (l != 0.0) {
                    w = DoubleVector.fromArray(DOUBLES, z, k * LANES).fma(DoubleVector.broadcast(DOUBLES, l), w);
                }
            }
            DoubleVector x = w.fma(volSqrtDt(i), plan.driftDt[i]).add(DoubleVector.fromArray(DOUBLES, ln, i * LANES));
            x.intoArray(ln, i * LANES);
            if (monitor) {
                x.min(DoubleVector.fromArray(DOUBLES, lnMin, i * LANES)).intoArray(lnMin, i * LANES);
                x.max(DoubleVector.fromArray(DOUBLES, lnMax, i * LANES)).intoArray(lnMax, i * LANES);
            }
        }
        byte flags = plan.stepFlags[t];
        if ((flags & 1) != 0) {
            for (int o : obsAtStep[t]) {
                int d = plan.obsUnderlying[o];
                for (int lane = 0; lane < LANES; lane++) {
                    obsOut[o * LANES + lane] = Math.exp(ln[d * LANES + lane]);
                }
            }
        }
        if ((flags & 2) != 0) {
            checkpoint(t);
        }
    }

    private double volSqrtDt(int i) {
        return plan.volSqrtDt[i];
    }

    /**
     * Liquidation check over the steps since the last checkpoint, funding when due, horizon values. Comparisons are
     * made in spot space (three exponentials per underlying and lane, none per perpetual); a liquidation price of NaN
     * (none exists) compares false, +∞ (already under water) true for longs.
     */
    private void checkpoint(int t) {
        int h = plan.horizonOfStep[t];
        for (int i = 0; i < u * LANES; i++) {
            spotNow[i] = Math.exp(ln[i]);
            spotLow[i] = Math.exp(lnMin[i]);
            spotHigh[i] = Math.exp(lnMax[i]);
        }
        for (int p = 0; p < perps; p++) {
            int d = plan.perpUnderlying[p];
            boolean linear = plan.perpLinear[p];
            double q = plan.perpSize[p], e = plan.perpEntry[p], m = plan.perpMargin[p], mmr = plan.perpMmr[p];
            boolean fundingDue = t % plan.perpFundingEvery[p] == 0;
            for (int lane = 0; lane < LANES; lane++) {
                int k = p * LANES + lane, x = d * LANES + lane;
                if (alive[k]) {
                    double liq = liquidation[k];
                    if (q > 0 ? spotLow[x] < liq : spotHigh[x] > liq) {
                        alive[k] = false;
                    } else if (fundingDue) {
                        double rate = Math.max(-plan.perpCap[p], Math.min(plan.perpCap[p],
                                plan.perpBase[p] + plan.perpSens[p] * (ln[x] - plan.logSpot0[d])));
                        funding[k] += PerpetualMath.funding(linear, q, spotNow[x], rate);
                        liq = PerpetualMath.liquidationPrice(linear, q, e, m, mmr, funding[k]);
                        liquidation[k] = liq;
                        if (q > 0 ? spotNow[x] < liq : spotNow[x] > liq) {
                            alive[k] = false;
                        }
                    }
                }
                if (h >= 0) {
                    int o = (h * perps + p) * LANES + lane;
                    double s = spotNow[x];
                    perpLiquidated[o] = !alive[k];
                    perpValue[o] = alive[k] ? PerpetualMath.valueQuote(linear, q, e, m, funding[k], s) : 0.0;
                    perpFunding[o] = linear ? funding[k] : funding[k] * s;
                }
            }
        }
        System.arraycopy(ln, 0, lnMin, 0, u * LANES);
        System.arraycopy(ln, 0, lnMax, 0, u * LANES);
    }
}
