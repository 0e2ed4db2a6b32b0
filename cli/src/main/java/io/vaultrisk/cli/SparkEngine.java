package io.vaultrisk.cli;

import io.vaultrisk.allocator.strategy.ScenarioSimulation;
import io.vaultrisk.montecarlo.backtest.BacktestReport;
import io.vaultrisk.montecarlo.backtest.BacktestSpec;
import io.vaultrisk.montecarlo.risk.RiskSettings;
import io.vaultrisk.montecarlo.stress.Scenario;
import io.vaultrisk.montecarlo.stress.StressReport;
import io.vaultrisk.spark.BookFolderRun;
import io.vaultrisk.spark.ParquetScenarios;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * {@code risk|stress|backtest --engine spark --books DIR}: every book of a folder on Spark ({@link BookFolderRun});
 * stress also replays {@code scenarios} on each (null: risk only).
 */
final class SparkEngine {
    private SparkEngine() {}

    static int run(
            String command,
            Path books,
            RiskSettings settings,
            List<Scenario> scenarios,
            String master,
            int partitions,
            Path out,
            String backend,
            boolean json) {
        if (backend != null) {
            // local[N]: the executors are this JVM, and they read their backend from this property
            System.setProperty("vaultrisk.backend", backend);
        }
        BookFolderRun.Result r = BookFolderRun.runAt(master, books, settings, scenarios, partitions, out);
        r.failures()
                .forEach(f ->
                        System.err.println("vaultrisk " + command + ": book " + f.file() + " failed: " + f.error()));
        if (json) {
            try {
                System.out.print(Files.readString(out.resolve("summary.json")));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        } else {
            System.out.printf(
                    Locale.ROOT,
                    "%d book(s) on Spark (%s), %,d paths each; reports in %s, summary in %s and %s%n",
                    r.reports().size(),
                    master,
                    settings.paths(),
                    out.resolve("reports"),
                    out.resolve("summary.json"),
                    out.resolve("summary.parquet"));
            System.out.printf(
                    Locale.ROOT, "%-28s %5s %6s %16s %16s %s%n", "book", "days", "conf", "VaR", "ES", "backend");
            for (BookFolderRun.SummaryRow row : BookFolderRun.summary(r.reports())) {
                System.out.printf(
                        Locale.ROOT,
                        "%-28s %5d %6s %16.2f %16.2f %s%n",
                        row.file(),
                        row.horizonDays(),
                        row.confidence(),
                        row.var(),
                        row.es(),
                        row.backend());
            }
        }
        for (int i = 0; i < r.stress().size(); i++) {
            StressReport s = r.stress().get(i);
            StressReport.ScenarioResult worst = s.scenarios().stream()
                    .min(Comparator.comparingDouble(StressReport.ScenarioResult::pnl))
                    .orElse(null);
            if (worst != null && !json) {
                System.out.printf(
                        Locale.ROOT,
                        "stress %-21s worst scenario %s (%s): P&L %,.2f %s%n",
                        r.reports().get(i).file(),
                        worst.scenario().name(),
                        worst.scenario().date(),
                        worst.pnl(),
                        s.quoteCurrency());
            }
        }
        return r.failures().isEmpty() ? CliSupport.EXIT_OK : CliSupport.EXIT_FAILURE;
    }

    /** {@code backtest --engine spark}: every book of {@code books} backtested on {@code history}, days as tasks. */
    static int backtest(
            Path books,
            Path history,
            BacktestSpec spec,
            String master,
            int tasksPerBook,
            Path out,
            String backend,
            boolean json) {
        if (backend != null) {
            System.setProperty("vaultrisk.backend", backend);
        }
        BookFolderRun.BacktestResult r = BookFolderRun.backtestAt(master, books, history, spec, tasksPerBook, out);
        r.failures().forEach(f -> System.err.println("vaultrisk backtest: book " + f.file() + " failed: " + f.error()));
        if (json) {
            try {
                System.out.print(Files.readString(out.resolve("summary.json")));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        } else {
            System.out.printf(
                    Locale.ROOT,
                    "%d book(s) backtested on Spark (%s); reports in %s, summary in %s and %s%n",
                    r.reports().size(),
                    master,
                    out.resolve("backtests"),
                    out.resolve("summary.json"),
                    out.resolve("summary.parquet"));
            System.out.printf(
                    Locale.ROOT,
                    "%-28s %11s %11s %5s %10s %10s %s%n",
                    "book",
                    "start",
                    "end",
                    "days",
                    "exceptions",
                    "Kupiec p",
                    "light");
            for (BookFolderRun.BookBacktest b : r.reports()) {
                BacktestReport x = b.report();
                System.out.printf(
                        Locale.ROOT,
                        "%-28s %11s %11s %5d %10d %10.4f %s%n",
                        b.file(),
                        x.start(),
                        x.end(),
                        x.observations(),
                        x.exceptions(),
                        x.kupiec().pValue(),
                        x.trafficLight());
            }
        }
        return r.failures().isEmpty() ? CliSupport.EXIT_OK : CliSupport.EXIT_FAILURE;
    }

    /** {@code scenarios}: the book's scenario matrix simulated on Spark and written as Parquet under {@code out}. */
    static int scenarios(
            Path book, ScenarioSimulation simulation, String master, int partitions, Path out, String backend) {
        if (backend != null) {
            System.setProperty("vaultrisk.backend", backend);
        }
        String json;
        try {
            json = Files.readString(book);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        List<String> names =
                ParquetScenarios.writeAt(master, json, book.toAbsolutePath().getParent(), simulation, partitions, out);
        System.out.printf(
                Locale.ROOT,
                "%,d scenarios x %d strategies on Spark (%s) in %s%n",
                simulation.paths(),
                names.size(),
                master,
                out);
        return CliSupport.EXIT_OK;
    }
}
