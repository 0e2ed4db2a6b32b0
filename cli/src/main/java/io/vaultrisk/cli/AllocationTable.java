package io.vaultrisk.cli;

import io.vaultrisk.allocator.Allocation;
import io.vaultrisk.allocator.Objective;
import io.vaultrisk.allocator.strategy.ParameterChoice;

/** The text output of {@code vaultrisk allocate}: weights and risk, then the strategy parameters chosen. */
final class AllocationTable {
    private AllocationTable() {}

    static void print(Allocation a, Objective objective, double millis) {
        System.out.printf("%s — %s (%s)%n", objective.jsonName(), a.status().label(), a.solver());
        if (!a.hasWeights()) {
            System.out.println(a.reason());
            return;
        }
        double[] w = a.weights();
        double invested = 0;
        for (int i = 0; i < w.length; i++) {
            System.out.printf("  %-24s %10.4f%n", a.names().get(i), w[i]);
            invested += w[i];
        }
        if (objective == Objective.KELLY && invested < 1 - 1e-9) {
            // fractional Kelly is not rescaled: what it leaves out is cash, earning nothing in these numbers
            System.out.printf("  %-24s %10.4f%n", "cash (not invested)", 1 - invested);
        }
        System.out.printf(
                "expected return %.4f%%   VaR %.4f%%   CVaR %.4f%%   (%.0f ms)%n",
                100 * a.expectedReturn(), 100 * a.var(), 100 * a.cvar(), millis);
    }

    static void print(ParameterChoice choice) {
        System.out.println();
        System.out.println("Parameters chosen (weight, expected return, standalone CVaR, share of the return):");
        for (ParameterChoice.Candidate c : choice.chosen()) {
            System.out.printf(
                    "  %-44s %7.2f%% %9.4f %9.4f %7.1f%%%n",
                    c.name(), 100 * c.weight(), c.expectedReturn(), c.cvar(), 100 * c.returnShare());
        }
        System.out.println("Best return per unit of CVaR in each family (standalone):");
        for (ParameterChoice.Candidate c : choice.bestByFamily()) {
            System.out.printf("  %-30s %-44s %9.4f / %.4f%n", c.family(), c.name(), c.expectedReturn(), c.cvar());
        }
    }
}
