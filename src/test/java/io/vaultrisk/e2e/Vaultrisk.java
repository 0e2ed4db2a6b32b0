package io.vaultrisk.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code ./vaultrisk} from the repository root as a user would, and captures what it printed. */
final class Vaultrisk {
    static final Path ROOT = Path.of(System.getProperty("vaultrisk.root", "../.."))
            .toAbsolutePath()
            .normalize();

    /** What one run printed, and how long it took from process start to exit (an upper bound on any timing). */
    record Run(int exitCode, String stdout, String stderr, long wallMillis) {
        List<String> stderrLines() {
            return stderr.isBlank() ? List.of() : List.of(stderr.strip().split("\\R"));
        }
    }

    private static boolean built;

    /**
     * Builds the CLI if the launcher finds it stale, before the first test's own run: what the build prints on stderr
     * then never shows up in the output of whichever test happened to run first.
     */
    static synchronized void ensureBuilt() {
        if (!built) {
            Run version = launch(Map.of(), "--version");
            if (version.exitCode() != 0) {
                throw new AssertionError(
                        "./vaultrisk --version failed (exit " + version.exitCode() + "):\n" + version.stderr());
            }
            built = true;
        }
    }

    static Run run(String... args) {
        return run(Map.of(), args);
    }

    static Run run(Map<String, String> env, String... args) {
        ensureBuilt();
        return launch(env, args);
    }

    private static Run launch(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ROOT.resolve("vaultrisk").toString());
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("vaultrisk-out", ".txt"),
                    err = Files.createTempFile("vaultrisk-err", ".txt");
            ProcessBuilder pb = new ProcessBuilder(command)
                    .directory(ROOT.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            pb.environment().putAll(env);
            long start = System.nanoTime();
            Process p = pb.start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("vaultrisk " + String.join(" ", args) + " did not finish in 10 minutes");
            }
            long wall = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            Run run = new Run(
                    p.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8),
                    wall);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return run;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private Vaultrisk() {}
}
