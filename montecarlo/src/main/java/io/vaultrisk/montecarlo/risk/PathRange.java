package io.vaultrisk.montecarlo.risk;

import io.vaultrisk.kernels.cpu.BlockScheduler;
import io.vaultrisk.montecarlo.book.Position;
import java.util.Arrays;
import java.util.List;

/**
 * Paths [first, first + count) of a risk run, held where they were simulated ({@link RiskEngine#simulateRange}) for
 * the passes of the run's {@link RiskReduction}: each pass returns a few numbers of the range, never its paths. The
 * range keeps what one pass computes for the next (the valuation of its paths at every horizon, made from the whole
 * run's bounds); a range that is lost and simulated again computes it again, the same bits.
 */
public final class PathRange {
    final SimulationPlan plan;
    final SimulatedPaths paths;
    final BookSimulator.Output local;
    final int coin;
    final double[] v0;
    final double bookValue;
    final double coin0;
    /** The valuation, from {@link #valued}: per horizon, the tables, and per path the loss and horizon value. */
    private double[][] bounds;

    private HorizonValuation[] valuation;
    private double[][] loss, value, sortedLoss, sortedQuote;

    PathRange(SimulationPlan plan, SimulatedPaths paths) {
        this.plan = plan;
        this.paths = paths;
        this.local = new BookSimulator.Output(
                paths.obs(), paths.perpValue(), new long[0][], new double[0][], paths.backend(), paths.device());
        this.coin = RiskEngine.coinIndex(plan.book, plan.settings.currency());
        List<Position> ps = plan.book.positions();
        v0 = new double[ps.size()];
        double bv = 0;
        for (int i = 0; i < ps.size(); i++) {
            v0[i] = PositionValuer.DEFAULT.value(plan.book, ps.get(i));
            bv += v0[i];
        }
        bookValue = bv;
        coin0 = coin < 0 ? 1.0 : plan.book.market().underlyings().get(coin).spot();
    }

    public long first() {
        return paths.first();
    }

    public int count() {
        return paths.count();
    }

    /** The simulated paths of the range. */
    public SimulatedPaths paths() {
        return paths;
    }

    /** Blocks [from, to) of the range's paths, local indices, for block b. */
    int blockFrom(int b) {
        return b * BlockScheduler.BLOCK;
    }

    int blockTo(int b) {
        return Math.min(count(), (b + 1) * BlockScheduler.BLOCK);
    }

    int blocks() {
        return BlockScheduler.blocks(count(), BlockScheduler.BLOCK);
    }

    /** Values the range's paths at every horizon with tables spanning the whole run's {@code bounds}. */
    synchronized void valued(double[][] runBounds) {
        if (bounds != null && Arrays.deepEquals(bounds, runBounds)) {
            return;
        }
        int hs = plan.horizons(), n = count();
        HorizonValuation[] hv = new HorizonValuation[hs];
        double[][] l = new double[hs][], v = new double[hs][], sl = new double[hs][], sq = new double[hs][];
        for (int h = 0; h < hs; h++) {
            hv[h] = new HorizonValuation(plan, runBounds, h);
            v[h] = hv[h].bookValues(local);
            l[h] = new double[n];
            double[] coinSpot = coin < 0 ? null : local.obs()[plan.observation(h, coin)];
            for (int k = 0; k < n; k++) {
                // coin view: today's value in coins less the horizon value in coins at that path's coin spot
                l[h][k] = coin < 0 ? bookValue - v[h][k] : bookValue / coin0 - v[h][k] / coinSpot[k];
            }
            sl[h] = l[h].clone();
            Arrays.parallelSort(sl[h]);
            if (coin >= 0) {
                sq[h] = new double[n];
                for (int k = 0; k < n; k++) {
                    sq[h][k] = bookValue - v[h][k];
                }
                Arrays.parallelSort(sq[h]);
            }
        }
        valuation = hv;
        loss = l;
        value = v;
        sortedLoss = sl;
        sortedQuote = sq;
        bounds = runBounds;
    }

    HorizonValuation valuation(int h) {
        return valuation[h];
    }

    double[] loss(int h) {
        return loss[h];
    }

    double[] value(int h) {
        return value[h];
    }

    double[] sortedLoss(int h) {
        return sortedLoss[h];
    }

    /** The quote-currency losses sorted (coin view only; else the losses are in the quote currency already). */
    double[] sortedQuote(int h) {
        return sortedQuote[h];
    }
}
