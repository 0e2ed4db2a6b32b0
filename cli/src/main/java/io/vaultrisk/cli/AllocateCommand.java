package io.vaultrisk.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vaultrisk.allocator.Allocation;
import io.vaultrisk.allocator.AllocationReportJson;
import io.vaultrisk.allocator.AllocationStatus;
import io.vaultrisk.allocator.EfficientFrontier;
import io.vaultrisk.allocator.FrontierChart;
import io.vaultrisk.allocator.Objective;
import io.vaultrisk.allocator.ObjectiveSpec;
import io.vaultrisk.allocator.PortfolioConstraints;
import io.vaultrisk.allocator.ScenarioMatrix;
import io.vaultrisk.allocator.strategy.ParameterChoice;
import io.vaultrisk.allocator.strategy.StrategyEconomicsJson;
import io.vaultrisk.montecarlo.compute.BackendJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vaultrisk allocate}: optimal strategy weights on a scenario matrix. The objective and its parameters are an
 * {@link ObjectiveSpec} (validated by the allocator), the scenarios come from {@link ScenarioOptions}, the constraints
 * from {@link ConstraintOptions}; the JSON is {@link AllocationReportJson}'s, as in the service.
 */
@Command(
        name = "allocate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Choose strategy weights on scenarios: mean-CVaR, mean-variance, risk parity or Kelly.")
