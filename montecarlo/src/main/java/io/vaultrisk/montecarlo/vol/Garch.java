package io.vaultrisk.montecarlo.vol;

import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * GARCH(1,1) with zero mean and Gaussian innovations: {@code h[t+1] = ω + α r[t]² + β h[t]}, {@code h[0]} the sample
 * variance, fitted by maximum likelihood.
 *
 * <p>Stationarity is enforced by the parametrisation, not by a penalty: the optimiser works on unconstrained
 * {@code (a, b, c)} with {@code ω = s²·eᵃ}, persistence {@code α + β = P·logistic(b)} with
 * {@code P = }{@value #MAX_PERSISTENCE}, {@code α = (α + β)·logistic(c)}, so every point it tries is a stationary model
 * (s² = the sample variance, which puts ω on a unit scale). Nelder–Mead from several starts; the best likelihood
 * wins. Standard errors: the inverse of the numerical Hessian of the negative log-likelihood in (ω, α, β) at the
 * optimum (the classical, not the robust sandwich, errors — they assume Gaussian innovations, which fat-tailed crypto
 * returns are not, so they are too small on real data).
 */
public final class Garch {
    public static final Garch DEFAULT = new Garch();
    public static final double MAX_PERSISTENCE = 0.9999;
    public static final int MIN_RETURNS = 100;

    private Garch() {}

    /** Fitted parameters, their standard errors (NaN where the Hessian is not invertible) and the log-likelihood. */
    public record Fit(
            double omega,
            double alpha,
            double beta,
            double omegaStderr,
            double alphaStderr,
            double betaStderr,
            double logLikelihood,
            int observations)
            implements VarianceForecast {
        @Override
        public String name() {
            return "garch";
        }

        public double persistence() {
            return alpha + beta;
        }

        /** The long-run daily variance ω/(1 − α − β). */
        public double longRunVariance() {
            return omega / (1 - alpha - beta);
        }

        @Override
        public double[] filter(double[] r) {
            return Garch.filter(omega, alpha, beta, r);
        }
    }

    public Fit fit(double[] r) {
        if (r.length < MIN_RETURNS) {
            throw new IllegalArgumentException(
                    "returns: GARCH needs at least " + MIN_RETURNS + " returns, got " + r.length);
        }
        double s2 = sampleVariance(r);
        double[] scaled = new double[r.length];
        double sd = Math.sqrt(s2);
        for (int t = 0; t < r.length; t++) {
            scaled[t] = r[t] / sd;
        }
        SimplexOptimizer optimizer = new SimplexOptimizer(1e-12, 1e-14);
        PointValuePair best = null;
        // starts: the usual crypto-daily neighbourhood, a low-persistence and a high-persistence one
        double[][] starts = {
            {Math.log(0.05), logit(0.95 / MAX_PERSISTENCE), logit(0.1 / 0.95)},
            {Math.log(0.3), logit(0.7 / MAX_PERSISTENCE), logit(0.3 / 0.7)},
            {Math.log(0.01), logit(0.99 / MAX_PERSISTENCE), logit(0.05 / 0.99)}
        };
        for (double[] start : starts) {
            PointValuePair p = optimizer.optimize(
                    new MaxEval(20_000),
                    new ObjectiveFunction(theta -> {
                        double[] q = natural(theta);
                        return negLogLikelihood(q[0], q[1], q[2], scaled);
                    }),
                    GoalType.MINIMIZE,
                    new InitialGuess(start),
                    new NelderMeadSimplex(3, 0.5));
            // restart once from the optimum: Nelder–Mead can stall on a collapsed simplex
            p = optimizer.optimize(
                    new MaxEval(20_000),
                    new ObjectiveFunction(theta -> {
                        double[] q = natural(theta);
                        return negLogLikelihood(q[0], q[1], q[2], scaled);
                    }),
                    GoalType.MINIMIZE,
                    new InitialGuess(p.getPoint()),
                    new NelderMeadSimplex(3, 0.1));
            if (best == null || p.getValue() < best.getValue()) {
                best = p;
            }
        }
        double[] q = natural(best.getPoint());
        double[] se = stderr(q, scaled);
        // back to the returns' own scale: ω scales with the variance, α and β are scale-free; the likelihood of the
        // unscaled returns differs by the Jacobian n·ln(sd)
        double ll = -best.getValue() - r.length * Math.log(sd);
        return new Fit(q[0] * s2, q[1], q[2], se[0] * s2, se[1], se[2], ll, r.length);
    }

    static double[] filter(double omega, double alpha, double beta, double[] r) {
        double[] h = new double[r.length + 1];
        h[0] = sampleVariance(r);
        for (int t = 0; t < r.length; t++) {
            h[t + 1] = omega + alpha * r[t] * r[t] + beta * h[t];
        }
        return h;
    }

    /** The Gaussian negative log-likelihood of GARCH(1,1) with h[0] = the sample variance. */
    static double negLogLikelihood(double omega, double alpha, double beta, double[] r) {
        double h = sampleVariance(r);
        double nll = 0;
        for (double x : r) {
            nll += 0.5 * (Math.log(2 * Math.PI) + Math.log(h) + x * x / h);
            h = omega + alpha * x * x + beta * h;
        }
        return nll;
    }

    static double sampleVariance(double[] r) {
        double s = 0;
        for (double x : r) {
            s += x * x;
        }
        return s / r.length;
    }

    private static double[] natural(double[] theta) {
        double omega = Math.exp(theta[0]);
        double persistence = MAX_PERSISTENCE * logistic(theta[1]);
        double alpha = persistence * logistic(theta[2]);
        return new double[] {omega, alpha, persistence - alpha};
    }

    private static double[] stderr(double[] q, double[] r) {
        int k = 3;
        double[] step = new double[k];
        for (int i = 0; i < k; i++) {
            step[i] = 1e-4 * Math.max(Math.abs(q[i]), 1e-2);
        }
        double[][] hess = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = i; j < k; j++) {
                double v = (nll(q, r, i, step[i], j, step[j])
                                - nll(q, r, i, step[i], j, -step[j])
                                - nll(q, r, i, -step[i], j, step[j])
                                + nll(q, r, i, -step[i], j, -step[j]))
                        / (4 * step[i] * step[j]);
                hess[i][j] = v;
                hess[j][i] = v;
            }
        }
        RealMatrix h = MatrixUtils.createRealMatrix(hess);
        LUDecomposition lu = new LUDecomposition(h);
        if (!lu.getSolver().isNonSingular()) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        RealMatrix cov = lu.getSolver().getInverse();
        double[] se = new double[k];
        for (int i = 0; i < k; i++) {
            double v = cov.getEntry(i, i);
            se[i] = v > 0 ? Math.sqrt(v) : Double.NaN;
        }
        return se;
    }

    private static double nll(double[] q, double[] r, int i, double di, int j, double dj) {
        double[] p = q.clone();
        p[i] += di;
        p[j] += dj;
        return negLogLikelihood(p[0], p[1], p[2], r);
    }

    private static double logistic(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }
}
