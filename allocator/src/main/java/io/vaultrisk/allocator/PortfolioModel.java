package io.vaultrisk.allocator;

import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * An ojAlgo model holding the weight variables and the {@link PortfolioConstraints}, to which each optimiser adds
 * its own objective and rows.
 * <p>
 * Optionally homogenised: with a scale variable κ ≥ 0 every constant right-hand side b becomes b·κ, which is how
 * maximum Sharpe turns into a convex QP (weights are then y = κ·w).
 */
final class PortfolioModel {

    /** Weights are boxed to this when nothing else bounds them, so LPs stay bounded; hitting it means "unbounded". */
    static final double ARTIFICIAL_BOUND = 1e4;

    final ExpressionsBasedModel model;
    final Variable[] w;
    /** t_i ≥ |w_i − w0_i| (κ·w0_i when homogenised), present when turnover is tracked; else null. */
    final Variable[] trade;
    /** The scale κ when homogenised, else null. */
    final Variable kappa;

    final PortfolioConstraints constraints;
    private int rows;

    private PortfolioModel(PortfolioConstraints c, boolean homogenise) {
        this.constraints = c;
        this.model = new ExpressionsBasedModel();
        int n = c.size();
        this.kappa = homogenise ? model.addVariable("kappa").lower(0.0) : null;
        this.w = new Variable[n];
        boolean bounded = boundedSet(c);
        for (int i = 0; i < n; i++) {
            w[i] = model.addVariable("w" + i);
            double lo = c.lower(i);
            double hi = c.upper(i);
            if (!bounded) {
                lo = Math.max(lo, -ARTIFICIAL_BOUND);
                hi = Math.min(hi, ARTIFICIAL_BOUND);
            }
            if (homogenise) {
                if (Double.isFinite(lo)) {
                    row(0, Double.POSITIVE_INFINITY).set(w[i], 1.0).set(kappa, -lo);
                }
                if (Double.isFinite(hi)) {
                    row(Double.NEGATIVE_INFINITY, 0).set(w[i], 1.0).set(kappa, -hi);
                }
            } else {
                if (Double.isFinite(lo)) {
                    w[i].lower(lo);
                }
                if (Double.isFinite(hi)) {
                    w[i].upper(hi);
                }
            }
        }
        if (c.hasBudget()) {
            linear(ones(n), c.budget(), c.budget());
        }
        for (GroupCap g : c.groups()) {
            double[] a = new double[n];
            for (int member : g.members()) {
                a[member] = 1.0;
            }
            linear(a, Double.NEGATIVE_INFINITY, g.cap());
        }
        Variable[] abs = null;
        if (c.marginCap() < Double.POSITIVE_INFINITY || c.leverageCap() < Double.POSITIVE_INFINITY) {
            abs = absoluteValues(c);
            if (c.marginCap() < Double.POSITIVE_INFINITY) {
                Expression e = scaledRow(Double.NEGATIVE_INFINITY, c.marginCap());
                for (int i = 0; i < n; i++) {
                    e.set(abs[i], c.margin(i));
                }
            }
            if (c.leverageCap() < Double.POSITIVE_INFINITY) {
                Expression e = scaledRow(Double.NEGATIVE_INFINITY, c.leverageCap());
                for (int i = 0; i < n; i++) {
                    e.set(abs[i], 1.0);
                }
            }
        }
        if (c.tracksTurnover()) {
            trade = new Variable[n];
            for (int i = 0; i < n; i++) {
                trade[i] = model.addVariable("t" + i).lower(0.0);
                // t - w >= -w0 and t + w >= w0
                Expression up = scaledRow(-c.current(i), Double.POSITIVE_INFINITY);
                up.set(trade[i], 1.0).set(w[i], -1.0);
                Expression down = scaledRow(c.current(i), Double.POSITIVE_INFINITY);
                down.set(trade[i], 1.0).set(w[i], 1.0);
            }
            if (c.turnoverCap() < Double.POSITIVE_INFINITY) {
                Expression e = scaledRow(Double.NEGATIVE_INFINITY, c.turnoverCap());
                for (int i = 0; i < n; i++) {
                    e.set(trade[i], 1.0);
                }
            }
        } else {
            trade = null;
        }
    }

