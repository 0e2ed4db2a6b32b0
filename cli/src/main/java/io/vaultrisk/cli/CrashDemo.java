package io.vaultrisk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vaultrisk.contracts.AnvilNode;
import io.vaultrisk.contracts.Chain;
import io.vaultrisk.contracts.DeploymentSpec;
import io.vaultrisk.contracts.MarketProcess;
import io.vaultrisk.contracts.MarketSpec;
import io.vaultrisk.contracts.ProtectionVenue;
import io.vaultrisk.contracts.VaultDeployer;
import io.vaultrisk.contracts.VaultDeployment;
import io.vaultrisk.executor.Executor;
import io.vaultrisk.executor.ExecutorConfig;
import io.vaultrisk.executor.FeedForwarding;
import io.vaultrisk.executor.Outcome;
import io.vaultrisk.executor.ProtectionSeeker;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;

/**
 * {@code vaultrisk demo --scenario crash}: the closed loop on Anvil. Deploys the demo vault and a passive copy (same
 * market, same start, no executor), registers the loop vault and its ES limit with the service, starts an executor that
 * follows the service's allocation stream, then replays the {@link CrashPath} one block per hour through the
 * {@link MarketProcess} (feeds and pools) and, as ticks, into the service. The monitor's breaches publish urgent
 * allocations, a vol regime switch a re-optimised one; the executor applies them. What happened is read back from the
 * service (allocations, limit evaluations, executor events) and the chain (both vaults' values at feed prices).
 */
final class CrashDemo {

    /** The demo vault's ES limit: 99% 1-day ES at most 4% of its value. */
    static final double ES_LIMIT = 0.04;
    /** Wall time per simulated hour: the accelerated clock (an hour of chain time per block). */
    static final Duration WALL_PER_HOUR = Duration.ofMillis(400);
    /** Paths of each limit evaluation (the 1,000-path re-evaluation). */
    static final int EVALUATION_PATHS = 1000;

    /** The demo executor's drift threshold, in bps of the vault's value. */
    static final int DEMO_DRIFT_BPS = 10;

    private static final String SLEEVE_VALUES =
            Hash.sha3String("sleeveValues()").substring(0, 10);

    /** One hour of the replay as mined and sent, with the wall time at which its block was mined and read back. */
    record Hour(
            int index, long block, long timestamp, double btc, double eth, double loop, double passive, long nanos) {}

    /** The loop vault's put venue: sleeve (WETH), tenor, strike over spot, share of the sleeve, spread, tolerance. */
    static final int PUT_SLEEVE = 2;

    static final double PUT_TENOR_DAYS = 1;
    static final double PUT_MONEYNESS = 0.9;
    static final double PUT_COVERAGE = 0.5;
    static final double PUT_SPREAD = 0.05;
    static final double PUT_TOLERANCE = 0.25;
    /** Hours of (accelerated) chain time a quote and an order stay valid. */
    static final long PUT_ORDER_HOURS = 6;
    /** The demo market maker's quoter key (signs quotes only; holds nothing). */
    private static final String QUOTER_KEY = "0x8da4ef21b864d2cc526dbdb2a120bd2874c36c9d0a1fb7f8c63d7f7a8b41de8f";

    /** An executor outcome with the wall time it was known. */
    record Seen(Outcome outcome, long nanos) {}

    private final Chain chain;
    private final AnvilNode anvil;
    private final ServiceHttp http;
    private final String admin;
    private final String signer;
    private final Path data;
    private final Consumer<String> step;

    CrashDemo(
            AnvilNode anvil,
            Chain chain,
            ServiceHttp http,
            String admin,
            String signer,
            Path data,
            Consumer<String> step) {
        this.anvil = anvil;
        this.chain = chain;
        this.http = http;
        this.admin = admin;
        this.signer = signer;
        this.data = data;
        this.step = step;
    }

