package io.vaultrisk.cli;

import io.vaultrisk.montecarlo.backtest.BacktestSpec;
import io.vaultrisk.montecarlo.backtest.FilteredHistoricalSimulation;
import io.vaultrisk.montecarlo.backtest.InvalidBacktestException;
import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.compute.ComputeBackend;
import io.vaultrisk.montecarlo.risk.CorrelationNotPsdException;
import io.vaultrisk.montecarlo.risk.InvalidSettingException;
import io.vaultrisk.montecarlo.risk.PnlExplain;
import io.vaultrisk.montecarlo.risk.RiskEngine;
import io.vaultrisk.montecarlo.risk.RiskReport;
import io.vaultrisk.montecarlo.risk.RiskReportJson;
import io.vaultrisk.montecarlo.risk.RiskSettings;
import io.vaultrisk.montecarlo.risk.TailMeasures;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vaultrisk risk}: VaR, ES, liquidation probabilities, greeks and margin of a book by Monte Carlo. */
@Command(
        name = "risk",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "VaR/ES with confidence intervals, Euler contributions, perpetual liquidation probabilities, "
                + "greeks and margin of a book (losses positive, in the book's quote currency).")
public final class RiskCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BookOptions options = new BookOptions();

    @Mixin
    BackendOptions backend = new BackendOptions();

    @Option(names = "--json", description = "One JSON object on stdout.")
    boolean json;

    @Option(
            names = "--method",
            defaultValue = "mc",
            description = "mc (Monte Carlo of the book's models, default) | fhs (filtered historical simulation "
                    + "from --history).")
    String method;

    @Option(
            names = "--history",
            paramLabel = "CSV",
            description = "Daily history for --method fhs: date,BTC,ETH,... (the book's date must be one of its days).")
    Path history;

    @Option(
            names = "--vol-model",
            defaultValue = "ewma",
            description = "ewma | garch: the vol forecast FHS standardises and rescales by (default ewma).")
    String volModel;

    @Option(names = "--lambda", defaultValue = "0.94", description = "EWMA λ for --method fhs (default 0.94).")
    double lambda;

    @Mixin
    SparkOptions cluster = new SparkOptions();

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "risk-books",
            description = "With --engine spark: output folder (reports/, summary.json, summary.parquet; default"
                    + " risk-books).")
    Path out;

    @Override
    public Integer call() {
        if (cluster.spark(spec, options)) {
            return spark();
        }
        Book book = options.readBook(spec);
        RiskSettings settings = options.settings(spec);
        switch (method.toLowerCase(Locale.ROOT)) {
            case "mc" -> CliSupport.require(spec, history == null, "--history", "is used only with --method fhs");
            case "fhs" -> {
                return filteredHistorical(book, settings);
            }
            default -> throw CliSupport.badInput(spec, "--method", "must be mc or fhs, got '" + method + "'");
        }
        RiskReport report = run(spec, book, settings, backend.compute(spec), json);
        report.warnings().forEach(w -> System.err.println("vaultrisk risk: warning: " + w));
        if (json) {
            CliSupport.printJson(RiskReportJson.toJson(report));
        } else {
            print(report);
        }
        return CliSupport.EXIT_OK;
    }

    /** {@code --engine spark}: the folder's books on Spark; exit 1 when a book failed (after the others ran). */
    private int spark() {
        CliSupport.require(spec, method.equals("mc"), "--method", "must be mc with --engine spark");
        RiskSettings settings = options.settings(spec);
        SparkLibraries.require();
        BackendOptions.requireKnown(spec, backend.backend);
        String id = backend.backend.equals("cpu") ? null : backend.backend;
        return SparkEngine.run(
                "risk", cluster.books, settings, null, cluster.master, cluster.partitions, out, id, json);
    }

    /** {@code --method fhs}: VaR/ES from the history's standardised returns rescaled to today's vol forecast. */
    private int filteredHistorical(Book book, RiskSettings settings) {
        CliSupport.require(spec, history != null, "--history", "is required with --method fhs");
        BacktestSpec.VolModel vm;
        try {
            vm = BacktestSpec.VolModel.valueOf(volModel.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw CliSupport.badInput(spec, "--vol-model", "must be ewma or garch, got '" + volModel + "'");
        }
        HistoryOptions h = new HistoryOptions();
        h.history = history;
        FilteredHistoricalSimulation.Report r;
        try {
            BacktestSpec s = new BacktestSpec(
                    settings.confidences()[0],
                    settings.horizonDays()[0],
                    vm,
                    BacktestSpec.Method.FHS,
                    settings.paths(),
                    settings.seed(),
                    lambda,
                    0,
                    BacktestSpec.DEFAULT_STEPS_PER_DAY,
                    0);
            r = FilteredHistoricalSimulation.run(book, h.read(spec), s, settings.horizonDays(), settings.confidences());
        } catch (InvalidBacktestException e) {
            throw CliSupport.badInput(spec, fhsFlag(e.field()), e.reason());
        } catch (IllegalArgumentException e) {
            throw CliSupport.badInput(spec, "--book", e.getMessage());
        }
        if (json) {
            CliSupport.printJson(FilteredHistoricalSimulation.toJson(r));
            return CliSupport.EXIT_OK;
        }
        System.out.printf(
                "Book %s — value %,.2f %s — method fhs (filtered historical simulation), %s vols, history to %s%n",
                r.book(), r.bookValue(), r.quoteCurrency(), r.volModel(), r.date());
        for (int u = 0; u < r.underlyings().size(); u++) {
            System.out.printf(
                    "  %-6s vol forecast %.4f (annualised)%n", r.underlyings().get(u), r.annualVol()[u]);
        }
        for (FilteredHistoricalSimulation.Horizon hz : r.horizons()) {
            System.out.printf("%nHorizon %d day(s), %,d scenarios:%n", hz.days(), hz.scenarios());
            for (FilteredHistoricalSimulation.Level l : hz.levels()) {
                System.out.printf("  %-6s VaR %16.2f   ES %16.2f%n", l.confidence(), l.var(), l.es());
            }
        }
        r.notes().forEach(n -> System.out.println("(" + n + ")"));
        return CliSupport.EXIT_OK;
    }

    /** The flag behind a {@link BacktestSpec} field or a book/history check of FHS. */
    private static String fhsFlag(String field) {
        return switch (field) {
            case "volModel" -> "--vol-model";
            case "lambda" -> "--lambda";
            case "paths" -> "--paths";
            case "confidence" -> "--confidence";
            case "horizonDays" -> "--horizon-days";
            default -> "--book";
        };
    }

    static RiskReport run(CommandSpec spec, Book book, RiskSettings settings, ComputeBackend compute, boolean quiet) {
        try (ProgressBar bar = new ProgressBar("simulating", settings.paths(), quiet)) {
            return BackendOptions.run(spec, () -> RiskEngine.on(compute).run(book, settings, bar));
        } catch (CorrelationNotPsdException e) {
            throw CliSupport.badInput(spec, "--book", e.withRemedy("pass " + BookOptions.flag(e.setting())));
        } catch (InvalidSettingException e) {
            // a setting that only the book can check (the coin of --currency)
            throw CliSupport.badInput(spec, BookOptions.flag(e.field()), e.reason());
        } catch (IllegalArgumentException e) {
            // problems only visible once the book meets the settings (correlations, funding intervals)
            throw CliSupport.badInput(spec, "--book", e.getMessage());
        }
    }

    private static void print(RiskReport r) {
        String ccy = r.quoteCurrency();
        System.out.printf(
                "Book %s — value %,.2f %s — %,d paths, seed %d, %d steps/day%n",
                r.book(), r.bookValue(), ccy, r.paths(), r.seed(), r.stepsPerDay());
        if (!r.currency().equals(ccy)) {
            System.out.printf(
                    "P&L, VaR and ES in coins of %s (coin view); greeks and margin in %s%n", r.currency(), ccy);
        }
        for (RiskReport.HorizonRisk h : r.horizons()) {
            System.out.printf(
                    "%nHorizon %d day(s): P&L mean %,.2f, stdev %,.2f, skew %.3f%n",
                    h.days(), h.pnl().mean(), h.pnl().stdev(), h.pnl().skew());
            System.out.printf("  %-6s %16s %33s %16s %33s%n", "conf", "VaR", "95% interval", "ES", "95% interval");
            for (RiskReport.LevelRisk l : h.levels()) {
                TailMeasures t = l.measures();
                System.out.printf(
                        "  %-6s %16.2f   [%13.2f, %13.2f] %16.2f   %s%n",
                        t.confidence(),
                        t.var(),
                        t.varLow(),
                        t.varHigh(),
                        t.es(),
                        t.hasEsInterval()
                                ? String.format("[%13.2f, %13.2f]", t.esLow(), t.esHigh())
                                : String.format("%31s", "n/a (" + t.tailCount() + " tail paths)"));
            }
            PnlExplain e = h.explain();
            System.out.printf(
                    "  P&L explain (%s) %12s %12s %12s %12s %12s %12s %12s%n",
                    ccy, "delta", "gamma", "vega", "theta", "funding", "residual", "total");
            explainRow("mean, all paths", e.mean());
            explainRow("mean, ES tail " + e.tailConfidence(), e.tail());
        }
        System.out.println("  (" + r.first().explain().note() + ")");
        RiskReport.LevelRisk top = r.first().levels().get(r.first().levels().size() - 1);
        System.out.printf(
                "%nEuler contributions, %d day(s) at %s:%n",
                r.first().days(), top.measures().confidence());
        for (RiskReport.Contribution c : top.contributions()) {
            System.out.printf("  %-24s VaR %14.2f   ES %14.2f%n", c.id(), c.var(), c.es());
        }
        if (!r.perpetuals().isEmpty()) {
            System.out.println("\nPerpetuals (liquidation checked "
                    + (r.liquidationMonitoring().equals("continuous")
                            ? "continuously: at steps and by the Brownian bridge between them"
                            : "at simulation steps only")
                    + "):");
            for (RiskReport.PerpetualRisk p : r.perpetuals()) {
                System.out.printf(
                        "  %-24s %s %s, liquidation price %s%n",
                        p.id(),
                        p.side(),
                        p.settlement(),
                        Double.isFinite(p.liquidationPrice()) ? String.format("%,.2f", p.liquidationPrice()) : "none");
                for (RiskReport.LiquidationEstimate e : p.horizons()) {
                    System.out.printf(
                            "      %3d d: P(liquidated) %.5f ± %.5f, mean funding %,.2f %s%n",
                            e.days(), e.probability(), e.stderr(), e.meanFunding(), ccy);
                }
            }
        }
        System.out.println("\nGreeks:");
        for (RiskReport.UnderlyingGreeks g : r.greeks()) {
            System.out.printf(
                    "  %-6s delta %,.4f coins (%,.2f %s), gamma %.6g, vega %,.2f per vol point%n",
                    g.underlying(), g.deltaCoins(), g.deltaQuote(), ccy, g.gamma(), g.vegaPerVolPoint());
        }
        RiskReport.MarginReport m = r.margin();
        System.out.printf(
                "%nMargin: initial %,.2f (VaR/ES %,.2f, risk matrix %,.2f), maintenance %,.2f %s%n",
                m.initialMargin(), m.varEsInitial(), m.riskMatrixInitial(), m.maintenanceMargin(), ccy);
        if (m.calibrated() != null) {
            RiskReport.CalibratedParts p = m.calibrated();
            System.out.printf(
                    "  calibrated: ES %s over %d day(s) %,.2f; vol-scaled risk matrix %,.2f (%s); short-option charge "
                            + "%,.2f; initial = max(ES, matrix) + charge; maintenance %.0f%% of initial%n",
                    p.confidence(),
                    p.periodDays(),
                    p.es(),
                    p.riskMatrix(),
                    p.riskMatrixWorstMove(),
                    p.shortOptionCharge(),
                    100 * m.maintenanceFraction());
        }
        System.out.printf("%nsimulation and revaluation %.0f ms%n", r.elapsedMillis());
    }

    private static void explainRow(String label, PnlExplain.Terms t) {
        System.out.printf(
                "    %-22s %12.2f %12.2f %12.2f %12.2f %12.2f %12.2f %12.2f%n",
                label, t.delta(), t.gamma(), t.vega(), t.theta(), t.funding(), t.residual(), t.total());
    }
}