    static PortfolioModel of(PortfolioConstraints constraints) {
        return new PortfolioModel(constraints, false);
    }

    static PortfolioModel homogenised(PortfolioConstraints constraints) {
        return new PortfolioModel(constraints, true);
    }

    /** Whether the constraints alone bound every weight (bounds, or budget with long-only, or a leverage cap). */
    static boolean boundedSet(PortfolioConstraints c) {
        if (c.leverageCap() < Double.POSITIVE_INFINITY || c.turnoverCap() < Double.POSITIVE_INFINITY) {
            return true;
        }
        boolean boxed = true;
        for (int i = 0; i < c.size(); i++) {
            boxed &= Double.isFinite(c.lower(i)) && Double.isFinite(c.upper(i));
        }
        return boxed || (c.hasBudget() && c.longOnlyBounds());
    }

    /** A row lo ≤ a·w ≤ hi, with the constants scaled by κ when homogenised. */
    Expression linear(double[] a, double lo, double hi) {
        Expression e = scaledRow(lo, hi);
        for (int i = 0; i < a.length; i++) {
            if (a[i] != 0.0) {
                e.set(w[i], a[i]);
            }
        }
        return e;
    }

    /** A row whose constant limits are scaled by κ when homogenised (the caller sets the variable terms). */
    Expression scaledRow(double lo, double hi) {
        if (kappa == null) {
            return row(lo, hi);
        }
        // lo·κ ≤ e ≤ hi·κ as two homogeneous rows, since an equality has lo == hi
        Expression e = model.addExpression("r" + rows++);
        if (lo == hi) {
            return e.set(kappa, -lo).level(0.0);
        }
        if (Double.isFinite(lo) && Double.isFinite(hi)) {
            throw new IllegalStateException("two-sided scaled rows are not used");
        }
        if (Double.isFinite(lo)) {
            e.set(kappa, -lo).lower(0.0);
        } else {
            e.set(kappa, -hi).upper(0.0);
        }
        return e;
    }

    private Expression row(double lo, double hi) {
        Expression e = model.addExpression("r" + rows++);
        if (lo == hi) {
            e.level(lo);
        } else {
            if (Double.isFinite(lo)) {
                e.lower(lo);
            }
            if (Double.isFinite(hi)) {
                e.upper(hi);
            }
        }
        return e;
    }

    /** Adds an unconstrained-limit row (for objectives or rows the caller bounds itself). */
    Expression freeRow(String name) {
        return model.addExpression(name + rows++);
    }

    /** Net expected return μ·w − c·Σt as coefficients on an expression (the caller sets the limits or weight). */
    void setNetReturn(Expression e, double[] mean) {
        for (int i = 0; i < mean.length; i++) {
            e.set(w[i], mean[i]);
        }
        addCost(e, 1.0);
    }

    /** Adds sign·c·Σt to the expression, the trading cost, when trades are costed. */
    void addCost(Expression e, double sign) {
        if (trade != null && constraints.costRate() > 0) {
            for (Variable t : trade) {
                e.set(t, -sign * constraints.costRate());
            }
        }
    }

    double[] weights() {
        double[] out = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            out[i] = w[i].getValue().doubleValue();
        }
        return out;
    }

    /** Weights from a solver result (ojAlgo does not always write values back to the variables). */
    double[] weights(Optimisation.Result result) {
        double[] out = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            out[i] = result.doubleValue(w[i].getIndex().index);
        }
        return out;
    }

    private Variable[] absoluteValues(PortfolioConstraints c) {
        int n = c.size();
        Variable[] abs = new Variable[n];
        if (c.longOnlyBounds()) {
            // |w| = w when no weight can be negative: no extra variables
            System.arraycopy(w, 0, abs, 0, n);
            return abs;
        }
        for (int i = 0; i < n; i++) {
            abs[i] = model.addVariable("u" + i).lower(0.0);
            model.addExpression("abs+" + i).lower(0.0).set(abs[i], 1.0).set(w[i], -1.0);
            model.addExpression("abs-" + i).lower(0.0).set(abs[i], 1.0).set(w[i], 1.0);
        }
        return abs;
    }

    private static double[] ones(int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, 1.0);
        return a;
    }
}
