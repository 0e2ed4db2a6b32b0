package io.vaultrisk.cli;

import io.vaultrisk.montecarlo.history.PriceHistory;
import io.vaultrisk.montecarlo.vol.ForecastEvaluation;
import io.vaultrisk.montecarlo.vol.Garch;
import io.vaultrisk.montecarlo.vol.VolReport;
import io.vaultrisk.montecarlo.vol.VolReportJson;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vaultrisk vol}: EWMA, GARCH(1,1) and HAR vol forecasts of a price history, with QLIKE and MSE. */
@Command(
        name = "vol",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Vol forecasts per underlying of a daily history (EWMA, GARCH(1,1) by MLE, HAR) and their "
                + "QLIKE/MSE against the next day's squared return.")
public final class VolCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HistoryOptions history = new HistoryOptions();

    @Option(names = "--lambda", defaultValue = "0.94", description = "EWMA decay λ in (0, 1) (default 0.94).")
    double lambda;

    @Option(names = "--json", description = "One JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() {
        CliSupport.require(spec, lambda > 0 && lambda < 1, "--lambda", "must be in (0, 1), got " + lambda);
        PriceHistory h = history.read(spec);
        VolReport r;
        try {
            r = VolReport.of(h, lambda);
        } catch (IllegalArgumentException e) {
            throw CliSupport.badInput(spec, "--history", e.getMessage());
        }
        if (json) {
            CliSupport.printJson(VolReportJson.toJson(r));
            return CliSupport.EXIT_OK;
        }
        System.out.printf("History %s .. %s, EWMA λ = %s (vols annualised, 365 days)%n", r.start(), r.end(), lambda);
        for (VolReport.UnderlyingVol u : r.underlyings()) {
            Garch.Fit g = u.garch();
            System.out.printf(
                    "%n%s (%d returns): GARCH ω %.3g ± %.2g, α %.4f ± %.4f, β %.4f ± %.4f, long-run vol %.1f%%%n",
                    u.name(),
                    u.returns(),
                    g.omega(),
                    g.omegaStderr(),
                    g.alpha(),
                    g.alphaStderr(),
                    g.beta(),
                    g.betaStderr(),
                    100 * Math.sqrt(g.longRunVariance() * 365));
            System.out.printf("  %-6s %10s %14s %14s%n", "model", "vol now", "QLIKE", "MSE");
            for (ForecastEvaluation e : u.evaluations()) {
                System.out.printf(
                        "  %-6s %9.1f%% %14.5f %14.4g%n", e.model(), 100 * e.forecastVol(), e.qlike(), e.mse());
            }
        }
        System.out.println("\nGARCH and HAR fitted on the whole history (in-sample losses); GARCH standard errors "
                + "assume Gaussian innovations.");
        return CliSupport.EXIT_OK;
    }
}
