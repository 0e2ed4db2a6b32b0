package io.vaultrisk.montecarlo.vol;

import io.vaultrisk.montecarlo.history.PriceHistory;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Vol forecasts and their evaluation for every underlying of a history: EWMA (λ), GARCH(1,1) by MLE and HAR, each
 * with QLIKE and MSE over the same days (the first {@value #BURN_IN} returns are left out, the HAR month plus a margin).
 * GARCH and HAR coefficients are fitted on the whole history, so their losses are in-sample; EWMA has no fitted
 * parameter.
 */
public record VolReport(LocalDate start, LocalDate end, double lambda, List<UnderlyingVol> underlyings) {
    public static final int BURN_IN = 30;

    public record UnderlyingVol(String name, int returns, Garch.Fit garch, List<ForecastEvaluation> evaluations) {}

    public static VolReport of(PriceHistory history, double lambda) {
        Ewma ewma = new Ewma(lambda);
        List<UnderlyingVol> out = new ArrayList<>();
        for (String name : history.names()) {
            double[] r = history.logReturns(name);
            Garch.Fit fit = Garch.DEFAULT.fit(r);
            out.add(new UnderlyingVol(
                    name,
                    r.length,
                    fit,
                    List.of(
                            ForecastEvaluation.of(ewma, r, BURN_IN),
                            ForecastEvaluation.of(fit, r, BURN_IN),
                            ForecastEvaluation.of(new Har(), r, BURN_IN))));
        }
        return new VolReport(history.start(), history.end(), lambda, out);
    }
}
