package io.vaultrisk.montecarlo.risk;

import io.vaultrisk.basics.BlackScholes;
import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.OptionPosition;
import io.vaultrisk.montecarlo.book.PerpetualPosition;
import io.vaultrisk.montecarlo.book.Position;
import io.vaultrisk.montecarlo.book.SpotPosition;
import java.util.ArrayList;
import java.util.List;

/**
 * Full revaluation of a book at one horizon. Every position that is a smooth function of one underlying's horizon
 * spot (spot holdings, options with time left) is tabulated per position on a fine log-spot grid spanning the
 * simulated spots; the book's value per underlying is the sum of those tables, so revaluing a path costs one
 * interpolation per underlying whatever the number of positions. Options that expire inside the horizon settle at
 * the simulated spot of their expiry step (a linear one as cash held to the horizon, an inverse one as coins worth
 * S_h/Sₑ times its intrinsic at the horizon: {@link CoinSettlement}), and options too close to expiry for the grid
 * are valued exactly; perpetuals come from the path kernel.
 */
final class HorizonValuation {
    static final int NODES = 2049;
    /** An option is tabulated only if its remaining standard deviation spans this many grid steps. */
    static final double MIN_SD_IN_STEPS = 40;

    private final SimulationPlan plan;
    private final Book book;
    private final int horizon;
    private final double years;
    private final ValueGrid[] bookGrid;
    private final ValueGrid[] positionGrid;
    /** Per position: observation index of its spot (−1 for perpetuals). */
    private final int[] observation;
    /** Per position: observation index of its underlying's spot at this horizon. */
    private final int[] horizonObservation;

    private final int[] kind; // 0 gridded, 1 expired (intrinsic at expiry step), 2 exact BS, 3 perpetual
    private final List<Integer> nonGridded = new ArrayList<>();

    HorizonValuation(SimulationPlan plan, BookSimulator.Output out, int horizon) {
        this.plan = plan;
        this.book = plan.book;
        this.horizon = horizon;
        this.years = plan.horizonYears(horizon);
        int u = plan.underlyings;
        List<Position> ps = book.positions();
        bookGrid = new ValueGrid[u];
        for (int d = 0; d < u; d++) {
            double[] s = out.obs()[plan.observation(horizon, d)];
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (double v : s) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            double a = Math.log(lo), b = Math.log(hi), pad = Math.max(1e-6, 0.01 * (b - a));
            a -= pad;
            b += pad;
            bookGrid[d] = new ValueGrid(a, (b - a) / (NODES - 1), NODES);
        }
        double[][] spots = new double[u][NODES];
        for (int d = 0; d < u; d++) {
            for (int j = 0; j < NODES; j++) {
                spots[d][j] = Math.exp(bookGrid[d].x(j));
            }
        }
        positionGrid = new ValueGrid[ps.size()];
        observation = new int[ps.size()];
        horizonObservation = new int[ps.size()];
        kind = new int[ps.size()];
        double rate = book.market().rate();
        double[] vd = new double[2];
        for (int i = 0; i < ps.size(); i++) {
            Position p = ps.get(i);
            int d = book.market().indexOf(p.underlying());
            observation[i] = plan.observation(horizon, d);
            horizonObservation[i] = observation[i];
            ValueGrid g = bookGrid[d];
            if (p instanceof PerpetualPosition) {
                kind[i] = 3;
                observation[i] = -1;
                continue;
            }
            if (p instanceof OptionPosition o) {
                int step = plan.expiryStep(o);
                double vol = o.volOr(book.market().underlying(o.underlying()).vol());
                double tau = book.yearsTo(o.expiry()) - years;
                if (step <= plan.horizonSteps[horizon]) {
                    kind[i] = 1;
                    observation[i] = plan.expiryObservation.get(((long) d << 32) | step);
                    nonGridded.add(i);
                    continue;
                }
                if (!(vol * Math.sqrt(tau) >= MIN_SD_IN_STEPS * g.step)) { // also tau <= 0 (expiry within half a step)
                    kind[i] = 2;
                    nonGridded.add(i);
                    continue;
                }
                ValueGrid pg = new ValueGrid(g.start, g.step, NODES);
                for (int j = 0; j < NODES; j++) {
                    double spot = spots[d][j];
                    BlackScholes.valueAndDelta(o.optionType(), spot, o.strike(), tau, rate, vol, vd);
                    pg.value[j] = o.quantity() * vd[0];
                    pg.slope[j] = o.quantity() * vd[1] * spot;
                }
                positionGrid[i] = pg;
            } else {
                SpotPosition s = (SpotPosition) p;
                ValueGrid pg = new ValueGrid(g.start, g.step, NODES);
                for (int j = 0; j < NODES; j++) {
                    double spot = spots[d][j];
                    pg.value[j] = s.quantity() * spot;
                    pg.slope[j] = s.quantity() * spot;
                }
                positionGrid[i] = pg;
            }
            g.add(positionGrid[i]);
        }
    }

