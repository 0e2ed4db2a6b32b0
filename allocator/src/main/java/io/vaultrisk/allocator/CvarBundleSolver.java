package io.vaultrisk.allocator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.ojalgo.optimisation.Optimisation;

/**
 * Mean-CVaR at scale: a level-bundle method on the CVaR function (after Künzi-Bay &amp; Mayer 2006 and Lemaréchal,
 * Nemirovskii &amp; Nesterov 1995) whose master problems have N variables and one row per cut, never one per scenario.
 * <p>
 * CVaR of the loss is sublinear in the weights, so each oracle call (O(S·N): losses, a selection for the tail,
 * the tail mean of the returns) yields a cut CVaR(w) ≥ g·w valid everywhere. The cutting-plane model's minimum over
 * the constraints (an ojAlgo LP) is a certified lower bound; the best point evaluated is an upper bound; the next
 * trial point is the ℓ1-projection of the best point onto the level set {model ≤ LB + λ(UB − LB)} (an ojAlgo LP),
 * which keeps iterates from zig-zagging like plain Kelley cuts; the model's minimiser is evaluated as well, and the
 * method ends exactly once the model holds the optimal face. It stops when the certified gap is below tolerance.
 * <p>
 * Maximum return under a CVaR limit reuses the cut pool of the minimum-CVaR solve as its starting model and runs a
 * supporting-hyperplane method: the master LP maximises return over the cuts (an upper bound); the segment from the
 * minimum-CVaR point (strictly inside) to the master's point crosses CVaR = limit at a point found by Newton steps on
 * the convex, piecewise-linear CVaR along the segment, which is feasible (a lower bound) and gives the deepest cut.
 */
public final class CvarBundleSolver implements MeanCvarSolver {

    public static final CvarBundleSolver DEFAULT = new CvarBundleSolver(1e-9, 1e-9, 0.3, 500);

    static final String NAME = "level-bundle (ojalgo master LPs)";

    private final double absoluteTolerance;
    private final double relativeTolerance;
    private final double levelFraction;
    private final int maxIterations;

    private CvarBundleSolver(
            double absoluteTolerance, double relativeTolerance, double levelFraction, int maxIterations) {
        this.absoluteTolerance = absoluteTolerance;
        this.relativeTolerance = relativeTolerance;
        this.levelFraction = levelFraction;
        this.maxIterations = maxIterations;
    }

    /**
     * @param absoluteTolerance  stop when UB − LB ≤ abs + rel·|UB|
     * @param relativeTolerance  see above
     * @param levelFraction  λ in (0, 1): the level LB + λ(UB − LB); smaller is more aggressive
     * @param maxIterations  master problems before giving up with {@link AllocationStatus#NOT_CONVERGED}
     */
    public static CvarBundleSolver of(
            double absoluteTolerance, double relativeTolerance, double levelFraction, int maxIterations) {
        if (!(absoluteTolerance > 0) || !(relativeTolerance >= 0)) {
            throw new IllegalArgumentException("tolerance: absolute must be > 0 and relative >= 0");
        }
        if (!(levelFraction > 0 && levelFraction < 1)) {
            throw new IllegalArgumentException("levelFraction: must be in (0, 1), got " + levelFraction);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations: must be >= 1, got " + maxIterations);
        }
        return new CvarBundleSolver(absoluteTolerance, relativeTolerance, levelFraction, maxIterations);
    }

    @Override
    public Allocation solve(MeanCvarProblem problem) {
        Session session = new Session(problem, new CvarOracle(problem.scenarios(), problem.beta()));
        return problem.maximiseReturn() ? session.maxReturn() : session.minCvar(problem.targetReturn());
    }

    /** Solves a sequence of minimum-CVaR problems on one cut pool (the efficient frontier), in the order given. */
    public List<Allocation> frontier(MeanCvarProblem base, double[] targetReturns) {
        Session session = new Session(base, new CvarOracle(base.scenarios(), base.beta()));
        List<Allocation> out = new ArrayList<>(targetReturns.length);
        for (double target : targetReturns) {
            out.add(session.minCvar(target));
        }
        return out;
    }

