package io.vaultrisk.allocator;

import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.Optimisation;

/** Small LPs that explain why a problem has no solution, in words a user can act on. */
final class Feasibility {

    private Feasibility() {}

    /** Null when some weights satisfy the constraints, else the reason. */
    static String constraintsClash(PortfolioConstraints c) {
        PortfolioModel pm = PortfolioModel.of(c);
        Optimisation.Result r = pm.model.minimise();
        if (r.getState().isFeasible()) {
            return null;
        }
        return "the constraints admit no weights (budget " + c.budget() + ", bounds, group caps, turnover, margin and "
                + "leverage caps clash)";
    }

    /** The highest expected return net of trading costs over the constraints; +∞ when unbounded, NaN if none. */
    static double maxReturn(double[] mean, PortfolioConstraints c) {
        PortfolioModel pm = PortfolioModel.of(c);
        Expression e = pm.freeRow("ret");
        pm.setNetReturn(e, mean);
        e.weight(1.0);
        Optimisation.Result r = pm.model.maximise();
        if (r.getState() == Optimisation.State.UNBOUNDED) {
            return Double.POSITIVE_INFINITY;
        }
        return r.getState().isFeasible() ? r.getValue() : Double.NaN;
    }

    /** Why a minimum-CVaR problem with a return target has no solution. */
    static String explainTarget(MeanCvarProblem p) {
        String clash = constraintsClash(p.constraints());
        if (clash != null) {
            return clash;
        }
        double best = maxReturn(p.scenarios().means(), p.constraints());
        return String.format(
                java.util.Locale.ROOT,
                "target return %.6g is above the highest expected return %.6g reachable under the constraints",
                p.targetReturn(),
                best);
    }
}
