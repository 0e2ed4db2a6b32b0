package io.vaultrisk.cli;

import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.risk.CorrelationNotPsdException;
import io.vaultrisk.montecarlo.risk.InvalidSettingException;
import io.vaultrisk.montecarlo.risk.RiskSettings;
import io.vaultrisk.montecarlo.stress.Scenario;
import io.vaultrisk.montecarlo.stress.ScenarioLibrary;
import io.vaultrisk.montecarlo.stress.StressEngine;
import io.vaultrisk.montecarlo.stress.StressHtml;
import io.vaultrisk.montecarlo.stress.StressReport;
import io.vaultrisk.montecarlo.stress.StressReportJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vaultrisk stress}: risk matrix, historical replays and the simulated P&amp;L, as JSON and HTML. */
@Command(
        name = "stress",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Stress a book: spot x vol risk matrix, historical crash replays (bundled, with sources) and "
                + "the simulated P&L; writes stress.json and stress.html to --out.")
public final class StressCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BookOptions options = new BookOptions();

    @Mixin
    BackendOptions backend = new BackendOptions();

    @Mixin
    SparkOptions cluster = new SparkOptions();

    @Option(names = "--scenarios", description = "Extra scenario file {\"scenarios\":[…]} (bundled ones always run).")
    Path scenarios;

    @Option(names = "--no-historical", description = "Skip the bundled historical scenarios.")
    boolean noHistorical;

    @Option(
            names = "--out",
            required = true,
            description = "Directory for stress.json and stress.html (with --engine spark: reports/, stress/ and the"
                    + " summaries of every book).")
    Path out;

    @Override
    public Integer call() throws IOException {
        boolean spark = cluster.spark(spec, options);
        Book book = spark ? null : options.readBook(spec);
        RiskSettings settings = options.settings(spec);
        List<Scenario> list = new ArrayList<>(noHistorical ? List.of() : ScenarioLibrary.historical());
        if (scenarios != null) {
            CliSupport.require(spec, Files.isRegularFile(scenarios), "--scenarios", "no such file: " + scenarios);
            try {
                list.addAll(ScenarioLibrary.read(scenarios));
            } catch (IllegalArgumentException e) {
                throw CliSupport.badInput(spec, "--scenarios", e.getMessage());
            }
        }
        CliSupport.require(spec, !Files.exists(out) || Files.isDirectory(out), "--out", "not a directory: " + out);
        if (spark) {
            // the folder's books on Spark: reports/, stress/, summary.json, summary.parquet, stress.parquet in --out
            SparkLibraries.require();
            BackendOptions.requireKnown(spec, backend.backend);
            String id = backend.backend.equals("cpu") ? null : backend.backend;
            return SparkEngine.run(
                    "stress", cluster.books, settings, list, cluster.master, cluster.partitions, out, id, false);
        }
        StressEngine engine = StressEngine.on(backend.compute(spec));
        StressReport report;
        try (ProgressBar bar = new ProgressBar("stress", settings.paths(), false)) {
            report = BackendOptions.run(spec, () -> engine.run(book, list, settings, bar));
        } catch (CorrelationNotPsdException e) {
            throw CliSupport.badInput(spec, "--book", e.withRemedy("pass " + BookOptions.flag(e.setting())));
        } catch (InvalidSettingException e) {
            throw CliSupport.badInput(spec, BookOptions.flag(e.field()), e.reason());
        } catch (IllegalArgumentException e) {
            throw CliSupport.badInput(spec, "--book", e.getMessage());
        }
        report.simulation().warnings().forEach(w -> System.err.println("vaultrisk stress: warning: " + w));
        Files.createDirectories(out);
        Path json = out.resolve("stress.json"), html = out.resolve("stress.html");
        Files.writeString(json, CliSupport.JSON.writeValueAsString(StressReportJson.toJson(report)) + "\n");
        Files.writeString(html, StressHtml.render(report));
        int[] w = report.matrix().worstCell();
        System.out.printf(
                "Stress of %s: worst risk-matrix cell spot %+.0f%% vol %+.0f%%: P&L %,.2f %s%n",
                report.book(),
                100 * report.matrix().spotShocks()[w[0]],
                100 * report.matrix().volShocks()[w[1]],
                report.matrix().pnl()[w[0]][w[1]],
                report.quoteCurrency());
        for (StressReport.ScenarioResult s : report.scenarios()) {
            System.out.printf(
                    "  %-36s %12s P&L %,14.2f%s%n",
                    s.scenario().name(),
                    s.scenario().date(),
                    s.pnl(),
                    s.liquidated().isEmpty() ? "" : "  liquidated: " + String.join(", ", s.liquidated()));
        }
        System.out.println("wrote " + json + " and " + html);
        return CliSupport.EXIT_OK;
    }
}
