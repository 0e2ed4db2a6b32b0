package io.vaultrisk.cli;

import io.vaultrisk.allocator.Allocation;
import io.vaultrisk.allocator.Objective;
import io.vaultrisk.allocator.strategy.ParameterChoice;
import io.vaultrisk.allocator.strategy.StrategyEconomics;
import io.vaultrisk.allocator.strategy.StrategyScenarios;
import java.util.List;

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

    /** Each strategy's expected P&L split, in % of committed capital over the horizon, under the stated assumptions. */
    static void print(StrategyScenarios s, List<String> assumptions) {
        System.out.println();
        System.out.println("Strategy P&L over the horizon, % of committed capital (means over the paths):");
        assumptions.forEach(line -> System.out.println("  " + line));
        System.out.printf(
                "  %-44s %8s %8s %8s %8s %8s %8s %8s %6s %6s %5s%n",
                "strategy", "total", "premium", "payoff", "hedge", "costs", "carry", "depeg", "IV", "RV", "sold");
        for (StrategyEconomics e : s.economics()) {
            System.out.printf(
                    "  %-44s %8.3f %8.3f %8.3f %8.3f %8.3f %8.3f %8.3f %6s %6s %5.1f%n",
                    e.name(),
                    100 * e.expectedReturn(),
                    100 * e.premium(),
                    100 * e.optionPayoff(),
                    100 * e.hedgePnl(),
                    100 * e.costs(),
                    100 * e.carry(),
                    100 * e.depeg(),
                    vol(e.impliedVol()),
                    vol(e.realisedVol()),
                    e.rolls());
        }
        System.out.println("Delta-hedged positions by band, return in % of capital (mean, sd, 5% / 50% / 95% quantiles,"
                + " share of paths whose perpetual hedge was liquidated):");
        for (StrategyEconomics e : s.economics()) {
            if (e.hedge() != null) {
                StrategyEconomics.HedgeDistribution h = e.hedge();
                System.out.printf(
                        "  %-44s %8.3f %8.3f %8.3f %8.3f %8.3f %8s%n",
                        e.name(),
                        100 * h.mean(),
                        100 * h.sd(),
                        100 * h.p05(),
                        100 * h.p50(),
                        100 * h.p95(),
                        Double.isNaN(e.hedgeLiquidated())
                                ? "-"
                                : String.format(java.util.Locale.ROOT, "%.3f%%", 100 * e.hedgeLiquidated()));
            }
        }
        // each strategy's paths, grouped: the strategies of one underlying share theirs
        java.util.Map<String, List<String>> byPaths = new java.util.LinkedHashMap<>();
        for (StrategyEconomics e : s.economics()) {
            byPaths.computeIfAbsent(e.paths(), p -> new java.util.ArrayList<>()).add(e.name());
        }
        System.out.println("Paths of each strategy:");
        byPaths.forEach((paths, names) -> System.out.printf(
                "  %-44s paths: %s%n",
                names.size() == 1 ? names.get(0) : names.get(0) + " and " + (names.size() - 1) + " more", paths));
    }

    private static String vol(double v) {
        return Double.isNaN(v) ? "-" : String.format(java.util.Locale.ROOT, "%.1f%%", 100 * v);
    }
}
