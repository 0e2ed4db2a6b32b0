package io.vaultrisk.surface;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleValueChecker;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.apache.commons.math3.optim.univariate.UnivariateOptimizer;
import org.apache.commons.math3.optim.univariate.UnivariatePointValuePair;

/**
 * Weighted least-squares SSVI calibration across expiries, inside the arbitrage-free domain of {@link SsviParameters}.
 * <p>
 * The three global parameters are optimised by Nelder–Mead on unconstrained coordinates that map onto the domain
 * ({@code ρ = 0.999 tanh u₁}, {@code γ = 1/2 · logistic(u₂)}, {@code η = 2/(1 + |ρ|) · logistic(u₃)}), so no candidate
 * can leave it. For each candidate the at-the-money total variances are profiled out one expiry at a time (Brent on
 * θ<sub>i</sub> ∈ [θ<sub>i-1</sub>, 4 max w]), which both makes θ non-decreasing and keeps the outer search
 * three-dimensional whatever the number of expiries. Each smile's squared errors are divided by its total weight, so
 * every expiry counts equally however many strikes it lists.
 */
public final class SsviFitter {

    /** The default fitter. */
    public static final SsviFitter DEFAULT = new SsviFitter();

    private SsviFitter() {}

    /** Fits SSVI to smiles of distinct expiries (any order; the result is sorted by expiry). */
    public SsviFit fit(List<SmileData> smiles) {
        if (smiles.isEmpty()) {
            throw new IllegalArgumentException("SSVI needs at least one smile");
        }
        List<SmileData> sorted = new ArrayList<>(smiles);
        sorted.sort(Comparator.comparingDouble(SmileData::expiry));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).expiry() == sorted.get(i - 1).expiry()) {
                throw new IllegalArgumentException(
                        "two smiles share the expiry " + sorted.get(i).expiry());
            }
        }
        int total = 0;
        for (SmileData s : sorted) {
            total += s.size();
        }
        if (total < 3 + sorted.size()) {
            throw new IllegalArgumentException(
                    "SSVI has " + (3 + sorted.size()) + " parameters for these expiries but only " + total + " quotes");
        }
        double[] scale = new double[sorted.size()];
        for (int i = 0; i < sorted.size(); i++) {
            double sw = 0.0;
            for (double w : sorted.get(i).weight()) {
                sw += w;
            }
            scale[i] = 1.0 / sw;
        }
        ObjectiveFunction objective = new ObjectiveFunction(u -> profile(sorted, scale, decode(u), null));
        // an iteration cap that counts as convergence: a noisy chain must never fail on "too many evaluations"
        SimplexOptimizer optimizer = new SimplexOptimizer(new SimpleValueChecker(1e-14, 1e-20, 1500));
        double[][] starts = {{-0.3, 0.0, 0.0}, {0.3, 0.0, 0.0}, {0.0, -1.0, 1.0}, {-0.8, 1.0, -1.0}};
        PointValuePair best = null;
        for (double[] start : starts) {
            double[] point = start;
            PointValuePair result = null;
            for (int round = 0; round < 3; round++) {
                result = optimizer.optimize(
                        new MaxEval(1_000_000),
                        objective,
                        GoalType.MINIMIZE,
                        new InitialGuess(point),
                        new NelderMeadSimplex(new double[] {0.3, 0.5, 0.5}));
                point = result.getPoint();
            }
            if (best == null || result.getValue() < best.getValue()) {
                best = result;
            }
        }
        SsviParameters parameters = decode(best.getPoint());
        double[] thetas = new double[sorted.size()];
        profile(sorted, scale, parameters, thetas);
        List<Double> expiries = new ArrayList<>();
        List<Double> thetaList = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            expiries.add(sorted.get(i).expiry());
            thetaList.add(thetas[i]);
        }
        return new SsviFit(parameters, expiries, thetaList);
    }

    static SsviParameters decode(double[] u) {
        double rho = 0.999 * Math.tanh(u[0]);
        double gamma = 0.5 / (1.0 + Math.exp(-u[1]));
        double eta = 2.0 / (1.0 + Math.abs(rho)) / (1.0 + Math.exp(-u[2]));
        return SsviParameters.of(rho, Math.max(eta, 1e-300), Math.max(gamma, 1e-300));
    }

    /** Sum over smiles of the (normalised) weighted squared errors with each θ chosen optimally, in expiry order. */
    private static double profile(List<SmileData> smiles, double[] scale, SsviParameters p, double[] thetasOut) {
        UnivariateOptimizer brent = new BrentOptimizer(1e-13, 1e-16);
        double floor = 1e-10;
        double sum = 0.0;
        for (int i = 0; i < smiles.size(); i++) {
            SmileData smile = smiles.get(i);
            double wMax = 0.0;
            for (double w : smile.totalVariance()) {
                wMax = Math.max(wMax, w);
            }
            double lo = floor;
            double hi = Math.max(4.0 * wMax, 2.0 * lo);
            UnivariatePointValuePair r = brent.optimize(
                    new MaxEval(10_000),
                    GoalType.MINIMIZE,
                    new SearchInterval(lo, hi, Math.max(lo, Math.min(hi, Math.max(smile.atmTotalVariance(), lo)))),
                    new UnivariateObjectiveFunction(theta -> smile.sse(k -> p.totalVariance(k, theta))));
            double theta = r.getPoint();
            sum += scale[i] * r.getValue();
            if (thetasOut != null) {
                thetasOut[i] = theta;
            }
            floor = theta;
        }
        return sum;
    }
}
