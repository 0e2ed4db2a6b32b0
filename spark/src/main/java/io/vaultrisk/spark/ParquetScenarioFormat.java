package io.vaultrisk.spark;

import io.vaultrisk.allocator.ScenarioFileException;
import io.vaultrisk.allocator.ScenarioFormat;
import io.vaultrisk.allocator.ScenarioMatrix;
import java.nio.file.Path;

/**
 * Parquet as the allocator's {@link ScenarioFormat} (ServiceLoader): refers to no Parquet or Spark type itself, so it
 * loads on any class path that has this module; {@link ParquetScenarios}, and with it Parquet, is loaded only when a
 * {@code .parquet} file is read or written.
 */
public final class ParquetScenarioFormat implements ScenarioFormat {
    @Override
    public boolean handles(Path file) {
        return ScenarioFormat.isParquet(file);
    }

    @Override
    public ScenarioMatrix readMatrix(Path file) {
        try {
            return ParquetScenarios.read(file);
        } catch (NoClassDefFoundError e) {
            throw absent(file, e);
        }
    }

    @Override
    public void writeMatrix(ScenarioMatrix matrix, Path file) {
        try {
            ParquetScenarios.writeFile(matrix, file);
        } catch (NoClassDefFoundError e) {
            throw absent(file, e);
        }
    }

    private static ScenarioFileException absent(Path file, NoClassDefFoundError e) {
        return new ScenarioFileException(
                file.toString(),
                0,
                "the Parquet library is not on the class path (" + e.getMessage()
                        + "); ./vaultrisk adds spark/target/lib-spark for a .parquet file");
    }
}
