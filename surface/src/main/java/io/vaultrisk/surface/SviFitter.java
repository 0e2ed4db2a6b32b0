package io.vaultrisk.surface;

import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleValueChecker;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Raw SVI fit of one smile by the quasi-explicit method of Zeliade Systems (De Marco and Martini, 2009).
 * <p>
 * For fixed {@code (m, σ)}, with {@code y = (k - m)/σ}, the smile {@code w = a + d y + c √(y² + 1)} is linear in
 * {@code (a, d, c)} ({@code c = bσ}, {@code d = ρbσ}), so the weighted least-squares problem in those three is a small
 * quadratic programme over the polytope {@code 0 ≤ c}, {@code |d| ≤ c}, {@code |d| ≤ 4σ - c} (Lee's moment bound
 * {@code b(1 + |ρ|) ≤ 4}) and {@code 0 ≤ a ≤ max w}. It is solved exactly by enumerating the active sets (at most three
 * of the seven faces): the optimum of a convex quadratic over a polytope is the best feasible stationary point on one of
 * its faces. Only the outer two-dimensional problem in {@code (m, σ)} is non-linear: a grid search, then Nelder–Mead in
 * {@code (m, ln σ)}.
 * <p>
 * The domain keeps the wings within Lee's bounds but does not by itself exclude butterfly arbitrage; run
 * {@link ArbitrageChecker} on the result (SSVI, by contrast, is arbitrage-free by construction).
 */
public final class SviFitter {

    /** The default fitter. */
    public static final SviFitter DEFAULT = new SviFitter();

    private static final int GRID = 13;

    private SviFitter() {}

