package io.vaultrisk.spark;

import io.vaultrisk.allocator.ScenarioFileException;
import io.vaultrisk.allocator.ScenarioFormat;
import io.vaultrisk.allocator.ScenarioMatrix;
import io.vaultrisk.allocator.strategy.ScenarioSimulation;
import io.vaultrisk.allocator.strategy.StrategyTemplate;
import io.vaultrisk.allocator.strategy.StrategyUniverse;
import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.BookReader;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Types;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Scenario matrices as Parquet: made on a Spark cluster ({@link #write}: the strategy universe of a book simulated
 * by path range, each task writing its own rows, the same bits as {@code allocate --book} on one machine) and read
 * back for {@code allocate --scenarios X.parquet} without a Spark session ({@link #read}: Parquet's own column reader
 * on the local file or on the folder of part files Spark wrote). The allocator finds it through {@link
 * ParquetScenarioFormat}, a {@link ScenarioFormat} by ServiceLoader, so Parquet and Spark stay off its class path.
 *
 * <p>Layout: a column {@code path} (the path index, int64) and one double column per strategy, named as the
 * strategy, one row per scenario; part files in path order.
 */
public final class ParquetScenarios {
    /** The column of path indices, which orders the rows. */
    public static final String PATH = "path";

    private ParquetScenarios() {}

    /**
     * Writes the matrix as one Parquet file (no Spark session: Parquet's own writer), in the layout {@link #write}
     * gives a folder: a path column and one double column per strategy.
     */
    public static void writeFile(ScenarioMatrix matrix, Path file) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        b.required(PrimitiveType.PrimitiveTypeName.INT64).named(PATH);
        for (String n : matrix.names()) {
            b.required(PrimitiveType.PrimitiveTypeName.DOUBLE).named(n);
        }
        MessageType schema = b.named("scenarios");
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        try {
            Files.deleteIfExists(file);
            try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(file))
                    .withType(schema)
                    .withCompressionCodec(CompressionCodecName.SNAPPY)
                    .build()) {
                for (int s = 0; s < matrix.scenarioCount(); s++) {
                    Group g = groups.newGroup().append(PATH, (long) s);
                    for (int j = 0; j < matrix.strategyCount(); j++) {
                        g.append(matrix.names().get(j), matrix.get(s, j));
                    }
                    w.write(g);
                }
            }
        } catch (IOException e) {
            throw new ScenarioFileException(file.toString(), 0, "cannot be written: " + e.getMessage());
        }
    }

    /** The matrix in {@code file}: a Parquet file or a folder of part files; a bad one is a ScenarioFileException. */
    public static ScenarioMatrix read(Path file) {
        String source = file.toString();
        List<Path> parts = parts(file);
        List<String> names = null;
        double[] values = new double[0];
        long rows = 0;
        for (Path part : parts) {
            try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(part))) {
                MessageType schema = r.getFooter().getFileMetaData().getSchema();
                List<ColumnDescriptor> columns = schema.getColumns();
                List<String> mine = new ArrayList<>();
                int pathColumn = -1;
                for (int c = 0; c < columns.size(); c++) {
                    ColumnDescriptor d = columns.get(c);
                    String name = d.getPath()[d.getPath().length - 1];
                    if (name.equals(PATH)) {
                        pathColumn = c;
                    } else if (d.getPrimitiveType().getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.DOUBLE) {
                        mine.add(name);
                    } else {
                        throw new ScenarioFileException(source, 0, "column '" + name + "' is not a double");
                    }
                }
                if (names == null) {
                    names = mine;
                } else if (!names.equals(mine)) {
                    throw new ScenarioFileException(
                            source, 0, part.getFileName() + " has columns " + mine + ", not " + names);
                }
                int k = names.size();
                String createdBy = r.getFooter().getFileMetaData().getCreatedBy();
                GroupRecordConverter converter = new GroupRecordConverter(schema);
                for (PageReadStore pages = r.readNextRowGroup(); pages != null; pages = r.readNextRowGroup()) {
                    int n = Math.toIntExact(pages.getRowCount());
                    if ((rows + n) * k > Integer.MAX_VALUE - 8) {
                        throw new ScenarioFileException(source, 0, "more than " + (Integer.MAX_VALUE / k) + " rows");
                    }
                    values = java.util.Arrays.copyOf(values, (int) ((rows + n) * k));
                    ColumnReadStoreImpl store =
                            new ColumnReadStoreImpl(pages, converter.getRootConverter(), schema, createdBy);
                    for (int c = 0, j = 0; c < columns.size(); c++) {
                        ColumnReader cr = store.getColumnReader(columns.get(c));
                        int max = columns.get(c).getMaxDefinitionLevel();
                        if (c == pathColumn) {
                            for (int i = 0; i < n; i++, cr.consume()) {
                                long p = cr.getCurrentDefinitionLevel() < max ? -1 : cr.getLong();
                                if (p != rows + i) {
                                    throw new ScenarioFileException(
                                            source, 0, "row " + (rows + i) + " has path " + p + ": rows out of order");
                                }
                            }
                            continue;
                        }
                        for (int i = 0; i < n; i++, cr.consume()) {
                            if (cr.getCurrentDefinitionLevel() < max) {
                                throw new ScenarioFileException(
                                        source, 0, "row " + (rows + i) + ", " + names.get(j) + ": missing value");
                            }
                            double v = cr.getDouble();
                            if (!Double.isFinite(v)) {
                                throw new ScenarioFileException(
                                        source, 0, "row " + (rows + i) + ", " + names.get(j) + ": " + v);
                            }
                            values[(int) ((rows + i) * k + j)] = v;
                        }
                        j++;
                    }
                    rows += n;
                }
            } catch (IOException | RuntimeException e) {
                if (e instanceof ScenarioFileException s) {
                    throw s;
                }
                throw new ScenarioFileException(source, 0, "cannot be read as Parquet: " + e.getMessage());
            }
        }
        if (names == null || names.isEmpty() || rows == 0) {
            throw new ScenarioFileException(source, 0, "no scenarios");
        }
        return ScenarioMatrix.of(names, values);
    }

    /** The file, or the part files of a folder Spark wrote, in name order (= path order). */
    private static List<Path> parts(Path file) {
        if (!Files.exists(file)) {
            throw new ScenarioFileException(file.toString(), 0, "no such file");
        }
        if (!Files.isDirectory(file)) {
            return List.of(file);
        }
        try (Stream<Path> s = Files.list(file)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".parquet")
                            && !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new ScenarioFileException(file.toString(), 0, "cannot be read: " + e.getMessage());
        }
    }

    /** Paths [first, first + count) of the matrix. */
    record Range(long first, int count) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * The strategy universe of the book {@code bookJson} (surface files relative to {@code baseDir}, a folder every
     * executor can read) simulated with {@code simulation} on {@code spark}, cut into at most {@code partitions}
     * path ranges: each task simulates its range on its executor's backend and writes its rows; {@code out} is the
     * folder of part files. Returns the strategies' names, the matrix's columns.
     */
    public static List<String> write(
            SparkSession spark,
            String bookJson,
            Path baseDir,
            ScenarioSimulation simulation,
            int partitions,
            Path out) {
        String dir = baseDir.toAbsolutePath().toString();
        Book book = BookReader.DEFAULT.parse(bookJson, Path.of(dir));
        List<String> names = StrategyUniverse.defaults(book.market(), simulation.stableYield()).stream()
                .map(StrategyTemplate::name)
                .toList();
        StructType schema = new StructType().add(PATH, DataTypes.LongType, false);
        for (String n : names) {
            schema = schema.add(n, DataTypes.DoubleType, false);
        }
        List<Range> ranges = new ArrayList<>();
        for (long[] r : SparkRiskEngine.ranges(simulation.paths(), partitions)) {
            ranges.add(new Range(r[0], (int) r[1]));
        }
        JavaRDD<Row> rows = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(ranges, ranges.size())
                .flatMap(r -> rows(bookJson, dir, simulation, r));
        // one part file per range, named in range order, which is path order
        spark.createDataFrame(rows, schema).write().mode(SaveMode.Overwrite).parquet(out.toString());
        return names;
    }

    /** {@link #write} on a session of its own at {@code master}, stopped when done; partitions 0: two per core. */
    public static List<String> writeAt(
            String master, String bookJson, Path baseDir, ScenarioSimulation simulation, int partitions, Path out) {
        SparkSession spark = SparkSession.builder()
                .master(master)
                .appName("vaultrisk-scenarios")
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .getOrCreate();
        try {
            spark.sparkContext().setLogLevel("ERROR");
            int p = partitions > 0 ? partitions : 2 * spark.sparkContext().defaultParallelism();
            return write(spark, bookJson, baseDir, simulation, p, out);
        } finally {
            spark.stop();
        }
    }

    /** What one task does: its range's rows, each with its path index. */
    static Iterator<Row> rows(String json, String baseDir, ScenarioSimulation simulation, Range r) {
        Book book = BookReader.DEFAULT.parse(json, Path.of(baseDir));
        List<StrategyTemplate> templates = StrategyUniverse.defaults(book.market(), simulation.stableYield());
        double[][] x = simulation.rows(
                book.market(),
                ScenarioSimulation.funding(book),
                templates,
                ExecutorBackend.compute(),
                w -> {},
                r.first(),
                r.count());
        List<Row> out = new ArrayList<>(x.length);
        for (int i = 0; i < x.length; i++) {
            Object[] v = new Object[x[i].length + 1];
            v[0] = r.first() + i;
            for (int j = 0; j < x[i].length; j++) {
                v[j + 1] = x[i][j];
            }
            out.add(RowFactory.create(v));
        }
        return out.iterator();
    }
}
