package io.vaultrisk.allocator;

import java.nio.file.Path;
import java.util.ServiceLoader;

/**
 * A file format of scenario matrices that the allocator does not read itself (Parquet: the spark module, where
 * Parquet already lives), found with {@link ServiceLoader} so that neither the format's libraries nor Spark are on
 * the allocator's class path. {@link #read(Path)} picks the format: CSV ({@link ScenarioCsv}) unless a format on the
 * class path {@link #handles} the file.
 */
public interface ScenarioFormat {
    /** Whether this format is {@code file}'s (by its name: {@code .parquet}). */
    boolean handles(Path file);

    /** The matrix in {@code file}; a missing, unreadable or invalid file is a {@link ScenarioFileException}. */
    ScenarioMatrix readMatrix(Path file);

    /** Writes {@code matrix} to {@code file} in this format, replacing it. */
    void writeMatrix(ScenarioMatrix matrix, Path file);

    /** Whether {@code file} is Parquet by its name: a file, or a folder of part files that Spark wrote. */
    static boolean isParquet(Path file) {
        return file.getFileName() != null && file.getFileName().toString().endsWith(".parquet");
    }

    /**
     * The matrix in {@code file}: through the format on the class path that handles it (Parquet without one: a
     * {@link ScenarioFileException} saying which module brings it), anything else as CSV.
     */
    static ScenarioMatrix read(Path file) {
        ScenarioFormat f = of(file);
        return f == null ? ScenarioCsv.read(file) : f.readMatrix(file);
    }

    /** Writes {@code matrix} to {@code file} in the format on the class path that handles it (Parquet). */
    static void write(ScenarioMatrix matrix, Path file) {
        ScenarioFormat f = of(file);
        if (f == null) {
            throw new ScenarioFileException(file.toString(), 0, "no scenario format on the class path writes it");
        }
        f.writeMatrix(matrix, file);
    }

    private static ScenarioFormat of(Path file) {
        for (ServiceLoader.Provider<ScenarioFormat> p :
                ServiceLoader.load(ScenarioFormat.class, ScenarioFormat.class.getClassLoader()).stream()
                        .toList()) {
            ScenarioFormat f;
            try {
                f = p.get();
            } catch (java.util.ServiceConfigurationError e) {
                continue; // a provider whose own libraries are absent reads nothing; CSV still does
            }
            if (f.handles(file)) {
                return f;
            }
        }
        if (isParquet(file)) {
            throw new ScenarioFileException(
                    file.toString(),
                    0,
                    "Parquet is read by the spark module, which is not on the class path (./vaultrisk adds it for a"
                            + " .parquet file)");
        }
        return null;
    }
}
