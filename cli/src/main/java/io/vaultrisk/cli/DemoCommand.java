package io.vaultrisk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vaultrisk.contracts.AnvilNode;
import io.vaultrisk.contracts.Chain;
import io.vaultrisk.contracts.DeploymentSpec;
import io.vaultrisk.contracts.VaultDeployer;
import io.vaultrisk.contracts.VaultDeployment;
import io.vaultrisk.executor.Executor;
import io.vaultrisk.executor.ExecutorConfig;
import io.vaultrisk.executor.Outcome;
import io.vaultrisk.service.launch.ServiceLauncher;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.web3j.crypto.Credentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vaultrisk demo}: the whole mission on embedded defaults. Starts Anvil, starts the service (fresh H2 data
 * directory), deploys tokens, pools and the vault with the service's signer as risk signer, simulates the vault's
 * candidate strategies on one set of paths, has the service optimise (min-CVaR), sign and publish the allocation, runs
 * the executor once (verify off-chain, rebalance on-chain), prints the transaction and the weights before and after,
 * and stops everything it started.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "End to end on a local chain: simulate, optimise, sign, publish and rebalance a vault.")
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--paths", defaultValue = "20000", description = "Scenarios simulated (default 20,000).")
    int paths;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of the simulation (default 7).")
    long seed;

    @Option(names = "--horizon-days", defaultValue = "30", description = "Allocation horizon (default 30 days).")
    double horizonDays;

    @Option(names = "--data-dir", description = "Where the demo's service keeps its data (default: a new temp dir).")
    Path dataDir;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public Integer call() throws Exception {
        ChainLibraries.require();
        Path data = dataDir != null ? Files.createDirectories(dataDir) : Files.createTempDirectory("vaultrisk-demo");
        Process service = null;
        step("starting Anvil (local EVM node)");
        try (AnvilNode anvil = AnvilNode.start();
                Chain chain = Chain.connect(anvil.rpcUrl())) {
            int port = freePort();
            step("starting the service on port " + port + " (data in " + data + ")");
            ProcessBuilder pb = new ProcessBuilder(ServiceLauncher.command(
                            ServiceLauncher.runnerJar(Repository.root()),
                            port,
                            data,
                            Map.of(
                                    "vaultrisk.stress.cron",
                                    "off",
                                    "vaultrisk.signer.chain-id",
                                    Long.toString(chain.chainId()))))
                    .redirectErrorStream(true)
                    .redirectOutput(data.resolve("service.log").toFile());
            service = pb.start();
            if (!ServiceLauncher.awaitReady(service, port, Duration.ofMinutes(3))) {
                throw new IllegalStateException("the service did not become ready; see " + data.resolve("service.log"));
            }
            String base = "http://127.0.0.1:" + port;
            String admin = ServiceLauncher.bootstrapAdminKey(data);
            String signer = get(base + "/api/v1/signer", null).get("address").asText();
            step("service signer " + signer);

            step("deploying test tokens, AMM pools and the vault");
            Credentials owner = Credentials.create(AnvilNode.DEV_KEYS.get(0));
            // the executor's account (dev key 1, below) is the vault's one keeper: only it may submit rebalances
            String keeper = Credentials.create(AnvilNode.DEV_KEYS.get(1)).getAddress();
            VaultDeployment d = VaultDeployer.deploy(chain, owner, signer, List.of(keeper), DeploymentSpec.DEFAULT);
            System.out.println("  vault " + d.vault() + " sleeves " + d.sleeves() + ", keeper " + keeper);
            System.out.println("  priced by feeds "
                    + d.feeds().subList(1, d.feeds().size()) + " (weights below are at feed prices, not pool prices)");

            ObjectNode vault = CliSupport.object().put("address", d.vault()).put("chainId", chain.chainId());
            vault.putArray("strategies")
                    .addAll(d.sleeves().stream()
                            .map(CliSupport.JSON.getNodeFactory()::textNode)
                            .toList());
            post(base + "/api/v1/vaults", admin, vault);
            ObjectNode keyRequest = CliSupport.object().put("name", "demo-executor");
            keyRequest.putArray("roles").add("executor");
            String executorKey =
                    post(base + "/api/v1/keys", admin, keyRequest).get("key").asText();
            ObjectNode riskRequest = CliSupport.object().put("name", "demo-risk");
            riskRequest.putArray("roles").add("risk");
            String riskKey =
                    post(base + "/api/v1/keys", admin, riskRequest).get("key").asText();

            step("simulating " + paths + " scenarios of the vault's strategies over " + horizonDays + " days");
            DemoScenarios scenarios = DemoScenarios.simulate(paths, seed, horizonDays);
            ObjectNode request = allocationRequest(d.vault(), scenarios);
            JsonNode job = post(base + "/api/v1/allocations", riskKey, request);
            String id = job.get("id").asText();
            step("optimising, signing and publishing (job " + id + ")");
            JsonNode done = awaitJob(base + "/api/v1/allocations/" + id, riskKey);
            JsonNode latest = get(base + "/api/v1/vaults/" + d.vault() + "/allocation/latest", executorKey);
            System.out.println("  signed allocation nonce " + latest.get("nonce") + " weights (bps) "
                    + latest.get("weightsBps") + " by " + latest.get("signer").asText());

            step("running the executor once (verify off-chain, rebalance on-chain)");
            Path keyFile = data.resolve("executor.key");
            Files.writeString(keyFile, AnvilNode.DEV_KEYS.get(1) + "\n");
            ExecutorConfig config = ExecutorConfig.of(
                            URI.create(base), executorKey, anvil.rpcUrl(), d.vault(), keyFile, true)
                    .withStateFile(data.resolve("executor-state.json"));
            Outcome outcome;
            try (Executor executor = Executor.create(config)) {
                outcome = executor.runOnce();
            }
            System.out.println();
            System.out.println("executor: " + outcome);
            System.out.println("transaction " + outcome.txHash());
            System.out.println("weights before " + bps(d.sleeves(), outcome.weightsBefore()));
            System.out.println("weights after  " + bps(d.sleeves(), outcome.weightsAfter()));
            JsonNode opt = done.path("result").path("optimizer");
            System.out.printf(
                    "optimiser: %s (%s), expected return %.3f%% over %.0f days, CVaR(%.2f) %.3f%%%n",
                    opt.path("status").asText(),
                    opt.path("solver").asText(),
                    100 * opt.path("expectedReturn").asDouble(),
                    horizonDays,
                    opt.path("beta").asDouble(),
                    100 * opt.path("cvar").asDouble());
            return outcome.kind() == Outcome.Kind.REBALANCED ? CliSupport.EXIT_OK : CliSupport.EXIT_FAILURE;
        } finally {
            step("stopping the service and Anvil");
            if (service != null) {
                service.destroy();
                service.waitFor();
            }
        }
    }

    private static ObjectNode allocationRequest(String vault, DemoScenarios s) {
        ObjectNode r = CliSupport.object().put("vault", vault).put("objective", "min-cvar");
        var rows = r.putArray("scenarios");
        for (List<Double> row : s.rows()) {
            var a = rows.addArray();
            row.forEach(a::add);
        }
        // the vault caps each risky sleeve at 50%
        r.putObject("constraints").put("maxWeight", 0.5);
        ObjectNode p = r.putObject("parameters");
        p.put("beta", 0.95).put("targetReturn", 0.006);
        return r;
    }

    private static String bps(List<String> names, List<Integer> weights) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < names.size() && weights != null && i < weights.size(); i++) {
            b.append(String.format("%s %5.1f%%  ", names.get(i), weights.get(i) / 100.0));
        }
        return b.toString().trim();
    }

    private JsonNode awaitJob(String url, String key) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode job = get(url, key);
            String status = job.path("status").asText();
            if (status.equalsIgnoreCase("succeeded")) {
                return job;
            }
            if (status.equalsIgnoreCase("failed")) {
                throw new IllegalStateException(
                        "allocation job failed: " + job.path("error").asText());
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("allocation job did not finish in 5 minutes");
    }

    private JsonNode get(String url, String key) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .GET();
        if (key != null) {
            b.header("X-API-Key", key);
        }
        return send(b.build());
    }

    private JsonNode post(String url, String key, JsonNode body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .header("X-API-Key", key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(CliSupport.JSON.writeValueAsString(body)))
                .build());
    }

    private JsonNode send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(
                    request.method() + " " + request.uri().getPath() + " answered " + response.statusCode() + ": "
                            + CliSupport.oneLine(response.body()));
        }
        return CliSupport.JSON.readTree(response.body());
    }

    private static void step(String text) {
        System.out.println("==> " + text);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