    static String limitBelowMinimum(double limit, double minimum) {
        return String.format(
                Locale.ROOT,
                "CVaR limit %.6g is below the lowest CVaR %.6g reachable under the constraints",
                limit,
                minimum);
    }

    private boolean closed(double upper, double lower) {
        return upper - lower <= absoluteTolerance + relativeTolerance * Math.abs(upper);
    }

    /** One problem's oracle, cut pool and iteration count. */
    private final class Session {
        private final MeanCvarProblem p;
        private final PortfolioConstraints c;
        private final CvarOracle oracle;
        private final double[] mean;
        private final List<double[]> cuts = new ArrayList<>();
        private final DenseMaster dense;
        private int iterations;

        Session(MeanCvarProblem p, CvarOracle oracle) {
            this.p = p;
            this.c = p.constraints();
            this.oracle = oracle;
            this.mean = p.scenarios().means();
            this.dense = new DenseMaster(c);
            // cuts at the unit vectors: N cheap oracle calls that bound the model from the first master on
            int n = mean.length;
            for (int i = 0; i < n; i++) {
                double[] e = new double[n];
                e[i] = 1.0;
                cuts.add(oracle.evaluate(e).gradient());
            }
        }

        private double total(CvarOracle.Cut cut) {
            return cut.value() + c.tradingCost(cut.point());
        }

        private double netReturn(double[] w) {
            double r = 0;
            for (int i = 0; i < w.length; i++) {
                r += mean[i] * w[i];
            }
            return r - c.tradingCost(w);
        }

        private CvarOracle.Cut evaluate(double[] w) {
            CvarOracle.Cut cut = oracle.evaluate(w);
            cuts.add(cut.gradient());
            return cut;
        }

        Allocation minCvar(double target) {
            int start = iterations;
            iterations++;
            Master lp = cvarMaster(target, Double.NaN, null);
            if (lp.state == Optimisation.State.UNBOUNDED) {
                return Allocation.failed(
                        p.scenarios().names(), AllocationStatus.UNBOUNDED, "the objective is unbounded", NAME);
            }
            if (!lp.state.isFeasible()) {
                String reason = Double.isNaN(target)
                        ? Feasibility.constraintsClash(c)
                        : Feasibility.explainTarget(p.withTargetReturn(target));
                return Allocation.failed(
                        p.scenarios().names(),
                        AllocationStatus.INFEASIBLE,
                        reason == null ? "the master problem failed: " + lp.state : reason,
                        NAME);
            }
            double lower = lp.value;
            CvarOracle.Cut first = evaluate(lp.weights);
            double upper = total(first);
            double[] best = first.point();
            while (!closed(upper, lower) && iterations - start < maxIterations) {
                iterations++;
                // the projection spreads trial points; the LP each round is the certified lower bound, and its vertex
                // is
                // where the method ends exactly once the model holds the optimal face
                double level = lower + levelFraction * (upper - lower);
                Master projection = cvarMaster(target, level, best);
                if (projection.state.isFeasible()) {
                    CvarOracle.Cut trial = evaluate(projection.weights);
                    if (total(trial) < upper) {
                        upper = total(trial);
                        best = trial.point();
                    }
                }
                lp = cvarMaster(target, Double.NaN, null);
                if (!lp.state.isFeasible()) {
                    break;
                }
                lower = Math.max(lower, lp.value);
                if (closed(upper, lower)) {
                    break;
                }
                CvarOracle.Cut atLp = evaluate(lp.weights);
                if (total(atLp) < upper) {
                    upper = total(atLp);
                    best = atLp.point();
                }
            }
            boolean done = closed(upper, lower);
            return finish(best, done ? AllocationStatus.OPTIMAL : AllocationStatus.NOT_CONVERGED, upper - lower);
        }

