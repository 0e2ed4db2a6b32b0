package io.vaultrisk.service.launch;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts the service as a child JVM from its Quarkus build ({@code service/target/quarkus-app/quarkus-run.jar}): a
 * Quarkus application runs from its augmented build, not from a plain class path, so {@code vaultrisk serve} and
 * {@code vaultrisk demo} start this process and wait until {@code /q/health/ready} answers UP.
 * Plain JDK code only: the CLI can call it without any Quarkus class on its own class path.
 */
public final class ServiceLauncher {
    private ServiceLauncher() {}

    /** Where the build puts the runnable service, under the repository root. */
    public static Path runnerJar(Path repositoryRoot) {
        return repositoryRoot.resolve("service/target/quarkus-app/quarkus-run.jar");
    }

    /**
     * The java command line: port, data directory, and extra system properties (e.g. {@code quarkus.profile=postgres},
     * {@code vaultrisk.signer.chain-id=31337}).
     */
    public static List<String> command(Path runnerJar, int port, Path dataDir, Map<String, String> properties) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx1g");
        cmd.add("--add-modules=jdk.incubator.vector");
        cmd.add("-Dquarkus.http.port=" + port);
        cmd.add("-Dquarkus.http.host=127.0.0.1");
        cmd.add("-Dvaultrisk.data-dir=" + dataDir.toAbsolutePath());
        properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-jar");
        cmd.add(runnerJar.toAbsolutePath().toString());
        return cmd;
    }

    /** Starts the service with its output inherited; call {@link #awaitReady} before using it. */
    public static Process start(Path runnerJar, int port, Path dataDir, Map<String, String> properties)
            throws IOException {
        if (!Files.isRegularFile(runnerJar)) {
            throw new IOException(
                    "the service is not built: " + runnerJar + " is missing (mvn -pl service -am package)");
        }
        ProcessBuilder pb = new ProcessBuilder(command(runnerJar, port, dataDir, properties)).inheritIO();
        return pb.start();
    }

    /** Polls the readiness check until UP; false when the process died or the timeout passed. */
    public static boolean awaitReady(Process process, int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI ready = URI.create("http://127.0.0.1:" + port + "/q/health/ready");
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                return false;
            }
            try {
                HttpURLConnection c = (HttpURLConnection) ready.toURL().openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(2000);
                if (c.getResponseCode() == 200) {
                    return true;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        return false;
    }

    /** The first admin key the service wrote to its data directory on first start (null if not there). */
    public static String bootstrapAdminKey(Path dataDir) throws IOException {
        Path file = dataDir.resolve("admin.key");
        return Files.exists(file) ? Files.readString(file).trim() : null;
    }
}
