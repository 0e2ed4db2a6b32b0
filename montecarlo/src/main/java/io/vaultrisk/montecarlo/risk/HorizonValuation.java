package io.vaultrisk.montecarlo.risk;

import io.vaultrisk.basics.BlackScholes;
import io.vaultrisk.basics.Normal;
import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.ImpliedVolSurface;
import io.vaultrisk.montecarlo.book.OptionPosition;
import io.vaultrisk.montecarlo.book.PerpetualPosition;
import io.vaultrisk.montecarlo.book.Position;
import io.vaultrisk.montecarlo.book.SpotPosition;
import io.vaultrisk.montecarlo.book.Underlying;
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
 *
 * <p>Each option is marked at its own strike and remaining expiry: on its underlying's surface when it has one (the
 * smile moves with the spot, sticky moneyness, unless the book asks for sticky strike), else at its own or the
 * underlying's flat vol. An underlying with vol dynamics has a 2-D table instead, log-spot × vol factor x
 * ({@link #VOL_NODES} nodes spanning the simulated x, cubic Lagrange between them, cubic Hermite in log-spot on
 * {@link #NODES_WITH_VOL} nodes); a path then costs four spot interpolations for that underlying. When every path has
 * the same x (vol of vol 0) the table is the 1-D one, so frozen vols give the same numbers bit for bit.
 */
final class HorizonValuation {
    static final int NODES = 2049;
    static final int NODES_WITH_VOL = 1025;
    static final int VOL_NODES = 25;
    /** An option is tabulated only if its remaining standard deviation spans this many grid steps. */
    static final double MIN_SD_IN_STEPS = 40;

    private final SimulationPlan plan;
    private final Book book;
    private final int horizon;
    private final double years;
    /** Per underlying and vol node: the book's table of that underlying. */
    private final ValueGrid[][] bookGrid;
    /** Per underlying: first vol-factor node and node spacing (0: one node), observation of x (−1: none). */
    private final double[] volStart, volStep;

    private final int[] volObs;
    private final ValueGrid[] positionGrid;
    /** Per position: observation index of its spot (−1 for perpetuals). */
    private final int[] observation;
    /** Per position: observation index of its underlying's spot at this horizon. */
    private final int[] horizonObservation;

    private final int[] kind; // 0 gridded, 1 expired (intrinsic at expiry step), 2 exact BS, 3 perpetual
    private final List<Integer> nonGridded = new ArrayList<>();

    HorizonValuation(SimulationPlan plan, BookSimulator.Output out, int horizon) {
        this(plan, bounds(out.obs()), horizon);
    }

    /** Each observation's smallest and largest value over the paths: {min[o], max[o]}. */
    static double[][] bounds(double[][] obs) {
        double[] lo = new double[obs.length], hi = new double[obs.length];
        for (int o = 0; o < obs.length; o++) {
            double a = Double.POSITIVE_INFINITY, b = Double.NEGATIVE_INFINITY;
            for (double v : obs[o]) {
                a = Math.min(a, v);
                b = Math.max(b, v);
            }
            lo[o] = a;
            hi[o] = b;
        }
        return new double[][] {lo, hi};
    }

    /**
     * The valuation at one horizon from the smallest and largest simulated value of each observation over all paths
     * ({@link #bounds}), which span its tables: a range of the paths builds the same tables as the whole run when it
     * is given the whole run's bounds.
     */
    HorizonValuation(SimulationPlan plan, double[][] bounds, int horizon) {
        double[] obsMin = bounds[0], obsMax = bounds[1];
        this.plan = plan;
        this.book = plan.book;
        this.horizon = horizon;
        this.years = plan.horizonYears(horizon);
        int u = plan.underlyings;
        List<Position> ps = book.positions();
        bookGrid = new ValueGrid[u][];
        volStart = new double[u];
        volStep = new double[u];
        volObs = new int[u];
        int[] nodes = new int[u];
        for (int d = 0; d < u; d++) {
            volObs[d] = plan.volObservation[horizon][d];
            int vn = 1;
            if (volObs[d] >= 0) {
                double lo = obsMin[volObs[d]], hi = obsMax[volObs[d]];
                volStart[d] = lo;
                if (hi > lo) {
                    double pad = 0.01 * (hi - lo);
                    volStart[d] = lo - pad;
                    volStep[d] = (hi - lo + 2 * pad) / (VOL_NODES - 1);
                    vn = VOL_NODES;
                }
            }
            nodes[d] = vn == 1 ? NODES : NODES_WITH_VOL;
            double lo = obsMin[plan.observation(horizon, d)], hi = obsMax[plan.observation(horizon, d)];
            double a = Math.log(lo), b = Math.log(hi), pad = Math.max(1e-6, 0.01 * (b - a));
            a -= pad;
            b += pad;
            bookGrid[d] = new ValueGrid[vn];
            for (int j = 0; j < vn; j++) {
                bookGrid[d][j] = new ValueGrid(a, (b - a) / (nodes[d] - 1), nodes[d]);
            }
        }
        double[][] spots = new double[u][];
        for (int d = 0; d < u; d++) {
            spots[d] = new double[nodes[d]];
            for (int j = 0; j < nodes[d]; j++) {
                spots[d][j] = Math.exp(bookGrid[d][0].x(j));
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
            ValueGrid[] gs = bookGrid[d];
            ValueGrid g = gs[0];
            int n = nodes[d];
            if (p instanceof PerpetualPosition) {
                kind[i] = 3;
                observation[i] = -1;
                continue;
            }
            if (p instanceof OptionPosition o) {
                int step = plan.expiryStep(o);
                double tau = book.yearsTo(o.expiry()) - years;
                if (step <= plan.horizonSteps[horizon]) {
                    kind[i] = 1;
                    observation[i] = plan.expiryObservation.get(((long) d << 32) | step);
                    nonGridded.add(i);
                    continue;
                }
                double volNow = tau > 0
                        ? markVol(
                                o, tau, book.market().underlying(o.underlying()).spot(), 0.0)
                        : 0;
                if (!(volNow * Math.sqrt(tau) >= MIN_SD_IN_STEPS * g.step)) { // also tau <= 0 (within half a step)
                    kind[i] = 2;
                    nonGridded.add(i);
                    continue;
                }
                boolean smile = smileMovesWithSpot(o);
                Underlying ux = book.market().underlying(o.underlying());
                boolean onSurface = Double.isNaN(o.vol()) && ux.surface() != null;
                double ref = onSurface && !smile ? ux.spot() : 0;
                for (int j = 0; j < gs.length; j++) {
                    double x = volStart[d] + j * volStep[d];
                    ImpliedVolSurface.Smile sm = onSurface ? ux.surface().smile(tau, x) : null;
                    double flat = onSurface ? 0 : markVol(o, tau, spots[d][0], x);
                    ValueGrid pg = new ValueGrid(g.start, g.step, n);
                    for (int k = 0; k < n; k++) {
                        double spot = spots[d][k];
                        double vol = flat, dVolDlnS = 0;
                        if (onSurface) {
                            // k = ln(K / (S·e^(rτ))), S the spot (sticky moneyness) or today's (sticky strike)
                            double m = Math.log(o.strike() / (smile ? spot : ref)) - rate * tau;
                            double w = Math.max(sm.totalVariance(m), 1e-16);
                            vol = Math.sqrt(w / tau);
                            if (smile) {
                                dVolDlnS = -sm.slope(m) / (2 * vol * tau);
                            }
                        }
                        BlackScholes.valueAndDelta(o.optionType(), spot, o.strike(), tau, rate, vol, vd);
                        pg.value[k] = o.quantity() * vd[0];
                        pg.slope[k] = o.quantity() * vd[1] * spot;
                        if (smile) {
                            // d value / d ln S also moves the vol along the smile: vega · dσ/d ln S
                            pg.slope[k] += o.quantity() * vega(spot, o.strike(), tau, rate, vol) * dVolDlnS;
                        }
                    }
                    gs[j].add(pg);
                    if (gs.length == 1) {
                        positionGrid[i] = pg;
                    }
                }
                if (gs.length > 1) {
                    kind[i] = 2; // in the book's 2-D table; alone (Euler contributions) it is valued exactly
                }
            } else {
                SpotPosition s = (SpotPosition) p;
                ValueGrid pg = new ValueGrid(g.start, g.step, n);
                for (int k = 0; k < n; k++) {
                    double spot = spots[d][k];
                    pg.value[k] = s.quantity() * spot;
                    pg.slope[k] = s.quantity() * spot;
                }
                positionGrid[i] = pg;
                for (ValueGrid each : gs) {
                    each.add(pg);
                }
            }
        }
    }

    /** The vol an option is marked at with τ years left at spot S and vol factor x; its own vol overrides a surface. */
    double markVol(OptionPosition o, double tau, double spot, double x) {
        if (!Double.isNaN(o.vol())) {
            return x == 0.0 ? o.vol() : o.vol() * Math.exp(x);
        }
        return book.market()
                .underlying(o.underlying())
                .markVol(tau, o.strike(), spot, book.market().rate(), x);
    }

    private boolean smileMovesWithSpot(OptionPosition o) {
        Underlying x = book.market().underlying(o.underlying());
        return Double.isNaN(o.vol())
                && x.surface() != null
                && (x.volDynamics() == null || !x.volDynamics().stickyStrike());
    }

    private static double vega(double spot, double strike, double tau, double rate, double vol) {
        double sd = vol * Math.sqrt(tau);
        double d1 = (Math.log(spot / strike) + rate * tau) / sd + 0.5 * sd;
        return spot * Normal.pdf(d1) * Math.sqrt(tau);
    }

    /** Book value at the horizon on every path, in the quote currency. */
    double[] bookValues(BookSimulator.Output out) {
        int n = out.perpValue()[horizon].length;
        double[] v = out.perpValue()[horizon].clone();
        for (int d = 0; d < plan.underlyings; d++) {
            double[] s = out.obs()[plan.observation(horizon, d)];
            ValueGrid[] gs = bookGrid[d];
            if (gs.length == 1) {
                ValueGrid g = gs[0];
                for (int k = 0; k < n; k++) {
                    v[k] += g.at(Math.log(s[k]));
                }
            } else {
                double[] x = out.obs()[volObs[d]];
                for (int k = 0; k < n; k++) {
                    v[k] += at2d(d, Math.log(s[k]), x[k]);
                }
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
                double[] x = factorOf(i, out);
                for (int k = 0; k < n; k++) {
                    v[k] += exactValue(i, s[k], x == null ? 0.0 : x[k]);
                }
            }
        }
        return v;
    }

    /** The 2-D table of underlying d: cubic Lagrange in the vol factor over four nodes of spot interpolations. */
    private double at2d(int d, double lnS, double x) {
        ValueGrid[] gs = bookGrid[d];
        double f = (x - volStart[d]) / volStep[d];
        int j = Math.max(0, Math.min(gs.length - 4, (int) Math.floor(f) - 1));
        double t = f - j;
        double w0 = -(t - 1) * (t - 2) * (t - 3) / 6, w1 = t * (t - 2) * (t - 3) / 2;
        double w2 = -t * (t - 1) * (t - 3) / 2, w3 = t * (t - 1) * (t - 2) / 6;
        return w0 * gs[j].at(lnS) + w1 * gs[j + 1].at(lnS) + w2 * gs[j + 2].at(lnS) + w3 * gs[j + 3].at(lnS);
    }

    private double[] factorOf(int i, BookSimulator.Output out) {
        int d = book.market().indexOf(book.positions().get(i).underlying());
        return volObs[d] >= 0 ? out.obs()[volObs[d]] : null;
    }

    /**
     * Value of non-perpetual position i at the horizon on path {@code path} of the run {@code out}; an inverse option
     * that expired inside the horizon is worth its coins at the horizon spot ({@link CoinSettlement}).
     */
    double positionValue(int i, BookSimulator.Output out, int path) {
        double spot = out.obs()[observation[i]][path];
        if (kind[i] == 1) {
            return CoinSettlement.horizonValue(
                    (OptionPosition) book.positions().get(i), spot, out.obs()[horizonObservation[i]][path]);
        }
        double[] x = factorOf(i, out);
        return switch (kind[i]) {
            case 0 -> positionGrid[i].at(Math.log(spot));
            case 1, 2 -> exactValue(i, spot, x == null ? 0.0 : x[path]);
            default -> throw new IllegalArgumentException("perpetuals are valued by the path kernel");
        };
    }

    /** Exact horizon value (closed form) at spot S and vol factor x, for tests of the tables and for the rest. */
    double exactValue(int i, double spot, double x) {
        Position p = book.positions().get(i);
        if (p instanceof SpotPosition s) {
            return s.quantity() * spot;
        }
        OptionPosition o = (OptionPosition) p;
        if (kind[i] == 1) {
            return o.quantity() * PositionValuer.intrinsic(o, spot);
        }
        double tau = book.yearsTo(o.expiry()) - years;
        double vol = tau > 0 ? markVol(o, tau, spot, x) : 1.0;
        return PositionValuer.optionValue(o, spot, tau, book.market().rate(), vol);
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
