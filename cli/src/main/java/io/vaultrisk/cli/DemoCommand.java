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
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.web3j.crypto.Credentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vaultrisk demo}: the whole mission on embedded defaults. Starts Anvil, starts the service (fresh H2 data
 * directory), deploys tokens, pools and the vault with the service's signer as risk signer, simulates the vault's
 * candidate strategies on one set of paths, has the service optimise (min-CVaR), sign and publish the allocation, runs
 * the executor once (verify off-chain, rebalance on-chain), prints the transaction and the weights before and after,
 * and stops everything it started. With {@code --scenario} it runs the closed loop through a historical crash instead
 * ({@link CrashDemo}).
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

    @Option(
            names = "--scenario",
            paramLabel = "ID",
            description = "Replay a bundled historical crash through the closed loop (feeds, pools, limit monitor,"
                    + " urgent de-risking, regime recalibration) beside a passive copy of the vault: crash (Black"
                    + " Thursday, 12 March 2020) or a scenario id of `vaultrisk stress`.")
    String scenario;

    @Option(names = "--json", description = "With --scenario: print one JSON object instead of the timeline.")
    boolean json;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "With --scenario: where the HTML report goes (default: the data directory).")
    Path out;

    @Option(
            names = "--keep",
            description = "Leave Anvil, the service and its dashboard running, populated (risk run, stress report,"
                    + " surface, allocations, limits, the loop's timeline); print the dashboard's URL and a read-only"
                    + " key, and stop everything on Ctrl-C.")
    boolean keep;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CrashPath crash = null;
        if (scenario != null) {
            // plain doubles into the lambda: a lambda's synthetic method naming a chain type would break picocli's
            // reflection over this command for every command (the chain libraries are only on the demo's class path)
            double btc = DeploymentSpec.DEFAULT.btcPriceUsd().doubleValue();
            double eth = DeploymentSpec.DEFAULT.ethPriceUsd().doubleValue();
            crash = CrashPath.scenario(scenario)
                    .map(s -> CrashPath.of(s, btc, eth))
                    .orElseThrow(() -> CliSupport.badInput(
                            spec,
                            "--scenario",
                            "unknown scenario '" + scenario + "' (one of " + String.join(", ", CrashPath.ids()) + ")"));
        } else {
            CliSupport.require(spec, !json, "--json", "only with --scenario");
            CliSupport.require(spec, out == null, "--out", "only with --scenario");
        }
        ChainLibraries.require();
        Path data = dataDir != null ? Files.createDirectories(dataDir) : Files.createTempDirectory("vaultrisk-demo");
        Process service = null;
        step("starting Anvil (local EVM node)");
        try (AnvilNode anvil = AnvilNode.start();
                Chain chain = Chain.connect(anvil.rpcUrl())) {
            int port = freePort();
            step("starting the service on port " + port + " (data in " + data + ")");
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("vaultrisk.stress.cron", "off");
            properties.put("vaultrisk.signer.chain-id", Long.toString(chain.chainId()));
            if (crash != null) {
                properties.putAll(CrashDemo.serviceProperties());
            }
            if (keep) {
                properties.putAll(DemoKeep.serviceProperties());
            }
            ProcessBuilder pb = new ProcessBuilder(ServiceLauncher.command(
                            ServiceLauncher.runnerJar(Repository.root()), port, data, properties))
                    .redirectErrorStream(true)
                    .redirectOutput(data.resolve("service.log").toFile());
            service = pb.start();
            if (keep) {
                // Ctrl-C ends the JVM without unwinding this method: the service stops in a hook (Anvil has its own)
                Process started = service;
                Runtime.getRuntime()
                        .addShutdownHook(new Thread(
                                () -> {
                                    step("stopping the service and Anvil");
                                    stop(started);
                                },
                                "demo-service-shutdown"));
            }
            if (!ServiceLauncher.awaitReady(service, port, Duration.ofMinutes(3))) {
                throw new IllegalStateException("the service did not become ready; see " + data.resolve("service.log"));
            }
            String base = "http://127.0.0.1:" + port;
            ServiceHttp http = new ServiceHttp(base);
            String admin = ServiceLauncher.bootstrapAdminKey(data);
            String signer = http.get("/api/v1/signer", null).get("address").asText();
            step("service signer " + signer);
            if (crash != null) {
                ObjectNode result = new CrashDemo(anvil, chain, http, admin, signer, data, this::step).run(crash);
                Path dir = Files.createDirectories(out != null ? out : data);
                Path report = dir.resolve("crash-demo.html");
                Files.writeString(report, DemoHtml.render(result));
                result.put("report", report.toAbsolutePath().toString());
                if (json) {
                    CliSupport.printJson(result);
                } else {
                    DemoTimeline.print(result, System.out);
                }
                step("report " + report.toAbsolutePath());
                if (keep) {
                    keep(http, admin, result.get("loopVault").asText(), false, base, anvil.rpcUrl());
                }
                return CliSupport.EXIT_OK;
            }

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
            if (keep) {
                vault.set("book", CrashDemo.book(DeploymentSpec.DEFAULT)); // for the dashboard's risk run and stress
            }
            http.post("/api/v1/vaults", admin, vault);
            ObjectNode keyRequest = CliSupport.object().put("name", "demo-executor");
            keyRequest.putArray("roles").add("executor");
            String executorKey =
                    http.post("/api/v1/keys", admin, keyRequest).get("key").asText();
            ObjectNode riskRequest = CliSupport.object().put("name", "demo-risk");
            riskRequest.putArray("roles").add("risk");
            String riskKey =
                    http.post("/api/v1/keys", admin, riskRequest).get("key").asText();

            step("simulating " + paths + " scenarios of the vault's strategies over " + horizonDays + " days");
            DemoScenarios scenarios = DemoScenarios.simulate(paths, seed, horizonDays);
            ObjectNode request = allocationRequest(d.vault(), scenarios);
            JsonNode job = http.post("/api/v1/allocations", riskKey, request);
            String id = job.get("id").asText();
            step("optimising, signing and publishing (job " + id + ")");
            JsonNode done = http.awaitJob("/api/v1/allocations/" + id, riskKey);
            JsonNode latest = http.get("/api/v1/vaults/" + d.vault() + "/allocation/latest", executorKey);
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
            if (keep && outcome.kind() == Outcome.Kind.REBALANCED) {
                keep(http, admin, d.vault(), true, base, anvil.rpcUrl());
            }
            return outcome.kind() == Outcome.Kind.REBALANCED ? CliSupport.EXIT_OK : CliSupport.EXIT_FAILURE;
        } finally {
            step("stopping the service and Anvil");
            if (service != null) {
                stop(service);
            }
        }
    }

    /** Populates the dashboard, prints where it is and its read-only key, and waits for Ctrl-C. */
    private void keep(ServiceHttp http, String admin, String vault, boolean setLimits, String base, String rpc)
            throws Exception {
        String viewer =
                DemoKeep.populate(http, admin, vault, CrashDemo.book(DeploymentSpec.DEFAULT), setLimits, this::step);
        PrintStream o = json ? System.err : System.out;
        o.println();
        o.println("dashboard " + base + "/#key=" + viewer);
        o.println("read-only key (viewer role: the dashboard's data, nothing else) " + viewer);
        o.println("chain " + rpc + " (Anvil), vault " + vault + "; API " + base + "/q/swagger-ui");
        o.println("running until Ctrl-C, which stops the service and Anvil");
        o.flush();
        DemoKeep.awaitInterrupt();
    }

    private static void stop(Process service) {
        service.destroy();
        try {
            if (!service.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        } catch (InterruptedException e) {
            service.destroyForcibly();
            Thread.currentThread().interrupt();
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

    /** Progress: on stdout, or on stderr with --json so that stdout is the one JSON object. */
    private void step(String text) {
        (json ? System.err : System.out).println("==> " + text);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