    /** Book value at the horizon on every path, in the quote currency. */
    double[] bookValues(BookSimulator.Output out) {
        int n = out.perpValue()[horizon].length;
        double[] v = out.perpValue()[horizon].clone();
        for (int d = 0; d < plan.underlyings; d++) {
            double[] s = out.obs()[plan.observation(horizon, d)];
            ValueGrid g = bookGrid[d];
            for (int k = 0; k < n; k++) {
                v[k] += g.at(Math.log(s[k]));
            }
        }
        for (int i : nonGridded) {
            double[] s = out.obs()[observation[i]], sh = out.obs()[horizonObservation[i]];
            if (kind[i] == 1) {
                OptionPosition o = (OptionPosition) book.positions().get(i);
                for (int k = 0; k < n; k++) {
                    v[k] += CoinSettlement.horizonValue(o, s[k], sh[k]);
                }
            } else {
                for (int k = 0; k < n; k++) {
                    v[k] += exactValue(i, s[k]);
                }
            }
        }
        return v;
    }

    /** Value of non-perpetual position i at the horizon on {@code path} of the run's observations. */
    double positionValue(int i, double[][] obs, int path) {
        double s = obs[observation[i]][path];
        if (kind[i] == 1) {
            return CoinSettlement.horizonValue(
                    (OptionPosition) book.positions().get(i), s, obs[horizonObservation[i]][path]);
        }
        return positionValue(i, s);
    }

    /**
     * Value of non-perpetual position i at the horizon given the spot of its observation (an expired inverse option:
     * as if the horizon spot were the expiry spot, i.e. its cash value at expiry; see {@link #positionValue(int,
     * double[][], int)}).
     */
    double positionValue(int i, double spot) {
        return switch (kind[i]) {
            case 0 -> positionGrid[i].at(Math.log(spot));
            case 1, 2 -> exactValue(i, spot);
            default -> throw new IllegalArgumentException("perpetuals are valued by the path kernel");
        };
    }

    /** Exact horizon value (closed form), for tests of the tabulation and for the non-gridded positions. */
    double exactValue(int i, double spot) {
        Position p = book.positions().get(i);
        if (p instanceof SpotPosition s) {
            return s.quantity() * spot;
        }
        OptionPosition o = (OptionPosition) p;
        if (kind[i] == 1) {
            return o.quantity() * PositionValuer.intrinsic(o, spot);
        }
        double vol = o.volOr(book.market().underlying(o.underlying()).vol());
        return PositionValuer.optionValue(
                o, spot, book.yearsTo(o.expiry()) - years, book.market().rate(), vol);
    }

    int observation(int i) {
        return observation[i];
    }

    boolean isPerpetual(int i) {
        return kind[i] == 3;
    }

    boolean isGridded(int i) {
        return kind[i] == 0;
    }
}
