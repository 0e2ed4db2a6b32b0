package io.vaultrisk.cli;

import io.vaultrisk.service.launch.ServiceLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vaultrisk serve}: runs the risk service (Quarkus) in the foreground on embedded defaults. A Quarkus
 * application runs from its own build (service/target/quarkus-app), so this starts that as a child JVM, waits until
 * it is ready, and stops it when this process is stopped.
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Run the risk service: REST API, signed allocations, nightly stress, dashboard at /.")
public final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port on 127.0.0.1 (default 8080).")
    int port;

    @Option(
            names = "--data-dir",
            description = "Database, signer key and first admin key (default ~/.vaultrisk/service).")
    Path dataDir;

    @Option(
            names = "--postgres",
            description = "Use PostgreSQL (the postgres profile; quarkus.datasource.\"postgres\".* "
                    + "from -D or environment) instead of the embedded H2 database.")
    boolean postgres;

    @Override
    public Integer call() throws Exception {
        CliSupport.require(spec, port > 0 && port < 65536, "--port", "must be 1..65535, got " + port);
        Path dir = dataDir != null ? dataDir : Path.of(System.getProperty("user.home"), ".vaultrisk", "service");
        String root = System.getProperty("vaultrisk.root", ".");
        Path runner = ServiceLauncher.runnerJar(Path.of(root));
        CliSupport.require(
                spec,
                Files.isRegularFile(runner),
                "serve",
                "the service is not built: " + runner + " is missing (mvn -B -pl service -am package -DskipTests)");
        Map<String, String> props = new LinkedHashMap<>();
        if (postgres) {
            props.put("quarkus.profile", "postgres");
        }
        Process service = ServiceLauncher.start(runner, port, dir, props);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.destroy();
            try {
                service.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        if (!ServiceLauncher.awaitReady(service, port, Duration.ofMinutes(3))) {
            service.destroyForcibly();
            System.err.println("vaultrisk serve: the service did not become ready on port " + port
                    + " (is the port taken? see the log above)");
            return 1;
        }
        System.err.printf(
                "vaultrisk serve: http://127.0.0.1:%d/ (API /api/v1, OpenAPI /q/openapi); data in %s; "
                        + "first admin key in %s%n",
                port, dir.toAbsolutePath(), dir.resolve("admin.key").toAbsolutePath());
        return service.waitFor();
    }
}
