package io.vaultrisk.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vaultrisk.kernels.ProgressSink;
import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.BookReader;
import io.vaultrisk.montecarlo.risk.RiskEngine;
import io.vaultrisk.montecarlo.risk.RiskReport;
import io.vaultrisk.montecarlo.risk.RiskReportJson;
import io.vaultrisk.montecarlo.risk.RiskSettings;
import io.vaultrisk.montecarlo.stress.Scenario;
import io.vaultrisk.montecarlo.stress.ScenarioLibrary;
import io.vaultrisk.montecarlo.stress.StressEngine;
import io.vaultrisk.montecarlo.stress.StressReport;
import io.vaultrisk.montecarlo.stress.StressReportJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("slow") // starts Spark in-process (a few seconds): ./run-tests --fast leaves it out
class SparkRiskEngineTest {
    /** 30,000 paths: 8 blocks of 4,096, the last short, so 7 partitions are all non-empty and uneven. */
    static final RiskSettings SETTINGS = RiskSettings.of(30_000, 7, new int[] {1, 7}, new double[] {0.95, 0.99});

    static SparkSession spark;
    static JavaSparkContext context;

    @BeforeAll
    static void start() {
        // local[2, 2]: two cores, and a failed task is tried again once (plain local[N] never retries a task)
        spark = SparkSession.builder()
                .master("local[2,2]")
                .appName("vaultrisk-test")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
        context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static final Path BOOKS = Path.of("..", "examples", "books");

    static String example(String name) throws IOException {
        return Files.readString(BOOKS.resolve(name));
    }

    /**
     * The single machine's report, from a second run: the P&amp;L explain's mean terms of a JVM's very first run can
     * differ from later runs' in the last bit (interpreted against compiled code; the paths and every other number
     * are the same), and the distributed run reduces on a warm driver.
     */
    static RiskReport oneMachine(String name) throws IOException {
        Book book = BookReader.DEFAULT.read(BOOKS.resolve(name));
        RiskEngine.DEFAULT.run(book, SETTINGS, ProgressSink.NONE);
        return RiskEngine.DEFAULT.run(book, SETTINGS, ProgressSink.NONE);
    }

    static String withoutElapsed(RiskReport r) {
        ObjectNode o = RiskReportJson.toJson(r);
        o.remove("elapsedMillis");
        return o.toString();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7})
    void run_anyPartitionCount_equalsOneMachineBitForBit(int partitions) throws IOException {
        for (String name : List.of("eth-vault.json", "vol-surface-vault.json")) {
            String json = example(name);
            RiskReport one = oneMachine(name);
            RiskReport many = SparkRiskEngine.on(context, partitions).run(json, BOOKS, SETTINGS);

            for (int h = 0; h < one.horizons().size(); h++) {
                for (int l = 0; l < 2; l++) {
                    RiskReport.LevelRisk a = one.horizons().get(h).levels().get(l);
                    RiskReport.LevelRisk b = many.horizons().get(h).levels().get(l);
                    assertThat(b.measures()).isEqualTo(a.measures()); // VaR, ES, intervals: every double
                    assertThat(b.contributions()).isEqualTo(a.contributions());
                }
            }
            for (int p = 0; p < one.perpetuals().size(); p++) {
                assertThat(many.perpetuals().get(p).horizons())
                        .isEqualTo(one.perpetuals().get(p).horizons());
            }
            assertThat(many.bookValue()).isEqualTo(one.bookValue());
            assertThat(many.positionValues()).isEqualTo(one.positionValues());
            // and the whole report, P&L summary and explain included
            assertThat(withoutElapsed(many)).isEqualTo(withoutElapsed(one));
        }
    }

    @Test
    void run_bookWithPerpetuals_hasLiquidationsToCompare() throws IOException {
        // guards the test above: the perpetual estimates it compares are not all zero
        RiskReport r = SparkRiskEngine.on(context, 3).run(example("eth-vault.json"), BOOKS, SETTINGS);
        assertThat(r.perpetuals()).isNotEmpty();
        assertThat(r.perpetuals().stream()
                        .flatMap(p -> p.horizons().stream())
                        .mapToDouble(RiskReport.LiquidationEstimate::probability)
                        .max()
                        .orElseThrow())
                .isPositive();
    }

