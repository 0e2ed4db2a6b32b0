package io.vaultrisk.contracts;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A real local EVM node: the Anvil binary that npm {@code @foundry-rs/anvil} 1.7.1 installs under
 * {@code contracts/node_modules} (scripts/setup), started on a free loopback port and stopped on {@link #close()}.
 * <p>
 * The binary is run directly, not through the package's node wrapper, so that stopping it stops the node itself.
 * Anvil does not flush its "Listening on" line when its output is not a terminal, so readiness is detected by
 * polling {@code eth_chainId} rather than by reading its output.
 */
public final class AnvilNode implements AutoCloseable {

    /** Anvil's default chain id. */
    public static final long CHAIN_ID = 31337L;
    /** Private keys of Anvil's first three pre-funded development accounts (public test mnemonic, no value anywhere). */
    public static final List<String> DEV_KEYS = List.of(
            "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
            "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
            "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a");
    /** System property (or environment variable VAULTRISK_ANVIL) naming the anvil binary explicitly. */
    public static final String BINARY_PROPERTY = "vaultrisk.anvil";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final int port;
    private final Path log;
    private final Thread shutdownHook;

    private AnvilNode(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.shutdownHook = new Thread(process::destroyForcibly, "anvil-shutdown-" + port);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts Anvil on a free port with chain id 31337 and waits until it answers {@code eth_chainId}. */
    public static AnvilNode start() {
        Path binary = locateBinary();
        IllegalStateException last = null;
        // a free port found by binding port 0 can be taken before anvil binds it: retry a couple of times
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return startOn(binary, freePort());
            } catch (IllegalStateException e) {
                last = e;
            }
        }
        throw last;
    }

    private static AnvilNode startOn(Path binary, int port) {
        Path log;
        Process process;
        try {
            log = Files.createTempFile("anvil-" + port + "-", ".log");
            List<String> cmd = new ArrayList<>(List.of(
                    binary.toString(),
                    "--host",
                    "127.0.0.1",
                    "--port",
                    Integer.toString(port),
                    "--chain-id",
                    Long.toString(CHAIN_ID),
                    "--accounts",
                    "3",
                    "--silent"));
            process = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start anvil at " + binary + ": " + e.getMessage(), e);
        }
        AnvilNode node = new AnvilNode(process, port, log);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String out = node.logTail();
                node.close();
                throw new IllegalStateException(
                        "anvil exited with " + process.exitValue() + " on port " + port + ": " + out);
            }
            if (node.answersChainId(http)) {
                return node;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                node.close();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting anvil", e);
            }
        }
        node.close();
        throw new IllegalStateException(
                "anvil did not answer eth_chainId on port " + port + " within " + START_TIMEOUT.toSeconds() + " s");
    }

    /** Moves the node's clock forward (Anvil's {@code evm_increaseTime}) and mines a block at the new time. */
    public void increaseTime(long seconds) {
        rpc("evm_increaseTime", "[" + seconds + "]");
        mine();
    }

    /** The next block's timestamp, exactly ({@code evm_setNextBlockTimestamp}); later blocks count on from it. */
    public void setNextBlockTimestamp(long unixSeconds) {
        rpc("evm_setNextBlockTimestamp", "[" + unixSeconds + "]");
    }

    /** Mines one block now ({@code evm_mine}). */
    public void mine() {
        rpc("evm_mine", "[]");
    }

    /**
     * Turns automatic mining on or off ({@code evm_setAutomine}): off, transactions wait in the pool until
     * {@link #mine()}, which is how tests hold a transaction "stuck".
     */
    public void setAutomine(boolean on) {
        rpc("evm_setAutomine", "[" + on + "]");
    }

    private void rpc(String method, String params) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(rpcUrl()))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}"))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 || response.body().contains("\"error\"")) {
                throw new IllegalStateException(method + " failed: " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException(method + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method, e);
        }
    }

    private boolean answersChainId(HttpClient http) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(rpcUrl()))
                .timeout(Duration.ofSeconds(2))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}"))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"0x" + Long.toHexString(CHAIN_ID) + "\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** JSON-RPC endpoint, e.g. {@code http://127.0.0.1:41234}. */
    public String rpcUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public long chainId() {
        return CHAIN_ID;
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs anyway and finds the process gone
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a leftover temp log is harmless
        }
    }

    private String logTail() {
        try {
            String s = Files.readString(log, StandardCharsets.UTF_8).strip();
            return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port: " + e.getMessage(), e);
        }
    }

    /**
     * The anvil binary: {@value #BINARY_PROPERTY} or VAULTRISK_ANVIL if set, otherwise the platform package npm put
     * under {@code contracts/node_modules/@foundry-rs/}, searched from the working directory upwards.
     */
    public static Path locateBinary() {
        String explicit = System.getProperty(BINARY_PROPERTY, System.getenv("VAULTRISK_ANVIL"));
        if (explicit != null && !explicit.isBlank()) {
            Path p = Path.of(explicit);
            if (!Files.isExecutable(p)) {
                throw new IllegalStateException(BINARY_PROPERTY + " points to " + p + ", which is not an executable");
            }
            return p;
        }
        String relative = "node_modules/@foundry-rs/anvil-" + platform() + "/bin/anvil";
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path candidate :
                    List.of(dir.resolve(relative), dir.resolve("contracts").resolve(relative))) {
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("anvil not found (" + relative + " under contracts/): run scripts/setup, "
                + "or set -D" + BINARY_PROPERTY + "=/path/to/anvil");
    }

    private static String platform() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String o = os.contains("mac") ? "darwin" : os.contains("win") ? "win32" : "linux";
        String a = arch.contains("aarch64") || arch.contains("arm64") ? "arm64" : "amd64";
        return o + "-" + a;
    }
}