    /** Fits raw SVI to the smile (at least 5 points with positive weight). */
    public SviParameters fit(SmileData smile) {
        int used = 0;
        for (double w : smile.weight()) {
            used += w > 0.0 ? 1 : 0;
        }
        if (used < 5) {
            throw new IllegalArgumentException(
                    "raw SVI has 5 parameters: a smile needs at least 5 quotes, got " + used);
        }
        double kMin = Double.POSITIVE_INFINITY;
        double kMax = Double.NEGATIVE_INFINITY;
        for (double k : smile.logMoneyness()) {
            kMin = Math.min(kMin, k);
            kMax = Math.max(kMax, k);
        }
        double span = Math.max(kMax - kMin, 1e-3);
        double bestM = 0.0;
        double bestLogSigma = Math.log(0.1 * span);
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < GRID; i++) {
            double m = kMin - 0.25 * span + 1.5 * span * i / (GRID - 1);
            for (int j = 0; j < GRID; j++) {
                double logSigma = Math.log(span * 1e-3) + Math.log(2e3) * j / (GRID - 1);
                double v = inner(smile, m, Math.exp(logSigma)).sse;
                if (v < best) {
                    best = v;
                    bestM = m;
                    bestLogSigma = logSigma;
                }
            }
        }
        // an iteration cap that counts as convergence: a noisy smile must never fail on "too many evaluations"
        SimplexOptimizer optimizer = new SimplexOptimizer(new SimpleValueChecker(1e-15, 1e-18, 2000));
        double mLo = kMin - span;
        double mHi = kMax + span;
        ObjectiveFunction objective = new ObjectiveFunction(p -> {
            double m = Math.min(Math.max(p[0], mLo), mHi);
            double sigma = Math.exp(Math.min(Math.max(p[1], -12.0), 2.0));
            return inner(smile, m, sigma).sse;
        });
        double[] start = {bestM, bestLogSigma};
        for (int round = 0; round < 3; round++) {
            PointValuePair result = optimizer.optimize(
                    new MaxEval(1_000_000),
                    objective,
                    GoalType.MINIMIZE,
                    new InitialGuess(start),
                    new NelderMeadSimplex(new double[] {0.05 * span, 0.3}));
            start = result.getPoint();
        }
        double m = Math.min(Math.max(start[0], mLo), mHi);
        double sigma = Math.exp(Math.min(Math.max(start[1], -12.0), 2.0));
        Inner in = inner(smile, m, sigma);
        double c = Math.max(in.c, 0.0);
        double b = c / sigma;
        double rho = c > 0.0 ? Math.max(-0.999999, Math.min(0.999999, in.d / c)) : 0.0;
        return SviParameters.of(Math.max(in.a, 0.0), b, rho, m, sigma);
    }

    private record Inner(double a, double d, double c, double sse) {}

    /** The exact constrained weighted least squares in (a, d, c) for fixed (m, σ). */
    static Inner inner(SmileData smile, double m, double sigma) {
        double[][] n = new double[3][3];
        double[] r = new double[3];
        double yy = 0.0;
        double wMax = 0.0;
        double[] ks = smile.logMoneyness();
        double[] ws = smile.totalVariance();
        double[] om = smile.weight();
        for (int i = 0; i < ks.length; i++) {
            double y = (ks[i] - m) / sigma;
            double[] row = {1.0, y, Math.sqrt(y * y + 1.0)};
            for (int p = 0; p < 3; p++) {
                r[p] += om[i] * row[p] * ws[i];
                for (int q = 0; q < 3; q++) {
                    n[p][q] += om[i] * row[p] * row[q];
                }
            }
            yy += om[i] * ws[i] * ws[i];
            wMax = Math.max(wMax, ws[i]);
        }
        double s4 = 4.0 * sigma;
        double[][] g = {{0, 0, -1}, {0, 1, -1}, {0, -1, -1}, {0, 1, 1}, {0, -1, 1}, {-1, 0, 0}, {1, 0, 0}};
        double[] h = {0, 0, 0, s4, s4, 0, wMax};
        double bestValue = Double.POSITIVE_INFINITY;
        double[] bestP = {0.0, 0.0, 0.0};
        int faces = g.length;
        // subsets of at most three active faces, as bit masks
        for (int mask = 0; mask < (1 << faces); mask++) {
            int active = Integer.bitCount(mask);
            if (active > 3) {
                continue;
            }
            double[] p = solveKkt(n, r, g, h, mask, active);
            if (p == null || !feasible(p, g, h)) {
                continue;
            }
            double value = yy - 2.0 * dot(r, p) + quad(n, p);
            if (value < bestValue) {
                bestValue = value;
                bestP = p;
            }
            if (mask == 0) {
                break; // the unconstrained optimum is feasible, hence optimal (convex problem)
            }
        }
        return new Inner(bestP[0], bestP[1], bestP[2], Math.max(bestValue, 0.0));
    }

    private static double[] solveKkt(double[][] n, double[] r, double[][] g, double[] h, int mask, int active) {
        int size = 3 + active;
        double[][] a = new double[size][size + 1];
        for (int p = 0; p < 3; p++) {
            System.arraycopy(n[p], 0, a[p], 0, 3);
            a[p][size] = r[p];
        }
        int row = 3;
        for (int f = 0; f < g.length; f++) {
            if ((mask & (1 << f)) != 0) {
                for (int p = 0; p < 3; p++) {
                    a[row][p] = g[f][p];
                    a[p][row] = g[f][p];
                }
                a[row][size] = h[f];
                row++;
            }
        }
        double[] solution = gauss(a, size);
        return solution == null ? null : new double[] {solution[0], solution[1], solution[2]};
    }

    /** Gaussian elimination with partial pivoting on an augmented matrix; null when (numerically) singular. */
    static double[] gauss(double[][] a, int size) {
        double scale = 0.0;
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                scale = Math.max(scale, Math.abs(a[i][j]));
            }
        }
        for (int col = 0; col < size; col++) {
            int pivot = col;
            for (int i = col + 1; i < size; i++) {
                if (Math.abs(a[i][col]) > Math.abs(a[pivot][col])) {
                    pivot = i;
                }
            }
            if (Math.abs(a[pivot][col]) <= 1e-13 * scale) {
                return null;
            }
            double[] tmp = a[col];
            a[col] = a[pivot];
            a[pivot] = tmp;
            for (int i = col + 1; i < size; i++) {
                double f = a[i][col] / a[col][col];
                for (int j = col; j <= size; j++) {
                    a[i][j] -= f * a[col][j];
                }
            }
        }
        double[] x = new double[size];
        for (int i = size - 1; i >= 0; i--) {
            double s = a[i][size];
            for (int j = i + 1; j < size; j++) {
                s -= a[i][j] * x[j];
            }
            x[i] = s / a[i][i];
        }
        return x;
    }

    private static boolean feasible(double[] p, double[][] g, double[] h) {
        for (int f = 0; f < g.length; f++) {
            if (dot(g[f], p) > h[f] + 1e-12 * (1.0 + Math.abs(h[f]))) {
                return false;
            }
        }
        return true;
    }

    private static double dot(double[] x, double[] y) {
        return x[0] * y[0] + x[1] * y[1] + x[2] * y[2];
    }

    private static double quad(double[][] n, double[] p) {
        double s = 0.0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                s += p[i] * n[i][j] * p[j];
            }
        }
        return s;
    }
}