    static long serializedBytes(java.io.Serializable o) throws IOException {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(b)) {
            out.writeObject(o);
        }
        return b.size();
    }

    @Test
    void run_tasksSendTheReductionsNumbersNotThePaths() throws Exception {
        String json = example("eth-vault.json");
        Book book = BookReader.DEFAULT.parse(json, BOOKS);
        long pathBytes = 0; // what a task sent when the driver reduced the paths themselves: the largest range's
        for (long[] r : SparkRiskEngine.ranges(SETTINGS.paths(), 3)) {
            pathBytes = Math.max(
                    pathBytes,
                    serializedBytes(RiskEngine.DEFAULT.simulate(book, SETTINGS, r[0], (int) r[1], ProgressSink.NONE)));
        }
        List<Long> results = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        org.apache.spark.scheduler.SparkListener listener = new org.apache.spark.scheduler.SparkListener() {
            @Override
            public void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd end) {
                if (end.taskMetrics() != null) {
                    results.add(end.taskMetrics().resultSize());
                }
            }
        };
        spark.sparkContext().addSparkListener(listener);
        try {
            SparkRiskEngine.on(context, 3).run(json, BOOKS, SETTINGS);
            long until = System.nanoTime() + 10_000_000_000L; // the listener bus is asynchronous
            while (results.size() < 4 * 3 && System.nanoTime() < until) {
                Thread.sleep(20);
            }
        } finally {
            spark.sparkContext().removeSparkListener(listener);
        }
        long sent = results.stream().mapToLong(Long::longValue).sum();
        long largest = results.stream().mapToLong(Long::longValue).max().orElseThrow();
        System.out.printf(
                "bytes per task (%d paths, 3 ranges): paths %d; the 4 passes' results %d (largest single result %d)%n",
                SETTINGS.paths(), pathBytes, sent / 3, largest);
        assertThat(results).hasSize(4 * 3); // four passes over three held ranges, nothing simulated twice
        assertThat(sent / 3).isLessThan(pathBytes / 3);
    }

    static final AtomicInteger INJECTED = new AtomicInteger();

    @Test
    void run_taskFailsOnFirstAttempt_isRetriedAndResultUnchanged() throws IOException {
        String json = example("eth-vault.json");
        RiskReport one = oneMachine("eth-vault.json");
        INJECTED.set(0);
        SparkRiskEngine failing = new SparkRiskEngine(context, 3, r -> {
            if (r.first() > 0 && TaskContext.get().attemptNumber() == 0) {
                INJECTED.incrementAndGet(); // local mode: the executor is this JVM
                throw new IllegalStateException("injected failure of the first attempt of range " + r.first());
            }
        });

        RiskReport retried = failing.run(json, BOOKS, SETTINGS);

        assertThat(INJECTED.get()).isEqualTo(2); // the second and third ranges failed once each
        assertThat(withoutElapsed(retried)).isEqualTo(withoutElapsed(one));
    }

    /** The document without its elapsed times, at any depth. */
    static String withoutElapsed(com.fasterxml.jackson.databind.JsonNode node) {
        com.fasterxml.jackson.databind.JsonNode copy = node.deepCopy();
        strip(copy);
        return copy.toString();
    }

    private static void strip(com.fasterxml.jackson.databind.JsonNode n) {
        if (n instanceof ObjectNode o) {
            o.remove("elapsedMillis");
        }
        n.forEach(SparkRiskEngineTest::strip);
    }

    @Test
    void stress_folder_equalsOneMachineStressAndWritesScenarioRows(@TempDir Path dir) throws IOException {
        Path books = Files.createDirectories(dir.resolve("books"));
        Files.writeString(books.resolve("eth.json"), example("eth-vault.json"));
        List<Scenario> scenarios = ScenarioLibrary.historical();
        oneMachine("eth-vault.json"); // warm
        StressReport one = StressEngine.DEFAULT.run(
                BookReader.DEFAULT.read(BOOKS.resolve("eth-vault.json")), scenarios, SETTINGS, ProgressSink.NONE);

        BookFolderRun.Result r = BookFolderRun.stress(spark, books, SETTINGS, scenarios, 3, dir.resolve("out"));

        assertThat(r.stress()).hasSize(1);
        assertThat(withoutElapsed(StressReportJson.toJson(r.stress().get(0))))
                .isEqualTo(withoutElapsed(StressReportJson.toJson(one)));
        assertThat(dir.resolve("out/stress/eth.json")).isRegularFile();
        List<org.apache.spark.sql.Row> rows = spark.read()
                .parquet(dir.resolve("out/stress.parquet").toString())
                .collectAsList();
        assertThat(rows).hasSize(scenarios.size());
        assertThat(rows.get(0).getDouble(5)).isEqualTo(one.scenarios().get(0).pnl());
    }

    @Test
    void ranges_cutIntoWholeBlocks_coverThePathsInOrder() {
        List<long[]> r = SparkRiskEngine.ranges(30_000, 3);
        assertThat(r).extracting(x -> x[0]).containsExactly(0L, 8192L, 20480L);
        assertThat(r).extracting(x -> x[1]).containsExactly(8192L, 12288L, 9520L);
        assertThat(SparkRiskEngine.ranges(5000, 7)).hasSize(2);
    }

    @Test
    void runFolder_badBook_isReportedByNameAndOthersRun(@TempDir Path dir) throws IOException {
        Path books = Files.createDirectories(dir.resolve("books"));
        Files.writeString(books.resolve("a-eth.json"), example("eth-vault.json"));
        Files.writeString(books.resolve("b-broken.json"), "{\"name\": \"broken\", \"positions\": [");
        Files.writeString(books.resolve("c-btc.json"), example("btc-spot.json"));
        Files.writeString(books.resolve("notes.txt"), "not a book");
        Path out = dir.resolve("out");

        BookFolderRun.Result r = BookFolderRun.run(spark, books, SETTINGS, 3, out);

        assertThat(r.failures()).extracting(BookFolderRun.Failure::file).containsExactly("b-broken.json");
        assertThat(r.reports()).extracting(BookFolderRun.BookReport::file).containsExactly("a-eth.json", "c-btc.json");
        RiskReport alone =
                RiskEngine.DEFAULT.run(BookReader.DEFAULT.parse(example("btc-spot.json")), SETTINGS, ProgressSink.NONE);
        assertThat(withoutElapsed(r.reports().get(1).report())).isEqualTo(withoutElapsed(alone));
        assertThat(out.resolve("reports/a-eth.json")).isRegularFile();
        assertThat(Files.readString(out.resolve("summary.json"))).contains("b-broken.json");

        // Parquet reads back: 2 books × 2 horizons × 2 levels, the numbers of the reports
        List<org.apache.spark.sql.Row> rows = spark.read()
                .parquet(out.resolve("summary.parquet").toString())
                .orderBy("file", "horizonDays", "confidence")
                .collectAsList();
        assertThat(rows).hasSize(8);
        assertThat(rows.get(7).getString(0)).isEqualTo("c-btc.json");
        assertThat(rows.get(7).getInt(2)).isEqualTo(7);
        assertThat(rows.get(7).getDouble(3)).isEqualTo(0.99);
        assertThat(rows.get(7).getDouble(8))
                .isEqualTo(alone.horizons().get(1).level(0.99).measures().var());
    }

    /** A GBM history of BTC and ETH from the example books' date (test data made here, not market data). */
    static Path gbmHistory(Path dir, int days) throws IOException {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        StringBuilder csv = new StringBuilder("date,BTC,ETH\n");
        double btc = 90_000, eth = 3_000, sd = 0.6 / Math.sqrt(365);
        java.time.LocalDate d = java.time.LocalDate.of(2026, 11, 25);
        for (int t = 0; t < days; t++) {
            csv.append(d.plusDays(t))
                    .append(',')
                    .append(btc)
                    .append(',')
                    .append(eth)
                    .append('\n');
            btc *= Math.exp(sd * (rng.nextDouble() - 0.5) * 3.4);
            eth *= Math.exp(sd * (rng.nextDouble() - 0.5) * 3.4);
        }
        return Files.writeString(dir.resolve("history.csv"), csv);
    }

    @Test
    void backtest_folder_eachBookEqualsItsOwnBacktestAndABadBookIsNamed(@TempDir Path dir) throws IOException {
        Path books = Files.createDirectories(dir.resolve("books"));
        Files.writeString(books.resolve("a-eth.json"), example("eth-vault.json"));
        Files.writeString(books.resolve("b-broken.json"), "{\"name\": \"broken\", \"positions\": [");
        Files.writeString(books.resolve("c-btc.json"), example("btc-spot.json"));
        Path history = gbmHistory(dir, 30);
        io.vaultrisk.montecarlo.backtest.BacktestSpec spec = io.vaultrisk.montecarlo.backtest.BacktestSpec.of(
                        0.95,
                        1,
                        io.vaultrisk.montecarlo.backtest.BacktestSpec.VolModel.BOOK,
                        io.vaultrisk.montecarlo.backtest.BacktestSpec.Method.MC)
                .withPaths(2000)
                .withStepsPerDay(3) // the perpetual's 8-hour funding falls on the steps
                .withDays(12);
        Path out = dir.resolve("out");

        // 12 days in at most 5 runs of days per book: 10 tasks for the two good books
        BookFolderRun.BacktestResult r = BookFolderRun.backtest(spark, books, history, spec, 5, out);

        assertThat(r.failures())
                .as("%s", r.failures())
                .extracting(BookFolderRun.Failure::file)
                .containsExactly("b-broken.json");
        assertThat(r.reports())
                .extracting(BookFolderRun.BookBacktest::file)
                .containsExactly("a-eth.json", "c-btc.json");
        io.vaultrisk.montecarlo.history.PriceHistory h =
                io.vaultrisk.montecarlo.history.HistoryCsv.DEFAULT.read(history);
        for (int i = 0; i < 2; i++) {
            String name = i == 0 ? "eth-vault.json" : "btc-spot.json";
            io.vaultrisk.montecarlo.backtest.BacktestReport alone =
                    io.vaultrisk.montecarlo.backtest.BacktestEngine.DEFAULT.run(
                            BookReader.DEFAULT.read(BOOKS.resolve(name)), h, spec, ProgressSink.NONE);
            assertThat(alone.observations()).isEqualTo(12);
            assertThat(withoutElapsed(io.vaultrisk.montecarlo.backtest.BacktestReportJson.toJson(
                            r.reports().get(i).report())))
                    .isEqualTo(withoutElapsed(io.vaultrisk.montecarlo.backtest.BacktestReportJson.toJson(alone)));
        }
        assertThat(out.resolve("backtests/a-eth.json")).isRegularFile();
        assertThat(Files.readString(out.resolve("summary.json"))).contains("b-broken.json");
        List<org.apache.spark.sql.Row> rows = spark.read()
                .parquet(out.resolve("summary.parquet").toString())
                .orderBy("file")
                .collectAsList();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).getString(0)).isEqualTo("c-btc.json");
        assertThat(rows.get(1).getInt(9)).isEqualTo(r.reports().get(1).report().exceptions());
    }

    @Test
    void scenarios_writtenOnSparkAsParquet_readBackEqualCsvAndOneMachineWithTheSameAllocation(@TempDir Path dir)
            throws IOException {
        io.vaultrisk.allocator.strategy.ScenarioSimulation sim =
                new io.vaultrisk.allocator.strategy.ScenarioSimulation(7, 10_000, 3, 0.0, 0.05);
        Path parquet = dir.resolve("m.parquet");

        List<String> names = ParquetScenarios.write(spark, example("eth-vault.json"), BOOKS, sim, 3, parquet);
        // read as allocate --scenarios reads it: the allocator's ServiceLoader finds the spark module's reader
        io.vaultrisk.allocator.ScenarioMatrix fromParquet = io.vaultrisk.allocator.ScenarioFormat.read(parquet);

        Book book = BookReader.DEFAULT.read(BOOKS.resolve("eth-vault.json"));
        io.vaultrisk.allocator.ScenarioMatrix one = sim.run(
                        book.market(),
                        io.vaultrisk.allocator.strategy.ScenarioSimulation.funding(book),
                        io.vaultrisk.allocator.strategy.StrategyUniverse.defaults(book.market(), sim.stableYield()))
                .matrix();
        StringBuilder csv = new StringBuilder(String.join(",", names)).append('\n');
        for (int s = 0; s < one.scenarioCount(); s++) {
            for (int j = 0; j < one.strategyCount(); j++) {
                csv.append(j == 0 ? "" : ",").append(one.get(s, j)); // Double.toString: the same double read back
            }
            csv.append('\n');
        }
        io.vaultrisk.allocator.ScenarioMatrix fromCsv =
                io.vaultrisk.allocator.ScenarioFormat.read(Files.writeString(dir.resolve("m.csv"), csv));

        assertThat(fromParquet.names()).isEqualTo(one.names()).isEqualTo(names);
        assertThat(fromParquet.scenarioCount()).isEqualTo(10_000);
        for (int s = 0; s < one.scenarioCount(); s++) {
            for (int j = 0; j < one.strategyCount(); j++) {
                assertThat(fromParquet.get(s, j)).isEqualTo(one.get(s, j));
                assertThat(fromCsv.get(s, j)).isEqualTo(one.get(s, j));
            }
        }
        // and one file written without Spark (Parquet's own writer) reads back the same
        Path single = dir.resolve("single.parquet");
        io.vaultrisk.allocator.ScenarioFormat.write(one, single);
        io.vaultrisk.allocator.ScenarioMatrix fromSingle = io.vaultrisk.allocator.ScenarioFormat.read(single);
        assertThat(fromSingle.names()).isEqualTo(one.names());
        assertThat(fromSingle.column(3)).isEqualTo(one.column(3));
        io.vaultrisk.allocator.Allocation a = io.vaultrisk.allocator.RiskParity.DEFAULT.cvar(fromParquet, 0.95, 1.0);
        io.vaultrisk.allocator.Allocation b = io.vaultrisk.allocator.RiskParity.DEFAULT.cvar(fromCsv, 0.95, 1.0);
        assertThat(a.weights()).isEqualTo(b.weights());
    }
}
