package io.vaultrisk.montecarlo.engine;

import io.vaultrisk.kernels.Backends;
import io.vaultrisk.kernels.Estimator;
import io.vaultrisk.kernels.EstimatorSums;
import io.vaultrisk.kernels.EuropeanRun;
import io.vaultrisk.kernels.EuropeanTask;
import io.vaultrisk.kernels.PathBackend;
import io.vaultrisk.kernels.ProgressSink;
import io.vaultrisk.montecarlo.analytic.ClosedForms;
import io.vaultrisk.montecarlo.instrument.EuropeanOption;
import io.vaultrisk.montecarlo.instrument.Settlement;
import io.vaultrisk.montecarlo.market.Market;
import io.vaultrisk.montecarlo.model.PricingModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prices European options by simulation on any backend and turns the backend's sums into estimates with standard
 * errors: per-sample variance for pseudo-random and antithetic sampling, the spread of independent shifts for QMC.
 * Stateless; use {@link #DEFAULT}.
 */
public final class MonteCarloEngine {
    public static final MonteCarloEngine DEFAULT = new MonteCarloEngine();
    private static final Estimator[] GREEKS = {
        Estimator.DELTA, Estimator.GAMMA, Estimator.VEGA, Estimator.RHO, Estimator.THETA
    };

    private MonteCarloEngine() {}

    public PriceResult price(
            EuropeanOption option,
            PricingModel model,
            Market market,
            SimulationSettings settings,
            ProgressSink progress) {
        EuropeanTask task = new EuropeanTask(
                model.kind(),
                model.parameters(),
                market.spot(),
                option.strike(),
                option.expiry(),
                market.rate(),
                option.type().isCall(),
                option.settlement() == Settlement.INVERSE,
                settings.steps(),
                settings.paths(),
                settings.seed(),
                settings.sampling(),
                settings.replicates(),
                settings.threads(),
                settings.greekMethod());
        List<String> warnings = new ArrayList<>();
        PathBackend backend = Backends.select(settings.backend());
        long start = System.nanoTime();
        EuropeanRun run =
                Backends.runWithFallback(backend, task, progress, w -> warnings.add(w.replaceFirst("^warning: ", "")));
        long elapsed = System.nanoTime() - start;

        double controlMean = option.settlement() == Settlement.INVERSE ? 1.0 : market.spot();
        double[] beta = {Double.NaN};
        Estimate price = settings.controlVariate()
                ? controlled(run.estimates(), controlMean, beta)
                : estimate(run.estimates(), Estimator.PRICE);
        Map<String, Estimate> greeks = new LinkedHashMap<>();
        for (Estimator g : GREEKS) {
            String name = g.name().toLowerCase(java.util.Locale.ROOT);
            if (model.estimatedGreeks().contains(name)) {
                greeks.put(name, estimate(run.estimates(), g));
            }
        }
        String ran = run.device().contains(":")
                ? run.device().substring(0, run.device().indexOf(':'))
                : backend.id();
        return new PriceResult(
                model.name(),
                ran,
                run.device(),
                task.simulatedPaths(),
                task.steps(),
                task.seed(),
                task.sampling().name().toLowerCase(java.util.Locale.ROOT),
                price,
                greeks,
                ClosedForms.greeks(option, model, market),
                option.settlement().valueCurrency(),
                beta[0],
                elapsed,
                warnings);
    }

    static Estimate estimate(List<EstimatorSums> estimates, Estimator e) {
        if (estimates.size() == 1) {
            EstimatorSums s = estimates.get(0);
            return Estimate.of(s.mean(e), Math.sqrt(s.variance(e) / s.count()));
        }
        double[] means = estimates.stream().mapToDouble(s -> s.mean(e)).toArray();
        return spread(means);
    }

    /** Control variate on the discounted terminal spot, whose mean is known exactly (spot, or 1 coin). */
    static Estimate controlled(List<EstimatorSums> estimates, double controlMean, double[] betaOut) {
        EstimatorSums pooled = new EstimatorSums();
        estimates.forEach(pooled::addAll);
        double varY = pooled.variance(Estimator.CONTROL);
        double cov = pooled.covariancePriceControl();
        double beta = varY > 0 ? cov / varY : 0.0;
        betaOut[0] = beta;
        if (estimates.size() == 1) {
            double residual = Math.max(0.0, pooled.variance(Estimator.PRICE) - beta * cov);
            double value = pooled.mean(Estimator.PRICE) - beta * (pooled.mean(Estimator.CONTROL) - controlMean);
            return Estimate.of(value, Math.sqrt(residual / pooled.count()));
        }
        double[] means = estimates.stream()
                .mapToDouble(s -> s.mean(Estimator.PRICE) - beta * (s.mean(Estimator.CONTROL) - controlMean))
                .toArray();
        return spread(means);
    }

    private static Estimate spread(double[] means) {
        double mean = 0;
        for (double m : means) {
            mean += m;
        }
        mean /= means.length;
        double ss = 0;
        for (double m : means) {
            ss += (m - mean) * (m - mean);
        }
        return Estimate.of(mean, Math.sqrt(ss / (means.length - 1) / means.length));
    }
}
