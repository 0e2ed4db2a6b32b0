package io.vaultrisk.allocator.strategy;

import io.vaultrisk.allocator.ScenarioMatrix;
import io.vaultrisk.allocator.TailRisk;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which strategy parameters won and why: every candidate with a weight in the optimal portfolio, with its expected
 * return, standalone CVaR and its share of the portfolio's expected return; and per template family the parameters
 * with the best standalone return per unit of CVaR, so a reader sees whether the optimiser took the family's best
 * risk-adjusted setting or another one for diversification.
 */
public record ParameterChoice(List<Candidate> chosen, List<Candidate> bestByFamily) {

    /** One candidate strategy's figures over the horizon. */
    public record Candidate(
            String name, String family, double weight, double expectedReturn, double cvar, double returnShare) {
        public double returnPerCvar() {
            return cvar > 0 ? expectedReturn / cvar : Double.POSITIVE_INFINITY;
        }
    }

    public static ParameterChoice of(
            ScenarioMatrix scenarios, List<StrategyTemplate> templates, double[] weights, double beta) {
        int n = templates.size(), s = scenarios.scenarioCount();
        double[] mean = new double[n], cvar = new double[n];
        double[] losses = new double[s];
        double portfolioMean = 0;
        for (int j = 0; j < n; j++) {
            double sum = 0;
            for (int p = 0; p < s; p++) {
                double r = scenarios.get(p, j);
                sum += r;
                losses[p] = -r;
            }
            mean[j] = sum / s;
            cvar[j] = TailRisk.of(losses, beta).cvar();
            portfolioMean += weights[j] * mean[j];
        }
        List<Candidate> chosen = new ArrayList<>();
        Map<String, Candidate> best = new LinkedHashMap<>();
        for (int j = 0; j < n; j++) {
            StrategyTemplate t = templates.get(j);
            Candidate c = new Candidate(
                    t.name(),
                    t.family(),
                    weights[j],
                    mean[j],
                    cvar[j],
                    portfolioMean != 0 ? weights[j] * mean[j] / portfolioMean : 0);
            if (Math.abs(weights[j]) > 1e-6) {
                chosen.add(c);
            }
            best.merge(t.family(), c, (a, b) -> b.returnPerCvar() > a.returnPerCvar() ? b : a);
        }
        chosen.sort(Comparator.comparingDouble(Candidate::weight).reversed());
        return new ParameterChoice(chosen, new ArrayList<>(best.values()));
    }
}
