package io.vaultrisk.cli;

/**
 * {@code risk}, {@code stress} and {@code backtest} with {@code --engine spark} run on Apache Spark (~280 MB of jars), which ./vaultrisk puts on the class path
 * (spark/target/lib-spark and the module's jar) only when {@code --engine spark} is given, so that every other command
 * starts without it. As with {@link ChainLibraries}, the command keeps Spark's types out of its own signatures: they
 * are used in {@link SparkEngine} only.
 */
final class SparkLibraries {
    private static final String[] PROBES = {"io.vaultrisk.spark.BookFolderRun", "org.apache.spark.sql.SparkSession"};

    private SparkLibraries() {}

    /** Fails with one line saying what is missing and how to get it, before anything starts. */
    static void require() {
        for (String name : PROBES) {
            try {
                Class.forName(name, false, SparkLibraries.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("Spark is not on the class path (no " + name
                        + "); start it with ./vaultrisk, which adds spark/target/lib-spark for --engine spark");
            }
        }
    }
}
