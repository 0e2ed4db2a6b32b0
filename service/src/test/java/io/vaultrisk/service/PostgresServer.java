package io.vaultrisk.service;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private, throw-away PostgreSQL server for the postgres-profile test: initdb into a temporary directory, started
 * on a free loopback port, stopped and deleted after. Uses the Debian server binaries (/usr/lib/postgresql/N/bin,
 * package postgresql); as root it runs them as the postgres user, which initdb requires.
 */
public class PostgresServer implements QuarkusTestResourceLifecycleManager {
    private Path dir;
    private Path bin;

    /** The server's bin directory, newest version first. */
    static Optional<Path> binaries() {
        Path base = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(base)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(base)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(p -> Integer.parseInt(
                            p.getParent().getFileName().toString().replaceAll("\\D", "0"))));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** For @EnabledIf: skip when PostgreSQL is not installed, unless VAULTRISK_REQUIRE_POSTGRES=1 (then fail). */
    public static boolean available() {
        boolean present = binaries().isPresent();
        if (!present && "1".equals(System.getenv("VAULTRISK_REQUIRE_POSTGRES"))) {
            throw new IllegalStateException("VAULTRISK_REQUIRE_POSTGRES=1 but no PostgreSQL server binaries under "
                    + "/usr/lib/postgresql (apt-get install postgresql)");
        }
        if (!present) {
            System.err.println("PostgreSQL server not installed (apt-get install postgresql): postgres test skipped");
        }
        return present;
    }

    @Override
    public Map<String, String> start() {
        try {
            bin = binaries().orElseThrow();
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            dir = Files.createTempDirectory("vaultrisk-pg");
            boolean root = "root".equals(System.getProperty("user.name"));
            if (root) {
                exec(List.of("chown", "postgres:postgres", dir.toString()), false);
            }
            Path data = dir.resolve("data");
            exec(
                    List.of(
                            bin.resolve("initdb").toString(),
                            "-D",
                            data.toString(),
                            "-U",
                            "vaultrisk",
                            "-A",
                            "trust",
                            "-E",
                            "UTF8",
                            "--no-sync"),
                    root);
            exec(
                    List.of(
                            bin.resolve("pg_ctl").toString(),
                            "-D",
                            data.toString(),
                            "-l",
                            dir.resolve("log").toString(),
                            "-w",
                            "-t",
                            "60",
                            "-o",
                            "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off",
                            "start"),
                    root);
            exec(
                    List.of(
                            bin.resolve("createdb").toString(),
                            "-h",
                            "127.0.0.1",
                            "-p",
                            String.valueOf(port),
                            "-U",
                            "vaultrisk",
                            "vaultrisk"),
                    root);
            return Map.of(
                    "quarkus.datasource.\"postgres\".jdbc.url",
                    "jdbc:postgresql://127.0.0.1:" + port + "/vaultrisk",
                    "quarkus.datasource.\"postgres\".username",
                    "vaultrisk",
                    "quarkus.datasource.\"postgres\".password",
                    "");
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot start PostgreSQL for the test", e);
        }
    }

    @Override
    public void stop() {
        if (dir == null) {
            return;
        }
        try {
            boolean root = "root".equals(System.getProperty("user.name"));
            exec(
                    List.of(
                            bin.resolve("pg_ctl").toString(),
                            "-D",
                            dir.resolve("data").toString(),
                            "-m",
                            "fast",
                            "-w",
                            "stop"),
                    root);
            FreshSharedDataDir.wipe(dir);
        } catch (IOException | InterruptedException | RuntimeException e) {
            System.err.println("could not stop the test PostgreSQL in " + dir + ": " + e.getMessage());
        }
    }

    private static void exec(List<String> command, boolean asPostgres) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (asPostgres) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.addAll(command);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
    }

    /** Same switch as the {@code postgres} profile: the H2 datasource off, PostgreSQL on. */
    public static class Profile implements QuarkusTestProfile {
        public static final Path DATA = Path.of("target/test-data/postgres");

        @Override
        public Map<String, String> getConfigOverrides() {
            FreshSharedDataDir.wipe(DATA);
            return Map.of(
                    "vaultrisk.database",
                    "postgresql",
                    "quarkus.datasource.active",
                    "false",
                    "quarkus.datasource.\"postgres\".active",
                    "true",
                    "vaultrisk.data-dir",
                    DATA.toAbsolutePath().toString());
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PostgresServer.class));
        }
    }
}