        Allocation maxReturn() {
            double limit = p.cvarLimit();
            Allocation least = minCvar(Double.NaN);
            if (least.status() != AllocationStatus.OPTIMAL) {
                return least;
            }
            if (least.cvar() > limit) {
                return Allocation.failed(
                        p.scenarios().names(),
                        AllocationStatus.INFEASIBLE,
                        limitBelowMinimum(limit, least.cvar()),
                        NAME);
            }
            double[] inner = least.weights();
            CvarOracle.Cut innerCut = oracle.evaluate(inner);
            double[] best = inner;
            double lower = netReturn(inner);
            double upper = Double.POSITIVE_INFINITY;
            int start = iterations;
            while (iterations - start < maxIterations) {
                iterations++;
                Master lp = returnMaster(limit);
                if (lp.state == Optimisation.State.UNBOUNDED) {
                    return Allocation.failed(
                            p.scenarios().names(), AllocationStatus.UNBOUNDED, "the return is unbounded", NAME);
                }
                if (!lp.state.isFeasible()) {
                    break;
                }
                upper = Math.min(upper, lp.value);
                CvarOracle.Cut outer = evaluate(lp.weights);
                if (total(outer) <= limit + 1e-12 * Math.max(1.0, Math.abs(limit))) {
                    return finish(
                            outer.point(), AllocationStatus.OPTIMAL, Math.max(0.0, upper - netReturn(outer.point())));
                }
                if (total(innerCut) >= limit) {
                    // the limit equals the minimum CVaR: the minimum-CVaR point is the only feasible one we can certify
                    break;
                }
                double[] boundary = boundaryPoint(innerCut, outer, limit);
                evaluate(boundary);
                if (netReturn(boundary) > lower) {
                    lower = netReturn(boundary);
                    best = boundary;
                }
                if (closed(upper, lower)) {
                    return finish(best, AllocationStatus.OPTIMAL, upper - lower);
                }
            }
            boolean done = closed(upper, lower) || total(innerCut) >= limit;
            return finish(best, done ? AllocationStatus.OPTIMAL : AllocationStatus.NOT_CONVERGED, upper - lower);
        }

        /**
         * The point on [inner, outer] where CVaR + cost equals the limit. Along the segment the function is convex and
         * piecewise linear, negative at 0 and positive at 1, so Newton steps from the right stay right of the root and
         * end after finitely many pieces.
         */
        private double[] boundaryPoint(CvarOracle.Cut inner, CvarOracle.Cut outer, double limit) {
            double[] x0 = inner.point();
            double[] d = new double[x0.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = outer.point()[i] - x0[i];
            }
            double[] l0 = inner.losses();
            double[] dl = new double[l0.length];
            for (int s = 0; s < dl.length; s++) {
                dl[s] = outer.losses()[s] - l0[s];
            }
            double[] lt = new double[l0.length];
            double tau = 1.0;
            double tolerance = 1e-14 * Math.max(1.0, Math.abs(limit));
            for (int step = 0; step < 200; step++) {
                for (int s = 0; s < lt.length; s++) {
                    lt[s] = l0[s] + tau * dl[s];
                }
                double[] vs = oracle.valueAndSlope(lt, dl);
                double[] x = point(x0, d, tau);
                double h = vs[0] + c.tradingCost(x) - limit;
                double slope = vs[1] + costSlope(x, d);
                if (h <= tolerance || slope <= 0) {
                    break;
                }
                double next = Math.max(0.0, tau - h / slope);
                if (next >= tau) {
                    break;
                }
                tau = next;
            }
            return point(x0, d, tau);
        }

        private double costSlope(double[] x, double[] d) {
            double slope = 0;
            double[] w0 = c.current();
            for (int i = 0; i < x.length; i++) {
                double diff = x[i] - w0[i];
                slope += diff > 0 ? d[i] : (diff < 0 ? -d[i] : Math.abs(d[i]));
            }
            return c.costRate() * slope;
        }

        private double[] point(double[] x0, double[] d, double tau) {
            double[] x = new double[x0.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = x0[i] + tau * d[i];
            }
            return x;
        }