public final class AllocateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ScenarioOptions source = new ScenarioOptions();

    @Option(
            names = "--objective",
            required = true,
            description = "min-cvar, max-return, min-variance, max-sharpe, " + "risk-parity or kelly.")
    String objective;

    @Option(names = "--beta", defaultValue = "0.95", description = "CVaR confidence level (default 0.95).")
    double beta;

    @Option(names = "--target-return", description = "min-cvar: least expected return over the horizon.")
    Double targetReturn;

    @Option(names = "--cvar-limit", description = "max-return: largest CVaR of the loss allowed.")
    Double cvarLimit;

    @Mixin
    ConstraintOptions constraints = new ConstraintOptions();

    @Option(names = "--risk", defaultValue = "volatility", description = "risk-parity: volatility (default) or cvar.")
    String risk;

    @Option(
            names = "--kelly-fraction",
            defaultValue = "0.5",
            description = "kelly: fraction of full Kelly " + "(default 0.5).")
    double kellyFraction;

    @Option(names = "--risk-free", defaultValue = "0", description = "max-sharpe: risk-free return over the horizon.")
    double riskFree;

    @Option(
            names = "--risk-target",
            description = "max-sharpe with a riskless sleeve (a stablecoin): the volatility, or with --risk cvar the "
                    + "CVaR, over the horizon that the tangency portfolio is mixed down to with the riskless sleeve.")
    Double riskTarget;

    @Option(
            names = "--max-iterations",
            defaultValue = "0",
            description = "min-cvar/max-return: master problems of the bundle method before it stops not-converged "
                    + "(default: its own limit, 500).")
    int maxIterations;

    @Option(
            names = "--accept-suboptimal",
            description = "Use weights from a solve that ended other than optimal (not converged), its gap in the "
                    + "report; without it such a run exits 3.")
    boolean acceptSuboptimal;

    @Option(
            names = "--solver",
            defaultValue = "bundle",
            description = "min-cvar/max-return: bundle (default, any "
                    + "size) or lp (direct LP, small scenario sets; the reference).")
    String solver;

    @Option(names = "--frontier-out", description = "Directory for frontier.html (chart) and frontier.json.")
    Path frontierOut;

    @Option(names = "--frontier-points", defaultValue = "21", description = "Points on the frontier (default 21).")
    int frontierPoints;

    @Mixin
    BackendOptions backend = new BackendOptions();

    @Option(names = "--json", description = "One JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        ObjectiveSpec goal = objectiveSpec();
        constraints.check(spec);
        CliSupport.require(
                spec,
                frontierPoints >= 2 && frontierPoints <= 500,
                "--frontier-points",
                "must be in 2..500, got " + frontierPoints);
        ScenarioOptions.Loaded loaded = source.load(spec, backend);
        ScenarioMatrix sc = loaded.matrix();
        PortfolioConstraints c = constraints.build(spec, sc.names());
        if (!goal.objective().takesConstraints()) {
            CliSupport.require(
                    spec,
                    constraints.budgetOnly(),
                    "--objective",
                    goal.objective().jsonName()
                            + " takes only the budget: bounds, groups, margin, leverage and turnover would make equal "
                            + "contributions unattainable");
        }

        long start = System.nanoTime();
        Allocation a = goal.solve(sc, c);
        double elapsedMillis = (System.nanoTime() - start) / 1e6;

        EfficientFrontier frontier = null;
        if (frontierOut != null && a.hasWeights()) {
            frontier = EfficientFrontier.trace(sc, goal.beta(), c, frontierPoints);
            writeFrontier(frontier, loaded.source());
        }
        ObjectNode out = AllocationReportJson.toJson(a, goal, sc, c, elapsedMillis);
        if (loaded.backend() != null) {
            BackendJson.put(out, loaded.backend(), loaded.device());
        }
        boolean suboptimal = a.hasWeights() && a.status() != AllocationStatus.OPTIMAL;
        if (suboptimal && acceptSuboptimal) {
            out.put("acceptedSuboptimal", true);
        }
        if (frontier != null) {
            out.put("frontier", frontierOut.resolve("frontier.html").toString());
        }
        ParameterChoice choice = loaded.templates() != null && a.hasWeights()
                ? ParameterChoice.of(sc, loaded.templates(), a.weights(), goal.beta())
                : null;
        if (choice != null) {
            AllocationReportJson.putStrategyParameters(out, choice);
        }
        if (loaded.simulated() != null) {
            StrategyEconomicsJson.put(out, loaded.simulated(), loaded.assumptions());
        }
        if (json) {
            CliSupport.printJson(out);
        } else {
            AllocationTable.print(a, goal.objective(), elapsedMillis);
            if (choice != null) {
                AllocationTable.print(choice);
            }
            if (loaded.simulated() != null) {
                AllocationTable.print(loaded.simulated(), loaded.assumptions());
            }
        }
        if (frontier != null && !json) {
            System.out.println("frontier: " + frontierOut.resolve("frontier.html"));
        }
        if (a.status() == AllocationStatus.INFEASIBLE || a.status() == AllocationStatus.UNBOUNDED) {
            System.err.println("vaultrisk allocate: " + a.status().label() + ": " + CliSupport.oneLine(a.reason()));
            return CliSupport.EXIT_INFEASIBLE;
        }
        if (suboptimal) {
            String line = a.status().label() + " (gap " + a.gap() + "): " + CliSupport.oneLine(a.reason());
            if (!acceptSuboptimal) {
                System.err.println("vaultrisk allocate: " + line + "; --accept-suboptimal to use these weights");
                return CliSupport.EXIT_INFEASIBLE;
            }
            System.err.println("vaultrisk allocate: warning: accepted " + line);
        }
        return CliSupport.EXIT_OK;
    }

    private ObjectiveSpec objectiveSpec() {
        return AllocateFlags.spec(
                spec,
                () -> new ObjectiveSpec(
                        Objective.fromJson(objective),
                        beta,
                        targetReturn == null ? Double.NaN : targetReturn,
                        cvarLimit == null ? Double.NaN : cvarLimit,
                        riskFree,
                        kellyFraction,
                        ObjectiveSpec.RiskMeasure.fromJson(risk),
                        ObjectiveSpec.CvarSolver.fromJson(solver),
                        riskTarget == null ? Double.NaN : riskTarget,
                        maxIterations));
    }

    private void writeFrontier(EfficientFrontier f, Path source) throws IOException {
        Files.createDirectories(frontierOut);
        Files.writeString(
                frontierOut.resolve("frontier.html"),
                FrontierChart.html(f, beta, "Mean-CVaR efficient frontier (" + source.getFileName() + ")"));
        Files.writeString(
                frontierOut.resolve("frontier.json"),
                CliSupport.JSON.writeValueAsString(AllocationReportJson.frontier(f)));
    }
}
