package io.vaultrisk.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vaultrisk.basics.Greeks;
import io.vaultrisk.basics.OptionType;
import io.vaultrisk.kernels.GreekMethod;
import io.vaultrisk.kernels.Sampling;
import io.vaultrisk.montecarlo.engine.Estimate;
import io.vaultrisk.montecarlo.engine.MonteCarloEngine;
import io.vaultrisk.montecarlo.engine.PriceResult;
import io.vaultrisk.montecarlo.engine.SimulationSettings;
import io.vaultrisk.montecarlo.instrument.EuropeanOption;
import io.vaultrisk.montecarlo.instrument.Settlement;
import io.vaultrisk.montecarlo.market.Market;
import io.vaultrisk.montecarlo.model.GbmModel;
import io.vaultrisk.montecarlo.model.HestonModel;
import io.vaultrisk.montecarlo.model.MertonModel;
import io.vaultrisk.montecarlo.model.PricingModel;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vaultrisk price}: a European option by Monte Carlo, next to its closed form. */
@Command(
        name = "price",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Price a European option by Monte Carlo, with greeks, standard errors and the closed form.")
public final class PriceCommand implements Callable<Integer> {
    static final List<String> MODELS = List.of("gbm", "merton", "heston");

    @Spec
    CommandSpec spec;

    @Option(names = "--model", defaultValue = "gbm", description = "gbm (default), merton or heston.")
    String model;

    @Option(names = "--spot", required = true, description = "Spot price of the underlying.")
    double spot;

    @Option(names = "--strike", required = true, description = "Strike.")
    double strike;

    @Option(names = "--expiry", required = true, description = "Time to expiry in years.")
    double expiry;

    @Option(names = "--rate", defaultValue = "0", description = "Continuously compounded rate, decimal (default 0).")
    double rate;

    @Option(names = "--vol", description = "Volatility, decimal (0.8 = 80%%); gbm and merton (diffusion part).")
    Double vol;

    @Option(names = "--jump-intensity", description = "Merton: jumps per year.")
    Double jumpIntensity;

    @Option(names = "--jump-mean", description = "Merton: mean of the log jump size.")
    Double jumpMean;

    @Option(names = "--jump-vol", description = "Merton: standard deviation of the log jump size.")
    Double jumpVol;

    @Option(names = "--v0", description = "Heston: initial variance.")
    Double v0;

    @Option(names = "--kappa", description = "Heston: mean reversion speed.")
    Double kappa;

    @Option(names = "--theta", description = "Heston: long-run variance.")
    Double theta;

    @Option(names = "--xi", description = "Heston: vol of variance.")
    Double xi;

    @Option(names = "--rho", description = "Heston: correlation of spot and variance.")
    Double rho;

    @Option(names = "--option", required = true, description = "call or put.")
    String option;

    @Option(names = "--inverse", description = "Coin-settled (inverse) option: pays (S-K)+/S coins, valued in coin.")
    boolean inverse;

    @Option(names = "--paths", defaultValue = "1000000", description = "Paths (default 1,000,000).")
    long paths;

    @Option(names = "--steps", defaultValue = "252", description = "Time steps per path (default 252).")
    int steps;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the counter-based RNG (default 1).")
    long seed;

    @Option(names = "--threads", defaultValue = "0", description = "CPU threads, 0 = all cores (same result).")
    int threads;

    @Option(names = "--backend", defaultValue = "cpu", description = "cpu, opencl, cuda or auto (default cpu).")
    String backend;

    @Option(names = "--qmc", description = "Sobol points with a Brownian bridge and random digital shifts.")
    boolean qmc;

    @Option(names = "--replicates", defaultValue = "16", description = "Random shifts for --qmc (default 16).")
    int replicates;

    @Option(names = "--antithetic", description = "Antithetic paths (each path paired with its mirror).")
    boolean antithetic;

    @Option(names = "--control-variate", description = "Control variate on the discounted terminal spot.")
    boolean controlVariate;

    @Option(names = "--greeks", defaultValue = "pathwise", description = "pathwise (default) or bump.")
    String greeks;

    @Option(names = "--json", description = "One JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() {
        String m = model.toLowerCase(Locale.ROOT);
        CliSupport.require(
                spec,
                MODELS.contains(m),
                "--model",
                "unknown model '" + model + "' (allowed: " + String.join(", ", MODELS) + ")");
        CliSupport.require(spec, spot > 0 && Double.isFinite(spot), "--spot", "must be a positive number, got " + spot);
        CliSupport.require(
                spec, strike > 0 && Double.isFinite(strike), "--strike", "must be a positive number, got " + strike);
        CliSupport.require(
                spec,
                expiry > 0 && Double.isFinite(expiry),
                "--expiry",
                "must be a positive number of years, got " + expiry);
        CliSupport.require(
                spec,
                Double.isFinite(rate) && Math.abs(rate) <= 1,
                "--rate",
                "must be a decimal in [-1, 1], got " + rate);
        PricingModel pricingModel = model(m);
        OptionType type;
        try {
            type = OptionType.parse(option);
        } catch (IllegalArgumentException e) {
            throw CliSupport.badInput(spec, "--option", e.getMessage());
        }
        CliSupport.require(spec, paths >= 2, "--paths", "must be at least 2, got " + paths);
        CliSupport.require(spec, steps >= 1 && steps <= 100_000, "--steps", "must be in 1..100000, got " + steps);
        CliSupport.require(spec, threads >= 0, "--threads", "must be 0 (all cores) or more, got " + threads);
        CliSupport.require(spec, !(qmc && antithetic), "--qmc", "cannot be combined with --antithetic");
        CliSupport.require(spec, !qmc || m.equals("gbm"), "--qmc", "is available for --model gbm only");
        CliSupport.require(spec, !qmc || replicates >= 2, "--replicates", "must be at least 2, got " + replicates);
        CliSupport.require(
                spec,
                !qmc || paths / replicates >= 2,
                "--paths",
                "must give at least 2 points per QMC shift (" + replicates + " shifts)");
        GreekMethod greekMethod = switch (greeks.toLowerCase(Locale.ROOT)) {
            case "pathwise" -> GreekMethod.PATHWISE;
            case "bump" -> GreekMethod.BUMP;
            default ->
                throw CliSupport.badInput(
                        spec, "--greeks", "unknown method '" + greeks + "' (allowed: pathwise, bump)");
        };
        BackendOptions.requireKnown(spec, backend);

        Sampling sampling = qmc ? Sampling.QMC : antithetic ? Sampling.ANTITHETIC : Sampling.PSEUDO;
        SimulationSettings settings = new SimulationSettings(
                paths, steps, seed, threads, sampling, controlVariate, greekMethod, replicates, backend);
        EuropeanOption opt = EuropeanOption.of(type, strike, expiry, inverse ? Settlement.INVERSE : Settlement.LINEAR);
        PriceResult result;
        try (ProgressBar bar = new ProgressBar("simulating", paths, json)) {
            result = MonteCarloEngine.DEFAULT.price(opt, pricingModel, Market.of(spot, rate), settings, bar);
        }
        result.warnings().forEach(w -> System.err.println("vaultrisk price: warning: " + w));
        if (json) {
            CliSupport.printJson(toJson(result, greekMethod));
        } else {
            printTable(result, opt);
        }
        return CliSupport.EXIT_OK;
    }

    private PricingModel model(String name) {
        switch (name) {
            case "gbm" -> {
                double v = need(vol, "--vol", "the volatility (a decimal, 0.8 = 80%)");
                CliSupport.require(
                        spec, v > 0 && v <= 10, "--vol", "must be in (0, 10] (a decimal, 0.8 = 80%), got " + v);
                return GbmModel.of(v);
            }
            case "merton" -> {
                double v = need(vol, "--vol", "the diffusion volatility");
                CliSupport.require(spec, v > 0 && v <= 10, "--vol", "must be in (0, 10] (a decimal), got " + v);
                double lambda = need(jumpIntensity, "--jump-intensity", "jumps per year");
                CliSupport.require(
                        spec,
                        lambda >= 0 && lambda <= 1000,
                        "--jump-intensity",
                        "must be in [0, 1000] jumps per year, got " + lambda);
                double mu = need(jumpMean, "--jump-mean", "the mean log jump");
                CliSupport.require(spec, Math.abs(mu) <= 5, "--jump-mean", "must be in [-5, 5], got " + mu);
                double sj = need(jumpVol, "--jump-vol", "the log jump standard deviation");
                CliSupport.require(spec, sj >= 0 && sj <= 5, "--jump-vol", "must be in [0, 5], got " + sj);
                return MertonModel.of(v, lambda, mu, sj);
            }
            default -> {
                double a = need(v0, "--v0", "the initial variance");
                CliSupport.require(spec, a >= 0 && a <= 100, "--v0", "must be in [0, 100] (a variance), got " + a);
                double k = need(kappa, "--kappa", "the mean reversion speed");
                CliSupport.require(spec, k > 0 && k <= 1000, "--kappa", "must be in (0, 1000], got " + k);
                double t = need(theta, "--theta", "the long-run variance");
                CliSupport.require(spec, t > 0 && t <= 100, "--theta", "must be in (0, 100], got " + t);
                double x = need(xi, "--xi", "the vol of variance");
                CliSupport.require(spec, x > 0 && x <= 20, "--xi", "must be in (0, 20], got " + x);
                double r = need(rho, "--rho", "the spot-variance correlation");
                CliSupport.require(spec, r >= -1 && r <= 1, "--rho", "must be in [-1, 1], got " + r);
                return HestonModel.of(a, k, t, x, r);
            }
        }
    }

    private double need(Double value, String flag, String what) {
        if (value == null) {
            throw CliSupport.badInput(
                    spec, flag, "is required for --model " + model.toLowerCase(Locale.ROOT) + " (" + what + ")");
        }
        CliSupport.require(spec, Double.isFinite(value), flag, "must be a finite number, got " + value);
        return value;
    }

    private static ObjectNode toJson(PriceResult r, GreekMethod method) {
        ObjectNode o = CliSupport.object();
        o.put("model", r.model());
        // accelerators are named by their device (e.g. "opencl: … PoCL …"); the CPU simply "cpu"
        o.put("backend", r.backend().equals("cpu") ? "cpu" : r.device());
        o.put("backendId", r.backend());
        o.put("device", r.device());
        o.put("paths", r.paths());
        o.put("steps", r.steps());
        o.put("seed", r.seed());
        o.put("sampling", r.sampling());
        o.put("currency", r.currency());
        o.put("price", r.price().value());
        o.put("stderr", r.price().stderr());
        o.putArray("ci95").add(r.price().lower95()).add(r.price().upper95());
        if (!Double.isNaN(r.controlVariateBeta())) {
            o.putObject("controlVariate").put("beta", r.controlVariateBeta());
        }
        Greeks a = r.analytic();
        ObjectNode an = o.putObject("analytic");
        an.put("price", a.price());
        putFinite(an, "delta", a.delta());
        putFinite(an, "gamma", a.gamma());
        putFinite(an, "vega", a.vega());
        putFinite(an, "rho", a.rho());
        putFinite(an, "theta", a.theta());
        o.put("greekMethod", method.name().toLowerCase(Locale.ROOT));
        ObjectNode g = o.putObject("greeks");
        for (Map.Entry<String, Estimate> e : r.greeks().entrySet()) {
            g.putObject(e.getKey())
                    .put("value", e.getValue().value())
                    .put("stderr", e.getValue().stderr());
        }
        o.put("elapsedMillis", r.elapsedMillis());
        o.put("pathStepsPerSecond", r.paths() * (double) r.steps() / (r.elapsedNanos() / 1e9));
        o.putArray("warnings")
                .addAll(r.warnings().stream()
                        .map(CliSupport.JSON.getNodeFactory()::textNode)
                        .toList());
        return o;
    }

    private static void putFinite(ObjectNode o, String name, double value) {
        if (Double.isFinite(value)) {
            o.put(name, value);
        }
    }

    private static void printTable(PriceResult r, EuropeanOption opt) {
        Greeks a = r.analytic();
        System.out.printf(
                "European %s%s, %s — %s%n",
                opt.type().name().toLowerCase(Locale.ROOT),
                opt.settlement() == Settlement.INVERSE ? " (inverse, valued in coin)" : "",
                r.model().toUpperCase(Locale.ROOT),
                r.device());
        System.out.printf(
                "paths %,d   steps %d   seed %d   sampling %s%s%n%n",
                r.paths(),
                r.steps(),
                r.seed(),
                r.sampling(),
                Double.isNaN(r.controlVariateBeta())
                        ? ""
                        : "   control variate β=" + String.format("%.4f", r.controlVariateBeta()));
        System.out.printf("%-8s %16s %12s %33s %16s%n", "", "Monte Carlo", "std err", "95% interval", "closed form");
        row("price", r.price(), a.price());
        String[] names = {"delta", "gamma", "vega", "rho", "theta"};
        double[] closed = {a.delta(), a.gamma(), a.vega(), a.rho(), a.theta()};
        for (int i = 0; i < names.length; i++) {
            if (r.greeks().containsKey(names[i])) {
                row(names[i], r.greeks().get(names[i]), closed[i]);
            }
        }
        System.out.printf(
                "%nsimulation %.0f ms, %.3g path-steps/s%n",
                r.elapsedMillis(), r.paths() * (double) r.steps() / (r.elapsedNanos() / 1e9));
    }

    private static void row(String name, Estimate e, double closed) {
        System.out.printf(
                "%-8s %16.6f %12.6f   [%13.6f, %13.6f] %16s%n",
                name,
                e.value(),
                e.stderr(),
                e.lower95(),
                e.upper95(),
                Double.isFinite(closed) ? String.format("%.6f", closed) : "-");
    }
}