        /**
         * Minimum of the cut model (LP, when level is NaN) or the projection of {@code centre} onto the level set of the
         * model in the ℓ1 norm (LP), over the constraints and the return target.
         */
        private Master cvarMaster(double target, double level, double[] centre) {
            int n = mean.length;
            int base = dense.base;
            boolean projecting = !Double.isNaN(level);
            // extra variables: θ (the model's value) for the LP, or d ≥ |w − centre| (n) for the ℓ1 projection. A
            // Euclidean projection (an ojAlgo QP) took no fewer iterations here and its active-set start stalled on
            // degenerate cut sets, so every master stays an LP.
            int width = base + (projecting ? n : 1);
            List<double[]> rows = new ArrayList<>(cuts.size() + 2 * n + 1);
            List<Double> rhs = new ArrayList<>(rows.size());
            for (double[] g : cuts) {
                double[] row = new double[width];
                System.arraycopy(g, 0, row, 0, n);
                if (projecting) {
                    dense.addCost(row, 1.0);
                    rhs.add(level);
                } else {
                    row[base] = -1.0;
                    rhs.add(0.0);
                }
                rows.add(row);
            }
            if (!Double.isNaN(target)) {
                double[] row = dense.netReturn(mean, width);
                for (int i = 0; i < width; i++) {
                    row[i] = -row[i];
                }
                rows.add(row);
                rhs.add(-target);
            }
            double[] objective = new double[width];
            double[] extraLower = new double[width - base];
            double[] extraUpper = new double[width - base];
            Arrays.fill(extraUpper, Double.POSITIVE_INFINITY);
            if (projecting) {
                for (int i = 0; i < n; i++) {
                    objective[base + i] = 1.0;
                    double[] up = new double[width];
                    up[i] = 1.0;
                    up[base + i] = -1.0;
                    rows.add(up);
                    rhs.add(centre[i]);
                    double[] down = new double[width];
                    down[i] = -1.0;
                    down[base + i] = -1.0;
                    rows.add(down);
                    rhs.add(-centre[i]);
                }
            } else {
                objective[base] = 1.0;
                dense.addCost(objective, 1.0);
                extraLower[0] = Double.NEGATIVE_INFINITY;
            }
            Optimisation.Result r = dense.minimise(objective, rows, rhs, extraLower, extraUpper);
            return new Master(r.getState(), r.getValue(), r.getState().isFeasible() ? dense.weights(r) : null);
        }

        /** Maximum net return over the cut model's set {g·w + cost ≤ limit} and the constraints. */
        private Master returnMaster(double limit) {
            int n = mean.length;
            int width = dense.base;
            List<double[]> rows = new ArrayList<>(cuts.size());
            List<Double> rhs = new ArrayList<>(cuts.size());
            for (double[] g : cuts) {
                double[] row = new double[width];
                System.arraycopy(g, 0, row, 0, n);
                dense.addCost(row, 1.0);
                rows.add(row);
                rhs.add(limit);
            }
            double[] objective = dense.netReturn(mean, width);
            for (int i = 0; i < width; i++) {
                objective[i] = -objective[i];
            }
            Optimisation.Result r = dense.minimise(objective, rows, rhs, new double[0], new double[0]);
            return new Master(r.getState(), -r.getValue(), r.getState().isFeasible() ? dense.weights(r) : null);
        }

        private Allocation finish(double[] w, AllocationStatus status, double gap) {
            if (w == null) {
                return Allocation.failed(
                        p.scenarios().names(), AllocationStatus.INFEASIBLE, "no feasible point found", NAME);
            }
            if (!PortfolioModel.boundedSet(c)) {
                for (double wi : w) {
                    if (Math.abs(wi) >= 0.999 * PortfolioModel.ARTIFICIAL_BOUND) {
                        return Allocation.failed(
                                p.scenarios().names(),
                                AllocationStatus.UNBOUNDED,
                                "weights grow without bound (add bounds or a leverage cap)",
                                NAME);
                    }
                }
            }
            String reason = status == AllocationStatus.OPTIMAL ? "" : "iteration limit " + maxIterations + " reached";
            return Allocation.evaluate(p.scenarios(), p.beta(), c, w, status, reason, NAME, iterations, gap);
        }
    }

    /** A master problem's outcome. */
    private record Master(Optimisation.State state, double value, double[] weights) {}
}
