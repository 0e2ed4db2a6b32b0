package io.vaultrisk.montecarlo.risk;

import io.vaultrisk.kernels.PathBlock;
import io.vaultrisk.kernels.cpu.CorrelatedPathKernel;
import java.util.Arrays;

/**
 * The perpetuals of a book along its paths, {@link #LANES} paths at a time: funding, liquidation and value at each
 * horizon, on the host. A run replays the checkpoint states of a backend's {@link PathBlock} ({@link #replay}), so the
 * device only simulates paths and this logic exists once; audits that recompute single paths on the CPU kernel use the
 * same object as the kernel's monitor. Either way it sees the plan's checkpoints (funding times and horizons) with the running minimum and
 * maximum log-spot since the previous one: the liquidation price only changes when funding is paid, so comparing it
 * with the extremes of the steps in between is exactly a check at every step. Memory is O(lanes × perpetuals ×
 * horizons).
 *
 * <p>With {@link LiquidationMonitoring#CONTINUOUS} the plan puts a checkpoint at every step and the crossings between
 * steps are added by {@link ContinuousLiquidation}: that needs each lane's path index, given by {@link #lanes}.
 */
final class PerpetualMonitor implements CorrelatedPathKernel.Monitor {
    static final int LANES = CorrelatedPathKernel.LANES;

    private final SimulationPlan plan;
    private final int u, perps;
    private final double[] spotNow, spotLow, spotHigh;
    /** Outputs of the last run, lane-minor: per horizon and perpetual its value, funding received and state. */
    final double[] perpValue, perpFunding;

    final boolean[] perpLiquidated;
    private final double[] funding;
    private final boolean[] alive;
    /** Liquidation price per perpetual and lane: it only changes when funding is paid. */
    private final double[] liquidation, initialLiquidation;

    private final boolean continuous;
    /** Continuous monitoring: per lane its path, the log-spot at the previous step; per perpetual and lane log U, log survival. */
    private final long[] laneIds = new long[LANES];

    private final double[] lnPrev, logUniform, logSurvival;
    /** Replay: the checkpoint steps in order, and lane-minor copies of a block's checkpoint states. */
    private final int[] checkpointSteps;

    private final double[] replayLn, replayLow, replayHigh;

    PerpetualMonitor(SimulationPlan plan) {
        this.plan = plan;
        this.u = plan.underlyings;
        this.perps = plan.perps.size();
        spotNow = new double[u * LANES];
        spotLow = new double[u * LANES];
        spotHigh = new double[u * LANES];
        int hp = plan.horizons() * perps * LANES;
        perpValue = new double[hp];
        perpFunding = new double[hp];
        perpLiquidated = new boolean[hp];
        funding = new double[perps * LANES];
        alive = new boolean[perps * LANES];
        liquidation = new double[perps * LANES];
        initialLiquidation = new double[perps];
        for (int p = 0; p < perps; p++) {
            initialLiquidation[p] = PerpetualMath.liquidationPrice(
                    plan.perpLinear[p], plan.perpSize[p], plan.perpEntry[p], plan.perpMargin[p], plan.perpMmr[p], 0.0);
        }
        continuous = plan.settings.liquidationMonitoring() == LiquidationMonitoring.CONTINUOUS;
        lnPrev = new double[continuous ? u * LANES : 0];
        logUniform = new double[continuous ? perps * LANES : 0];
        logSurvival = new double[continuous ? perps * LANES : 0];
        checkpointSteps = new int[PathBlock.checkpoints(plan.paths)];
        boolean[] checkpoint = plan.paths.checkpoint();
        for (int t = 1, c = 0; t < checkpoint.length; t++) {
            if (checkpoint[t]) {
                checkpointSteps[c++] = t;
            }
        }
        replayLn = new double[u * LANES];
        replayLow = new double[u * LANES];
        replayHigh = new double[u * LANES];
    }

    /**
     * Runs the monitor over paths {@code i .. i + live - 1} of {@code block} (their path indices are the block's first
     * plus i …), with exactly the inputs the kernel would have passed at each checkpoint; unused lanes repeat the last
     * path, as in the kernel. The outputs are then those of {@link #LANES} lanes as after a kernel run.
     */
    void replay(PathBlock block, int i, int live) {
        lanes(block.first() + i, live);
        start();
        for (int c = 0; c < checkpointSteps.length; c++) {
            for (int lane = 0; lane < LANES; lane++) {
                int path = i + Math.min(lane, live - 1);
                for (int d = 0; d < u; d++) {
                    int at = block.checkpointIndex(path, c, d);
                    replayLn[d * LANES + lane] = block.checkpointLn()[at];
                    replayLow[d * LANES + lane] = block.checkpointLow()[at];
                    replayHigh[d * LANES + lane] = block.checkpointHigh()[at];
                }
            }
            checkpoint(checkpointSteps[c], replayLn, replayLow, replayHigh);
        }
    }

    /** The path index of each lane of the next run (needed by continuous monitoring only). */
    void lanes(long[] ids) {
        System.arraycopy(ids, 0, laneIds, 0, LANES);
    }

    /** Lanes hold paths first, first + 1, …; unused lanes (beyond {@code count}) repeat the last path. */
    void lanes(long first, long count) {
        int live = (int) Math.min(LANES, count);
        for (int i = 0; i < LANES; i++) {
            laneIds[i] = first + Math.min(i, live - 1);
        }
    }

    @Override
    public void start() {
        Arrays.fill(funding, 0.0);
        Arrays.fill(alive, true);
        for (int p = 0; p < perps; p++) {
            Arrays.fill(liquidation, p * LANES, (p + 1) * LANES, initialLiquidation[p]);
        }
        if (continuous) {
            for (int d = 0; d < u; d++) {
                Arrays.fill(lnPrev, d * LANES, (d + 1) * LANES, plan.logSpot0[d]);
            }
            Arrays.fill(logSurvival, 0.0);
            long seed = plan.settings.seed();
            for (int p = 0; p < perps; p++) {
                for (int lane = 0; lane < LANES; lane++) {
                    logUniform[p * LANES + lane] = Math.log(ContinuousLiquidation.uniform(seed, laneIds[lane], p));
                }
            }
        }
    }

    /**
     * Liquidation check over the steps since the last checkpoint, funding when due, horizon values. Comparisons are
     * made in spot space (three exponentials per underlying and lane, none per perpetual); a liquidation price of NaN
     * (none exists) compares false, +∞ (already under water) true for longs.
     */
    @Override
    public void checkpoint(int t, double[] ln, double[] lnMin, double[] lnMax) {
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
                if (alive[k] && continuous) {
                    // crossed between the previous step and this one (the liquidation price is fixed in between)
                    double v = plan.volSqrtDt[d] * plan.volSqrtDt[d];
                    double c = ContinuousLiquidation.crossingProbability(lnPrev[x], ln[x], Math.log(liquidation[k]), v);
                    logSurvival[k] += Math.log1p(-c);
                    if (logSurvival[k] < logUniform[k]) {
                        alive[k] = false;
                    }
                }
                if (alive[k]) {
                    double liq = liquidation[k];
                    if (q > 0 ? spotLow[x] < liq : spotHigh[x] > liq) {
                        alive[k] = false;
                    } else if (fundingDue) {
                        double rate = Math.max(
                                -plan.perpCap[p],
                                Math.min(
                                        plan.perpCap[p],
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
        if (continuous) {
            System.arraycopy(ln, 0, lnPrev, 0, u * LANES);
        }
    }
}
