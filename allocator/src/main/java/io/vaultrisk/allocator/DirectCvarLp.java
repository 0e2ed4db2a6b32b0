package io.vaultrisk.allocator;

import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * The Rockafellar–Uryasev linear program solved directly by ojAlgo: CVaR = min α + Σ zₛ / m with zₛ ≥ −rₛ·w − α,
 * zₛ ≥ 0, m = (1 − β)·S. One row and one variable per scenario, so it is the exact, independent reference for small
 * S and hopeless for large S (see the bundle method).
 */
public final class DirectCvarLp implements MeanCvarSolver {

    public static final DirectCvarLp DEFAULT = new DirectCvarLp();

    static final String NAME = "ojalgo-lp (direct Rockafellar-Uryasev)";

    private DirectCvarLp() {}

    @Override
    public Allocation solve(MeanCvarProblem p) {
        ScenarioMatrix sc = p.scenarios();
        PortfolioConstraints c = p.constraints();
        int n = sc.strategyCount();
        int scenarios = sc.scenarioCount();
        double m = TailRisk.tailMass(scenarios, p.beta());
        PortfolioModel pm = PortfolioModel.of(c);
        Variable alpha = pm.model.addVariable("alpha");
        Expression cvar = pm.freeRow("cvar").set(alpha, 1.0);
        for (int s = 0; s < scenarios; s++) {
            Variable z = pm.model.addVariable("z" + s).lower(0.0);
            cvar.set(z, 1.0 / m);
            Expression row = pm.freeRow("tail").lower(0.0).set(z, 1.0).set(alpha, 1.0);
            for (int i = 0; i < n; i++) {
                row.set(pm.w[i], sc.get(s, i));
            }
        }
        pm.addCost(cvar, -1.0);
        Expression ret = pm.freeRow("ret");
        pm.setNetReturn(ret, sc.means());
        Optimisation.Result r;
        if (p.maximiseReturn()) {
            cvar.upper(p.cvarLimit());
            ret.weight(1.0);
            r = pm.model.maximise();
        } else {
            if (p.hasTarget()) {
                ret.lower(p.targetReturn());
            }
            cvar.weight(1.0);
            r = pm.model.minimise();
        }
        if (r.getState() == Optimisation.State.UNBOUNDED) {
            return Allocation.failed(sc.names(), AllocationStatus.UNBOUNDED, "the objective is unbounded", NAME);
        }
        if (!r.getState().isFeasible()) {
            return Allocation.failed(sc.names(), AllocationStatus.INFEASIBLE, explain(p), NAME);
        }
        double[] w = pm.weights(r);
        return Allocation.optimal(sc, p.beta(), c, w, NAME, 1, Double.NaN);
    }

    private static String explain(MeanCvarProblem p) {
        if (!p.maximiseReturn()) {
            return Feasibility.explainTarget(p);
        }
        String clash = Feasibility.constraintsClash(p.constraints());
        if (clash != null) {
            return clash;
        }
        Allocation least = DEFAULT.solve(MeanCvarProblem.minCvar(p.scenarios(), p.beta(), p.constraints(), Double.NaN));
        return CvarBundleSolver.limitBelowMinimum(p.cvarLimit(), least.cvar());
    }
}