    /** Service properties the crash demo needs beyond the plain demo's; each is stated where it is set. */
    static Map<String, String> serviceProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        // the chain clock runs an hour per block: an allocation valid for 600 s of chain time would expire within the
        // block after it was signed, so allocations are valid for 30 days of (accelerated) chain time
        p.put("vaultrisk.allocation.validity-seconds", Long.toString(30L * 86_400));
        p.put("vaultrisk.monitor.every", "10s");
        p.put("vaultrisk.monitor.min-interval-seconds", "0.2");
        // a protection order, like a quote, must survive the few (hour-long) blocks between signing and buying
        p.put("vaultrisk.protection.order-validity-seconds", Long.toString(PUT_ORDER_HOURS * 3600));
        return p;
    }

    /** Runs the scenario; the result is the demo's JSON (the caller prints it or its timeline). */
    ObjectNode run(CrashPath path) throws Exception {
        Credentials owner = Credentials.create(AnvilNode.DEV_KEYS.get(0));
        String keeper = Credentials.create(AnvilNode.DEV_KEYS.get(1)).getAddress();
        DeploymentSpec spec = DeploymentSpec.DEFAULT;
        step.accept("deploying test tokens, AMM pools, feeds, the loop's vault and its passive copy");
        VaultDeployment d = VaultDeployer.deploy(chain, owner, signer, List.of(keeper), spec);
        VaultDeployment passive = VaultDeployer.deployCopy(chain, owner, d, signer, List.of(), spec);
        step.accept("loop vault " + d.vault() + ", passive copy " + passive.vault() + " (no keeper: never rebalanced)");
        String quoter = Credentials.create(QUOTER_KEY).getAddress();
        String venue = ProtectionVenue.open(
                chain,
                owner,
                Credentials.create(AnvilNode.DEV_KEYS.get(2)),
                d,
                PUT_SLEEVE,
                2 * 3600,
                quoter,
                BigInteger.TEN.pow(DeploymentSpec.DECIMALS.get(0)).multiply(BigInteger.valueOf(1_000_000)),
                ProtectionVenue.PremiumLimits.DEFAULT);
        step.accept(String.format(
                Locale.ROOT,
                "put venue %s on the loop vault's %s sleeve: on a breach it buys %.0f-day puts struck at %.0f%% of spot"
                        + " on %.0f%% of the sleeve (market maker's spread %.0f%%, the service accepts up to %.0f%%"
                        + " over its own price)",
                venue,
                d.sleeves().get(PUT_SLEEVE),
                PUT_TENOR_DAYS,
                100 * PUT_MONEYNESS,
                100 * PUT_COVERAGE,
                100 * PUT_SPREAD,
                100 * PUT_TOLERANCE));

        ObjectNode registration = vaultRequest(d, spec);
        registration
                .putObject("protection")
                .put("venue", venue)
                .put("quoter", quoter)
                .put("sleeve", d.sleeves().get(PUT_SLEEVE))
                .put("asset", "ETH")
                .put("token", d.tokens().get(PUT_SLEEVE))
                .put("tokenDecimals", DeploymentSpec.DECIMALS.get(PUT_SLEEVE))
                .put("stableDecimals", DeploymentSpec.DECIMALS.get(0))
                .put("tenorDays", PUT_TENOR_DAYS)
                .put("moneyness", PUT_MONEYNESS)
                .put("coverage", PUT_COVERAGE)
                .put("tolerance", PUT_TOLERANCE);
        http.post("/api/v1/vaults", admin, registration);
        String riskKey = key("demo-risk", "risk");
        String executorKey = key("demo-executor", "executor");
        // the vault's starting weights, published as the risk desk's (scheduled) allocation: the loop starts from it
        ObjectNode first = CliSupport.object().put("vault", d.vault());
        spec.initialWeightsBps().forEach(first.putArray("weightsBps")::add);
        JsonNode job = http.post("/api/v1/allocations", riskKey, first);
        http.awaitJob("/api/v1/allocations/" + job.get("id").asText(), riskKey);
        ObjectNode limits = CliSupport.object()
                .put("confidence", 0.99)
                .put("horizonDays", 1)
                .put("es", ES_LIMIT)
                .put("paths", EVALUATION_PATHS)
                .put("seed", 1);
        http.put("/api/v1/vaults/" + d.vault() + "/limits", riskKey, limits);
        step.accept(String.format(
                Locale.ROOT,
                "limits: ES99 1d <= %.0f%% of the vault's value (%d paths per evaluation)",
                100 * ES_LIMIT,
                EVALUATION_PATHS));

        Path keyFile = data.resolve("executor.key");
        Files.writeString(keyFile, AnvilNode.DEV_KEYS.get(1) + "\n");
        Path quoterFile = data.resolve("quoter.key");
        Files.writeString(quoterFile, QUOTER_KEY + "\n");
        ExecutorConfig config = ExecutorConfig.of(
                        URI.create(http.base()), executorKey, anvil.rpcUrl(), d.vault(), keyFile, false)
                .withStateFile(data.resolve("executor-state.json"))
                // a de-risking step in a crash moves a weight by tens of bps: the executor's default 50-bps drift
                // threshold would skip most of them, so the demo's executor acts on drifts above 10 bps
                .withThresholds(DEMO_DRIFT_BPS, ExecutorConfig.DEFAULT_MAX_GAS_PRICE_WEI)
                .withPolling(Duration.ofSeconds(2), 4, Duration.ofMillis(100))
                // the demo posts each replayed hour's prices as ticks with the hour's own time; feed rounds forwarded
                // as well would feed the EWMA each price twice, at wall-clock times
                .withFeeds(FeedForwarding.OFF)
                .withStream(true);
        List<Seen> outcomes = new CopyOnWriteArrayList<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Hour> hours = new ArrayList<>();
        MarketProcess market = MarketProcess.start(chain, owner, d, MarketSpec.of(3600, 0, new BigDecimal("5000000")));
        List<ProtectionSeeker.Result> puts = new ArrayList<>();
        try (Executor executor =
                Executor.create(config).withQuoter(quoterFile, PUT_SPREAD, Duration.ofHours(PUT_ORDER_HOURS))) {
            Thread loop = new Thread(
                    () -> {
                        try {
                            executor.run(o -> outcomes.add(new Seen(o, System.nanoTime())), line -> {});
                        } catch (Exception e) {
                            failure.set(e);
                        }
                    },
                    "demo-executor");
            loop.setDaemon(true);
            loop.start();
            step.accept("replaying " + path.rows().size() + " hours, one block per hour, " + WALL_PER_HOUR.toMillis()
                    + " ms of wall time per hour: " + path.provenance());
            long start = latestTimestamp();
            sendTicks(riskKey, start, path.btc0(), path.eth0());
            for (int i = 0; i < path.rows().size(); i++) {
                long began = System.nanoTime();
                double[] row = path.rows().get(i);
                MarketProcess.Tick t = market.tick(List.of(usd(row[0]), usd(row[1])));
                long mined = System.nanoTime();
                sendTicks(riskKey, t.timestamp(), row[0], row[1]);
                hours.add(new Hour(
                        i,
                        t.block(),
                        t.timestamp(),
                        row[0],
                        row[1],
                        valueUsd(d.vault()),
                        valueUsd(passive.vault()),
                        mined));
                if (i == path.crashStart()) {
                    step.accept("hour " + i + " (block " + t.block() + "): the crash begins");
                }
                long left = WALL_PER_HOUR.toNanos() - (System.nanoTime() - began);
                if (left > 0) {
                    Thread.sleep(left / 1_000_000);
                }
            }
            // the last hours' evaluations and allocations settle before the executor stops
            awaitQuiet(riskKey, d.vault(), outcomes);
            executor.stop();
            loop.join(Duration.ofSeconds(10).toMillis());
            puts.addAll(executor.protections());
        }
        if (failure.get() != null) {
            throw new IllegalStateException(
                    "the executor stopped: " + failure.get().getMessage(), failure.get());
        }
        Hour last = hours.get(hours.size() - 1);
        hours.set(
                hours.size() - 1,
                new Hour(
                        last.index(),
                        last.block(),
                        last.timestamp(),
                        last.btc(),
                        last.eth(),
                        valueUsd(d.vault()),
                        valueUsd(passive.vault()),
                        last.nanos()));
        ObjectNode result = result(path, d, passive, riskKey, hours, outcomes);
        result.set("protection", protection(venue, d, riskKey, puts, owner));
        return result;
    }

    /**
     * The puts the loop bought (or was refused): terms, premium against the service's own price, transaction, and
     * what each is worth at the end: settled when expired (the payout), else its intrinsic value at the final feed
     * price (what the vault's totalValue counts; the sleeves' finalValue leaves puts out and includes the premiums).
     */
    private ObjectNode protection(
            String venue, VaultDeployment d, String riskKey, List<ProtectionSeeker.Result> puts, Credentials owner)
            throws Exception {
        Map<Long, JsonNode> orders = new HashMap<>();
        for (JsonNode o : http.get("/api/v1/vaults/" + d.vault() + "/protection-orders?limit=1000", riskKey)) {
            orders.put(o.path("nonce").asLong(), o);
        }
        int stable = DeploymentSpec.DECIMALS.get(0);
        int token = DeploymentSpec.DECIMALS.get(PUT_SLEEVE);
        ObjectNode out = CliSupport.object().put("venue", venue);
        out.put(
                "model",
                "service price: Black–Scholes at one vol (the latest surface of ETH, else the EWMA of the ticks, else the"
                        + " book's), no skew, no jumps, zero rate; the market maker quotes the same plus its spread");
        ArrayNode bought = out.putArray("bought");
        ArrayNode refused = out.putArray("refused");
        long now = latestTimestamp();
        for (ProtectionSeeker.Result r : puts) {
            if (!r.bought()) {
                refused.addObject().put("nonce", r.allocationNonce()).put("reason", r.detail());
                continue;
            }
            ProtectionVenue.Position p = ProtectionVenue.position(chain, venue, r.positionId());
            ObjectNode b = bought.addObject()
                    .put("nonce", r.allocationNonce())
                    .put("order", r.orderNonce())
                    .put("position", r.positionId().longValueExact())
                    .put("tx", r.tx())
                    .put(
                            "block",
                            Long.decode(chain.rpc("eth_getTransactionReceipt", "[\"" + r.tx() + "\"]")
                                    .path("blockNumber")
                                    .asText()))
                    .put("strike", units(p.strike(), stable))
                    .put("amount", units(p.amount(), token))
                    .put("expiry", Instant.ofEpochSecond(p.expiry()).toString())
                    .put("premium", units(new BigInteger(r.premium()), stable));
            JsonNode order = orders.get(r.orderNonce());
            if (order != null) {
                b.put(
                                "servicePrice",
                                units(
                                        new BigInteger(
                                                order.path("servicePremium").asText("0")),
                                        stable))
                        .put("vol", order.path("vol").asDouble())
                        .put("volSource", order.path("volSource").asText());
            }
            if (!p.settled() && now >= p.expiry()) {
                try {
                    ProtectionVenue.Settlement st = ProtectionVenue.settle(chain, owner, venue, r.positionId());
                    b.put("settled", true).put("settlementTx", st.tx()).put("valueAtEnd", units(st.payout(), stable));
                    continue;
                } catch (Exception e) {
                    b.put(
                            "settleRefused",
                            e.getMessage() == null
                                    ? e.toString()
                                    : e.getMessage().strip());
                }
            }
            b.put("settled", p.settled()).put("valueAtEnd", units(p.intrinsicValue(), stable));
        }
        return out;
    }

    private static double units(BigInteger amount, int decimals) {
        return new BigDecimal(amount).movePointLeft(decimals).doubleValue();
    }

    // ------------------------------------------------------------------------------------------------ the result

    private ObjectNode result(
            CrashPath path,
            VaultDeployment d,
            VaultDeployment passive,
            String riskKey,
            List<Hour> hours,
            List<Seen> outcomes)
            throws Exception {
        String v = "/api/v1/vaults/" + d.vault();
        Map<Long, JsonNode> allocations = new HashMap<>();
        for (JsonNode a : http.get(v + "/allocations?limit=1000", riskKey)) {
            allocations.put(a.path("nonce").asLong(), a);
        }
        JsonNode events = http.get(v + "/executor-events?limit=1000", riskKey);
        JsonNode evaluations = http.get(v + "/limit-evaluations?limit=1000", riskKey);

        ObjectNode out = CliSupport.object();
        ObjectNode sc = out.putObject("scenario");
        sc.put("id", path.scenario().id())
                .put("name", path.scenario().name())
                .put("date", path.scenario().date())
                .put("hours", path.rows().size())
                .put("crashHours", path.crashStart() + "-" + (path.crashEnd() - 1))
                .put("wallPerHourMillis", WALL_PER_HOUR.toMillis())
                .put("path", path.provenance());
        sc.putObject("moves")
                .put("BTC", path.scenario().returns().get("BTC"))
                .put("ETH", path.scenario().returns().get("ETH"));
        ArrayNode sources = sc.putArray("sources");
        path.scenario()
                .sources()
                .forEach(s -> sources.addObject()
                        .put("underlying", s.underlying())
                        .put("figure", s.figure())
                        .put("url", s.url()));
        out.put("loopVault", d.vault()).put("passiveVault", passive.vault());

        // every allocation the service published for the loop vault, oldest first, whether the executor applied it
        ArrayNode published = out.putArray("published");
        allocations.keySet().stream()
                .sorted()
                .forEach(n -> published
                        .addObject()
                        .put("nonce", n)
                        .put("trigger", trigger(allocations.get(n)))
                        .put("reason", allocations.get(n).path("trigger").asText(null)));
        ArrayNode rebalances = out.putArray("rebalances");
        ArrayNode refused = out.putArray("refused");
        List<JsonNode> ordered = new ArrayList<>();
        events.forEach(ordered::add);
        ordered.sort((a, b) -> Long.compare(a.path("id").asLong(), b.path("id").asLong()));
        for (JsonNode e : ordered) {
            if (e.path("reason").asText("").startsWith("protection:")) {
                continue; // the put leg: under "protection"
            }
            long nonce = e.path("nonce").asLong();
            JsonNode a = allocations.get(nonce);
            if ("executed".equals(e.path("kind").asText())) {
                ObjectNode r = rebalances
                        .addObject()
                        .put("nonce", nonce)
                        .put("tx", e.path("tx").asText())
                        .put("trigger", trigger(a))
                        .put("block", e.path("block").asLong());
                r.put("reason", a == null ? null : a.path("trigger").asText(null));
                r.set("weightsBps", e.path("weightsBps"));
            } else {
                refused.addObject()
                        .put("nonce", nonce)
                        .put("reason", e.path("reason").asText())
                        .put("block", e.path("block").asLong());
            }
        }

        ArrayNode breaches = out.putArray("breaches");
        List<Double> evalMillis = new ArrayList<>();
        List<Double> latencies = new ArrayList<>();
        Map<Long, Hour> byTime = new HashMap<>();
        hours.forEach(h -> byTime.put(h.timestamp(), h));
        for (JsonNode e : evaluations) {
            evalMillis.add(e.path("result").path("elapsedMillis").asDouble());
            if (!e.path("breached").asBoolean()) {
                continue;
            }
            ObjectNode b = breaches.addObject()
                    .put("evaluation", e.path("id").asLong())
                    .put("reason", e.path("reason").asText())
                    .put("es", e.path("result").path("current").path("es").asDouble())
                    .put("limit", ES_LIMIT);
            b.set("breaches", e.path("result").path("current").path("breaches"));
            Hour h = hourSeen(e, byTime);
            if (h != null) {
                b.put("hour", h.index()).put("block", h.block());
            }
            if (e.hasNonNull("nonce")) {
                long nonce = e.path("nonce").asLong();
                b.put("nonce", nonce);
                Long minedAt = minedNanos(outcomes, nonce);
                if (h != null && minedAt != null) {
                    double ms = (minedAt - h.nanos()) / 1e6;
                    b.put("latencyMillis", Math.round(ms));
                    latencies.add(ms);
                }
            }
        }

        ObjectNode fv = out.putObject("finalValue");
        Hour last = hours.get(hours.size() - 1);
        fv.put("loop", round2(last.loop()))
                .put("passive", round2(last.passive()))
                .put("unit", "USD at feed prices");
        ObjectNode dd = out.putObject("maxDrawdown");
        dd.put("loop", drawdown(hours, true)).put("passive", drawdown(hours, false));

        ObjectNode latency = out.putObject("latency");
        latency.put(
                "measured",
                "from the wall time the breaching hour's block was mined and read back (the market process then sends"
                        + " the hour's ticks to the service) to the executor's outcome for the urgent allocation (its"
                        + " transaction mined and its receipt read), per breach that published one");
        latency.set("breachToMinedMillis", stats(latencies));
        latency.set("limitEvaluationMillis", stats(evalMillis));
        latency.put("evaluationPaths", EVALUATION_PATHS);
        latency.put("cores", Runtime.getRuntime().availableProcessors());

        ArrayNode series = out.putArray("hours");
        for (Hour h : hours) {
            series.addObject()
                    .put("hour", h.index())
                    .put("block", h.block())
                    .put("time", Instant.ofEpochSecond(h.timestamp()).toString())
                    .put("btc", round2(h.btc()))
                    .put("eth", round2(h.eth()))
                    .put("loop", round2(h.loop()))
                    .put("passive", round2(h.passive()));
        }
        return out;
    }

    /** scheduled (the risk desk's own), breach (urgent) or regime (a re-optimisation on a vol regime switch). */
    static String trigger(JsonNode allocation) {
        if (allocation == null) {
            return "scheduled";
        }
        if (allocation.path("urgent").asBoolean()) {
            return "breach";
        }
        return allocation.path("trigger").asText("").startsWith("regime") ? "regime" : "scheduled";
    }

    /** The hour whose prices the evaluation saw: its inputs name the tick time of each underlying's spot. */
    private static Hour hourSeen(JsonNode evaluation, Map<Long, Hour> byTime) {
        Hour seen = null;
        for (JsonNode u : evaluation.path("inputs").path("underlyings")) {
            String src = u.path("spotSource").asText("");
            if (src.startsWith("tick ")) {
                Hour h = byTime.get(Instant.parse(src.substring(5)).getEpochSecond());
                if (h != null && (seen == null || h.index() > seen.index())) {
                    seen = h;
                }
            }
        }
        return seen;
    }

    private static Long minedNanos(List<Seen> outcomes, long nonce) {
        for (Seen s : outcomes) {
            Outcome o = s.outcome();
            if (o.kind() == Outcome.Kind.REBALANCED
                    && o.nonce() != null
                    && o.nonce().longValue() == nonce) {
                return s.nanos();
            }
        }
        return null;
    }

    /** Largest fall from a running peak, as a fraction of the peak. */
    static double drawdown(List<Hour> hours, boolean loop) {
        double peak = 0, worst = 0;
        for (Hour h : hours) {
            double v = loop ? h.loop() : h.passive();
            peak = Math.max(peak, v);
            worst = Math.max(worst, 1 - v / peak);
        }
        return Math.round(worst * 1e6) / 1e6;
    }

    static ObjectNode stats(List<Double> xs) {
        ObjectNode s = CliSupport.object().put("count", xs.size());
        if (xs.isEmpty()) {
            return s;
        }
        double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
        return s.put("min", round1(a[0])).put("median", round1(median)).put("max", round1(a[a.length - 1]));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** Waits until every published allocation has an executor event, or 15 s. */
    private void awaitQuiet(String riskKey, String vault, List<Seen> outcomes) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(500);
            JsonNode latest = http.get("/api/v1/vaults/" + vault + "/allocations?limit=1", riskKey);
            long nonce = latest.path(0).path("nonce").asLong();
            boolean handled = outcomes.stream()
                    .anyMatch(s -> s.outcome().nonce() != null
                            && s.outcome().nonce().longValue() >= nonce
                            && s.outcome().kind() != Outcome.Kind.REFUSED
                            && s.outcome().kind() != Outcome.Kind.GAS_TOO_HIGH);
            if (handled) {
                return;
            }
        }
    }

    private ObjectNode vaultRequest(VaultDeployment d, DeploymentSpec spec) {
        ObjectNode vault = CliSupport.object().put("address", d.vault()).put("chainId", chain.chainId());
        d.sleeves().forEach(vault.putArray("strategies")::add);
        vault.set("book", book(spec));
        return vault;
    }

    /**
     * The demo vault's book, which the monitor prices the sleeves with: BTC and ETH, GBM at these vols until the EWMA
     * of the ticks is seeded (20 returns), correlation 0.8 throughout; no jumps, no surface. Its positions are the
     * vault's starting holdings.
     */
    static ObjectNode book(DeploymentSpec spec) {
        ObjectNode book = CliSupport.object();
        book.put("name", "demo-vault")
                .put("quoteCurrency", "USD")
                .put("asOf", Instant.now().toString());
        ObjectNode market = book.putObject("market");
        market.put("rate", 0.0);
        ObjectNode us = market.putObject("underlyings");
        us.putObject("BTC").put("spot", spec.btcPriceUsd()).put("vol", 0.55).put("drift", 0.0);
        us.putObject("ETH").put("spot", spec.ethPriceUsd()).put("vol", 0.70).put("drift", 0.0);
        market.putObject("correlations").put("BTC/ETH", 0.8);
        ArrayNode positions = book.putArray("positions");
        double value = spec.vaultValueUsd().doubleValue();
        positions
                .addObject()
                .put("id", "wbtc")
                .put("type", "spot")
                .put("underlying", "BTC")
                .put(
                        "quantity",
                        value
                                * spec.initialWeightsBps().get(1)
                                / 10_000
                                / spec.btcPriceUsd().doubleValue());
        positions
                .addObject()
                .put("id", "weth")
                .put("type", "spot")
                .put("underlying", "ETH")
                .put(
                        "quantity",
                        value
                                * spec.initialWeightsBps().get(2)
                                / 10_000
                                / spec.ethPriceUsd().doubleValue());
        return book;
    }

    private String key(String name, String role) throws Exception {
        ObjectNode r = CliSupport.object().put("name", name);
        r.putArray("roles").add(role);
        return http.post("/api/v1/keys", admin, r).get("key").asText();
    }

    private void sendTicks(String riskKey, long timestamp, double btc, double eth) throws Exception {
        String time = Instant.ofEpochSecond(timestamp).toString();
        ObjectNode body = CliSupport.object();
        ArrayNode prices = body.putArray("prices");
        prices.addObject().put("asset", "BTC").put("price", btc).put("time", time);
        prices.addObject().put("asset", "ETH").put("price", eth).put("time", time);
        http.post("/api/v1/market/prices", riskKey, body);
    }

    /** The vault's value at its feeds' latest answers ({@code sleeveValues()}'s total), in USD. */
    private double valueUsd(String vault) throws Exception {
        JsonNode r =
                chain.rpc("eth_call", "[{\"to\":\"" + vault + "\",\"data\":\"" + SLEEVE_VALUES + "\"},\"latest\"]");
        String hex = r.asText().substring(2);
        // (uint256[] values, uint256 total): the head is the array's offset, then the total
        BigInteger total = new BigInteger(hex.substring(64, 128), 16);
        return new BigDecimal(total)
                .movePointLeft(DeploymentSpec.DECIMALS.get(0))
                .doubleValue();
    }

    private long latestTimestamp() throws Exception {
        JsonNode b = chain.rpc("eth_getBlockByNumber", "[\"latest\",false]");
        return Long.decode(b.path("timestamp").asText());
    }

    private static BigDecimal usd(double x) {
        return BigDecimal.valueOf(x).setScale(8, java.math.RoundingMode.HALF_EVEN);
    }

    private static double round2(double x) {
        return Math.round(x * 100) / 100.0;
    }

    private static double round1(double x) {
        return Math.round(x * 10) / 10.0;
    }
}
