package io.vaultrisk.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vaultrisk.surface.BookSummaryChainReader;
import io.vaultrisk.surface.ButterflyViolation;
import io.vaultrisk.surface.CalendarViolation;
import io.vaultrisk.surface.ChainFormatException;
import io.vaultrisk.surface.DeltaPoint;
import io.vaultrisk.surface.ExpiryFit;
import io.vaultrisk.surface.OptionChain;
import io.vaultrisk.surface.SmileSlice;
import io.vaultrisk.surface.SurfaceCalibration;
import io.vaultrisk.surface.SurfaceCalibrator;
import io.vaultrisk.surface.SurfaceModel;
import io.vaultrisk.surface.SurfaceReportHtml;
import io.vaultrisk.surface.SurfaceReportJson;
import io.vaultrisk.surface.VolSurface;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vaultrisk surface}: fit SVI or SSVI to an exchange option chain and check it for static arbitrage. */
@Command(
        name = "surface",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Fit a volatility surface (raw SVI per expiry or SSVI) to an option chain in the exchange's"
                + " book-summary JSON layout, list the rows skipped and check the fit for static arbitrage.")
public final class SurfaceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--chain", required = true, description = "Chain file: public/get_book_summary_by_currency JSON.")
    Path chain;

    @Option(names = "--model", defaultValue = "ssvi", description = "ssvi (default) or svi.")
    String model;

    @Option(names = "--out", description = "Directory to write surface.html (smiles and total variance) into.")
    Path out;

    @Option(names = "--json", description = "One JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() {
        SurfaceModel m;
        try {
            m = SurfaceModel.parse(model);
        } catch (IllegalArgumentException e) {
            throw CliSupport.badInput(spec, "--model", "unknown model '" + model + "' (allowed: ssvi, svi)");
        }
        OptionChain options;
        try {
            options = BookSummaryChainReader.DEFAULT.read(chain);
        } catch (ChainFormatException e) {
            throw CliSupport.badInput(spec, "--chain", e.getMessage());
        }
        SurfaceCalibration fit;
        try {
            fit = SurfaceCalibrator.DEFAULT.calibrate(options, m);
        } catch (IllegalArgumentException e) {
            throw CliSupport.badInput(spec, "--chain", e.getMessage());
        }
        Path html = null;
        if (out != null) {
            html = writeHtml(fit);
        }
        if (json) {
            ObjectNode o = SurfaceReportJson.toJson(fit);
            if (html != null) {
                o.put("html", html.toString());
            }
            CliSupport.printJson(o);
        } else {
            printTable(fit, html);
        }
        return CliSupport.EXIT_OK;
    }

    private Path writeHtml(SurfaceCalibration fit) {
        try {
            Files.createDirectories(out);
            Path file = out.resolve("surface.html");
            Files.writeString(file, SurfaceReportHtml.render(fit, "Volatility surface — " + chain.getFileName()));
            return file.toAbsolutePath();
        } catch (IOException e) {
            throw CliSupport.badInput(spec, "--out", "cannot write into " + out + ": " + e.getMessage());
        }
    }

    private static double volAtDeltaOrNaN(VolSurface surface, double t, double delta) {
        double strike = DeltaPoint.strikeOrNaN(surface, t, delta);
        return Double.isNaN(strike) ? Double.NaN : surface.vol(t, strike);
    }

    private static void printTable(SurfaceCalibration fit, Path html) {
        VolSurface surface = fit.surface();
        System.out.printf(
                "%s surface, chain time %s: %d quotes used, %d rows skipped%n%n",
                fit.model().id().toUpperCase(Locale.ROOT),
                fit.asOf(),
                fit.points().size(),
                fit.skipped().size());
        System.out.printf(
                "%-12s %8s %11s %7s %8s %8s %8s %8s %6s %9s%n",
                "expiry", "T", "forward", "quotes", "ATM vol", "25d put", "25d call", "10d put", "rmse", "");
        for (ExpiryFit e : fit.expiries()) {
            SmileSlice s = surface.slice(e.expiry());
            double t = e.timeToExpiry();
            System.out.printf(
                    Locale.ROOT,
                    "%-12s %8.4f %11.2f %7d %7.2f%% %7.2f%% %7.2f%% %7.2f%% %6.2f vol pts%n",
                    e.expiry().toString().substring(0, 10),
                    t,
                    e.forward(),
                    e.quotes(),
                    100 * s.vol(0.0),
                    100 * volAtDeltaOrNaN(surface, t, -0.25),
                    100 * volAtDeltaOrNaN(surface, t, 0.25),
                    100 * volAtDeltaOrNaN(surface, t, -0.10),
                    e.rmseVolPoints());
        }
        if (!fit.expiries().isEmpty() && fit.model() == SurfaceModel.SSVI) {
            Map<String, Double> p = fit.expiries().get(0).params();
            System.out.printf(
                    Locale.ROOT,
                    "%nSSVI rho=%.4f eta=%.4f gamma=%.4f (power-law phi)%n",
                    p.get("rho"),
                    p.get("eta"),
                    p.get("gamma"));
        }
        System.out.printf(
                "%narbitrage: %s%n",
                fit.arbitrage().isArbitrageFree()
                        ? "none (butterfly and calendar)"
                        : fit.arbitrage().butterfly().size() + " butterfly, "
                                + fit.arbitrage().calendar().size() + " calendar violation(s)");
        for (ButterflyViolation v : fit.arbitrage().butterfly()) {
            System.out.printf(
                    Locale.ROOT,
                    "  butterfly %s: g < 0 on k in [%.4f, %.4f], worst g=%.3g at k=%.4f%n",
                    v.expiry(),
                    v.fromK(),
                    v.toK(),
                    v.worstG(),
                    v.worstK());
        }
        for (CalendarViolation v : fit.arbitrage().calendar()) {
            System.out.printf(
                    Locale.ROOT,
                    "  calendar %s -> %s: w falls on k in [%.4f, %.4f], by %.3g at k=%.4f%n",
                    v.earlier(),
                    v.later(),
                    v.fromK(),
                    v.toK(),
                    v.decrease(),
                    v.worstK());
        }
        if (!fit.skipped().isEmpty()) {
            System.out.printf("%nskipped %d rows:%n", fit.skipped().size());
            fit.skipped().stream()
                    .filter(s -> !s.reason().startsWith("in the money"))
                    .limit(20)
                    .forEach(s -> System.out.printf("  %-24s %s%n", s.instrument(), s.reason()));
            long itm = fit.skipped().stream()
                    .filter(s -> s.reason().startsWith("in the money"))
                    .count();
            if (itm > 0) {
                System.out.printf(
                        "  (%d in-the-money rows: the out-of-the-money option at each strike is used)%n", itm);
            }
        }
        if (html != null) {
            System.out.printf("%nwrote %s%n", html);
        }
    }
}
