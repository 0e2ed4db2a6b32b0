package io.vaultrisk.service.limits;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.scheduler.Scheduled;
import io.vaultrisk.allocator.Allocation;
import io.vaultrisk.allocator.AllocationStatus;
import io.vaultrisk.allocator.Objective;
import io.vaultrisk.allocator.ObjectiveSpec;
import io.vaultrisk.allocator.PortfolioConstraints;
import io.vaultrisk.allocator.ScenarioMatrix;
import io.vaultrisk.allocator.limits.LimitEvaluator;
import io.vaultrisk.allocator.limits.VaultLimits;
import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.MarketData;
import io.vaultrisk.montecarlo.book.Underlying;
import io.vaultrisk.protocol.BasisPoints;
import io.vaultrisk.service.allocation.Allocations;
import io.vaultrisk.service.config.ServiceConfig;
import io.vaultrisk.service.error.ProblemException;
import io.vaultrisk.service.market.MarketDataFeed;
import io.vaultrisk.service.signing.ReferencePrices;
import io.vaultrisk.service.support.BookField;
import io.vaultrisk.service.surface.SurfaceResource;
import io.vaultrisk.service.vault.ExecutorEvents;
import io.vaultrisk.service.vault.Vault;
import io.vaultrisk.service.vault.Vaults;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Watches vaults' limits. A vault with limits is evaluated on {@code vaultrisk.monitor.every} and whenever an
 * underlying it holds moves more than {@code price-move} since its last evaluation (at most once per
 * {@code min-interval-seconds}; a move inside that interval is evaluated when it ends). Each evaluation is stored
 * with its inputs and replays bit for bit ({@link #replay}). A breach publishes an urgent allocation: the least
 * de-risking of the current weights (executor-reported holdings when they are at least as new as the latest
 * publication, else the latest published weights) that holds every limit ({@link LimitEvaluator#derisk}). A vol
 * regime switch of an underlying re-optimises the vault's weights once and publishes them as a normal allocation.
 * Evaluations run one at a time on the monitor's thread (or the caller's, for {@code POST …/limit-evaluations}).
 */
@ApplicationScoped
public class LimitMonitor {
    private static final Logger LOG = Logger.getLogger(LimitMonitor.class);

    @Inject
    Vaults vaults;

    @Inject
    Allocations allocations;

    @Inject
    ExecutorEvents events;

    @Inject
    MarketDataFeed feed;

    @Inject
    SurfaceResource surfaces;

    @Inject
    LimitStore store;

    @Inject
    ServiceConfig config;

    @Inject
    ObjectMapper json;

    /** One underlying as the evaluation saw it, with where its spot and vol came from (tick, ewma, book). */
    public record MarketInput(
            String name, double spot, double vol, double drift, String spotSource, String volSource) {}

    /** Everything an evaluation depends on: a replay rebuilds the market and the scenarios from this alone. */
    public record Inputs(
            LimitsRequest limits,
            List<String> strategies,
            double[] weights,
            String weightsSource,
            double rate,
            List<MarketInput> underlyings,
            double[][] correlation,
            String surface,
            double stableYield,
            double impliedVolPremium,
            double nav,
            double highWaterMark,
            double drawdown,
            JsonNode book,
            String volModel,
            Boolean highVol,
            String regime) {}

    /**
     * The figures of one weight vector: VaR, ES, delta per underlying, drawdown after ES, breaches, and with book
     * limits the book's vega per underlying, each perpetual's liquidation probability and the margin use (absent
     * without book limits, so evaluations stored before them replay identically).
     */
    public record Figures(
            double var,
            double es,
            Map<String, Double> delta,
            double drawdown,
            List<String> breaches,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Double> vega,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Double> liquidationProbability,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double marginUse) {
        static Figures of(LimitEvaluator.Result r) {
            return new Figures(
                    r.var(),
                    r.es(),
                    r.delta(),
                    r.drawdown(),
                    r.breaches().stream().map(LimitEvaluator.Breach::text).toList(),
                    new TreeMap<>(r.vega()),
                    new TreeMap<>(r.liquidationProbability()),
                    Double.isNaN(r.marginUse()) ? null : r.marginUse());
        }
    }

    private static final class VaultState {
        volatile Map<String, Double> prices = Map.of();
        double nav = 1;
        double hwm = 1;
        long lastNanos = Long.MIN_VALUE;
        boolean pending;
    }

    private final Map<String, VaultState> states = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private ScheduledExecutorService loop;

    @PostConstruct
    void init() {
        loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "limit-monitor");
            t.setDaemon(true);
            return t;
        });
        feed.addListener(this::onMarket);
    }

    @PreDestroy
    void shutdown() {
        loop.shutdownNow();
    }

    @Scheduled(
            every = "{vaultrisk.monitor.every}",
            identity = "limit-monitor",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        for (String key : store.all().keySet()) {
            vaults.find(key).ifPresent(v -> loop.execute(() -> quietly(v, "scheduled")));
        }
    }

    /** On the request thread of {@code POST /market/prices}: only decides and queues, never evaluates here. */
    void onMarket(MarketDataFeed.Update update) {
        Map<String, MarketDataFeed.AssetView> now = feed.snapshot();
        for (String key : store.all().keySet()) {
            VaultState s = states.get(key);
            if (s == null || s.prices.isEmpty()) {
                continue; // evaluated first by the schedule or on request, which sets the reference prices
            }
            String moved = null;
            double largest = 0;
            for (String asset : update.assets()) {
                Double before = s.prices.get(asset);
                MarketDataFeed.AssetView view = now.get(asset);
                if (before != null && view != null) {
                    double move = view.price() / before - 1;
                    if (Math.abs(move) > Math.abs(largest)) {
                        largest = move;
                        moved = asset;
                    }
                }
            }
            if (moved != null && Math.abs(largest) > config.monitor().priceMove()) {
                request(
                        key,
                        String.format(
                                Locale.ROOT, "price: %s %+.1f%% since the last evaluation", moved, 100 * largest));
            }
        }
        // a vault whose limits scale with the regime is evaluated at its regime's switch, under the new limits
        for (MarketDataFeed.RegimeChange change : update.regimeChanges()) {
            store.all().forEach((key, limits) -> {
                VaultState s = states.get(key);
                // only vaults whose last evaluation priced the asset: another asset's regime is not theirs
                if (limits.scaleWithRegime() != null
                        && limits.volModel().equals(change.model())
                        && s != null
                        && s.prices.containsKey(change.asset())) {
                    request(key, "regime: " + change.text());
                }
            });
        }
        // after the limit checks: a breach is answered before the regime's re-optimisation
        for (MarketDataFeed.RegimeChange change : update.regimeChanges()) {
            loop.execute(() -> regimeChange(change));
        }
    }

    /** Queues an evaluation of the vault (at once, or when its minimum interval since the last one has passed). */
    public void request(String key, String reason) {
        VaultState s = states.computeIfAbsent(key, k -> new VaultState());
        long delayNanos;
        synchronized (s) {
            if (s.pending) {
                return;
            }
            s.pending = true;
            long min = (long) (config.monitor().minIntervalSeconds() * 1e9);
            delayNanos = s.lastNanos == Long.MIN_VALUE ? 0 : Math.max(0, s.lastNanos + min - System.nanoTime());
        }
        loop.schedule(
                () -> {
                    synchronized (s) {
                        s.pending = false;
                    }
                    vaults.find(key).ifPresent(v -> quietly(v, reason));
                },
                delayNanos,
                TimeUnit.NANOSECONDS);
    }

    private void quietly(Vault vault, String reason) {
        try {
            evaluate(vault, reason);
        } catch (RuntimeException e) {
            LOG.warnf("limit evaluation of %s (%s) failed: %s", vault.address(), reason, e.getMessage());
        }
    }

    /** Evaluates the vault's limits now, stores the evaluation and, on a breach, publishes the urgent allocation. */
    public LimitStore.Stored evaluate(Vault vault, String reason) {
        LimitsRequest request = store.get(vault)
                .orElseThrow(() -> ProblemException.notFound("limits", "vault " + vault.address() + " has no limits"));
        lock.lock();
        try {
            long start = System.nanoTime();
            VaultState s = states.computeIfAbsent(vault.key(), k -> new VaultState());
            Inputs in = inputs(vault, request, s);
            Outcome out = compute(in);
            ObjectNode result = out.json;
            Long nonce = null;
            if (out.derisk != null) {
                List<Integer> bps = out.deriskBps;
                String trigger = "breach: " + String.join("; ", out.current.breaches());
                Allocations.Published p = allocations.publish(
                        vault,
                        bps,
                        null,
                        true,
                        trigger.length() > 300 ? trigger.substring(0, 300) : trigger,
                        referencePrices(vault, in.underlyings()));
                nonce = p.allocation().nonce().longValueExact();
                LOG.infof("%s breached its limits (%s): urgent allocation %d", vault.address(), trigger, nonce);
            }
            result.put("elapsedMillis", (System.nanoTime() - start) / 1e6);
            LimitStore.Stored stored = store.store(
                    vault,
                    reason,
                    json.valueToTree(in),
                    result,
                    !out.current.breaches().isEmpty(),
                    nonce);
            synchronized (s) {
                s.lastNanos = System.nanoTime();
            }
            return stored;
        } finally {
            lock.unlock();
        }
    }

    /** Recomputes a stored evaluation from its inputs: {@code identical} when every number is the same. */
    public ObjectNode replay(Vault vault, long id) {
        LimitStore.Stored stored = store.require(vault, id);
        Inputs in;
        try {
            in = json.treeToValue(stored.inputs(), Inputs.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored inputs of evaluation " + id + " are unreadable", e);
        }
        ObjectNode replayed = compute(in).json;
        ObjectNode original = stored.result().deepCopy();
        original.remove("elapsedMillis");
        ObjectNode out = json.createObjectNode().put("id", id).put("identical", original.equals(replayed));
        out.set("stored", original);
        out.set("replayed", replayed);
        return out;
    }

    private record Outcome(ObjectNode json, Figures current, LimitEvaluator.Derisk derisk, List<Integer> deriskBps) {}

    private Outcome compute(Inputs in) {
        VaultLimits policy = in.limits().limits();
        VaultLimits limits = policy.effective(Boolean.TRUE.equals(in.highVol()));
        MarketData market = market(in);
        LimitEvaluator.Scenarios sc;
        try {
            sc = LimitEvaluator.DEFAULT.simulate(
                    market, in.strategies(), limits, in.stableYield(), in.impliedVolPremium());
        } catch (IllegalArgumentException e) {
            throw ProblemException.conflict("limits", "cannot evaluate: " + e.getMessage());
        }
        ObjectNode out = json.createObjectNode();
        if (limits.needsBook()) {
            if (in.book() == null) {
                throw ProblemException.conflict("limits", "cannot evaluate the book limits: the vault has no book");
            }
            sc = LimitEvaluator.DEFAULT.withBook(sc, book(in, market), in.weights());
            LimitEvaluator.BookRisk b = sc.book();
            ObjectNode bj = out.putObject("book");
            bj.put("value", b.bookValue());
            bj.put("heldRiskyWeight", b.heldRiskyWeight());
            bj.set("liquidation", json.valueToTree(new TreeMap<>(b.liquidation())));
            bj.put(
                    "note",
                    "the book's risk report at the evaluation's spots and vols (GBM, liquidation monitored "
                            + "continuously); other weights scale it by their risky weight over the held one");
        }
        if (policy.scaleWithRegime() != null) {
            boolean high = Boolean.TRUE.equals(in.highVol());
            double f = high
                    ? policy.scaleWithRegime().high()
                    : policy.scaleWithRegime().normal();
            ObjectNode ej = out.putObject("effectiveLimits");
            ej.put("regime", high ? "high" : "normal");
            ej.put("factor", f);
            putLimit(ej, "var", limits.var());
            putLimit(ej, "es", limits.es());
            ej.put(
                    "why",
                    String.format(
                            Locale.ROOT,
                            "scaleWithRegime.%s %s × the policy's limits; %s",
                            high ? "high" : "normal",
                            f,
                            in.regime()));
        }
        LimitEvaluator.Result now = LimitEvaluator.DEFAULT.evaluate(sc, in.weights(), in.drawdown());
        Figures current = Figures.of(now);
        out.set("current", json.valueToTree(current));
        out.put("breached", now.breached());
        if (!now.breached()) {
            return new Outcome(out, current, null, null);
        }
        if (sc.stable() < 0) {
            out.put("derisk", "none: the vault has no stablecoin sleeve to de-risk into");
            return new Outcome(out, current, null, null);
        }
        LimitEvaluator.Derisk d = LimitEvaluator.DEFAULT.derisk(sc, in.weights(), in.drawdown());
        // basis points round each weight by up to 1 bp: de-risk a little more until the rounded weights hold too
        double f = d.fraction();
        List<Integer> bps = BasisPoints.fromWeights("weights", d.weights());
        LimitEvaluator.Result rounded = LimitEvaluator.DEFAULT.evaluate(sc, fractions(bps), in.drawdown());
        for (int i = 0; i < 20 && rounded.breached() && f < 1; i++) {
            f = Math.min(1, f + 1e-3);
            bps = BasisPoints.fromWeights("weights", LimitEvaluator.scaled(sc, in.weights(), f));
            rounded = LimitEvaluator.DEFAULT.evaluate(sc, fractions(bps), in.drawdown());
        }
        ObjectNode dj = out.putObject("derisk");
        dj.put("method", "bisection on the fraction of every risky sleeve moved to the stablecoin");
        dj.put("fraction", f);
        dj.set("weightsBps", json.valueToTree(bps));
        dj.set("after", json.valueToTree(Figures.of(rounded)));
        return new Outcome(out, current, d, bps);
    }

    private static void putLimit(ObjectNode o, String name, double limit) {
        if (Double.isNaN(limit)) {
            o.putNull(name);
        } else {
            o.put(name, limit);
        }
    }

    private static double[] fractions(List<Integer> bps) {
        return bps.stream().mapToDouble(b -> b / 10_000.0).toArray();
    }

    /** The vault's book with its underlyings at the evaluation's spots and vols (the rest of its market as stored). */
    private static Book book(Inputs in, MarketData market) {
        Book stored = BookField.read(in.book());
        List<Underlying> us = new ArrayList<>();
        for (Underlying u : stored.market().underlyings()) {
            int i = market.indexOf(u.name());
            us.add(
                    i < 0
                            ? u
                            : u.withSpot(market.underlyings().get(i).spot())
                                    .withVol(market.underlyings().get(i).vol()));
        }
        return stored.withMarket(stored.market().withUnderlyings(us));
    }

    private static MarketData market(Inputs in) {
        List<Underlying> us = new ArrayList<>();
        for (MarketInput m : in.underlyings()) {
            us.add(Underlying.of(m.name(), m.spot(), m.vol(), m.drift()));
        }
        return MarketData.of(in.rate(), us, in.correlation());
    }

    /**
     * The evaluation's inputs now: the market (the vault's book market, or the feed's assets for a vault without a
     * book, with each spot the last tick and each vol the EWMA once seeded; GBM, the book's jumps and surfaces are
     * not used), the current weights and the drawdown from the high-water mark of the vault's value index.
     */
    private Inputs inputs(Vault vault, LimitsRequest limits, VaultState s) {
        Map<String, MarketDataFeed.AssetView> ticks = feed.snapshot();
        String model = limits.volModel();
        List<MarketInput> us = new ArrayList<>();
        double rate = 0;
        double[][] corr;
        if (vault.book() != null) {
            MarketData base = BookField.read(vault.book()).market();
            rate = base.rate();
            for (Underlying u : base.underlyings()) {
                MarketDataFeed.AssetView t = ticks.get(u.name());
                Double vol = t == null ? null : t.vol(model);
                us.add(new MarketInput(
                        u.name(),
                        t == null ? u.spot() : t.price(),
                        vol == null ? u.vol() : vol,
                        u.drift(),
                        t == null ? "book" : "tick " + t.time(),
                        vol == null ? "book" : model));
            }
            corr = base.correlation();
        } else {
            for (MarketDataFeed.AssetView t : ticks.values()) {
                if (t.vol(model) != null) {
                    us.add(new MarketInput(t.asset(), t.price(), t.vol(model), 0, "tick " + t.time(), model));
                }
            }
            corr = MarketData.identity(us.size());
        }
        if (us.isEmpty()) {
            throw ProblemException.conflict(
                    "market",
                    "no market to evaluate on: the vault has no book and no asset has a " + model + " vol yet");
        }
        // the vault's regime: high while any underlying it holds is in the high-vol regime of its vol model
        List<String> highAssets = new ArrayList<>();
        for (String u : new java.util.TreeSet<>(sleeveUnderlyings(vault, us))) {
            MarketDataFeed.AssetView t = ticks.get(u);
            if (t != null && t.high(model)) {
                highAssets.add(u);
            }
        }
        String regime = highAssets.isEmpty()
                ? "normal: no underlying of the vault in the high-vol regime (" + model + ")"
                : "high: " + String.join(", ", highAssets) + " in the high-vol regime (" + model + ")";
        Optional<Allocations.Latest> latest = allocations.latest(vault);
        if (latest.isEmpty()) {
            throw ProblemException.conflict("allocation", "vault " + vault.address() + " has no allocation yet");
        }
        List<Integer> bps = latest.get().allocation().weightsBps();
        long published = latest.get().allocation().nonce().longValueExact();
        String source = "published nonce " + published;
        Optional<ExecutorEvents.Event> held = events.latestHoldings(vault);
        if (held.isPresent() && held.get().nonce() >= published) {
            bps = held.get().weightsBps();
            source = "executor nonce " + held.get().nonce();
        }
        double[] w = fractions(bps);
        // the vault's value index: each sleeve moves with its underlying since the last evaluation (options sleeves
        // too: an approximation that leaves out their convexity and premium), the stablecoin does not move
        Map<String, Double> prices = us.stream()
                .collect(Collectors.toMap(MarketInput::name, MarketInput::spot, (a, b) -> a, LinkedHashMap::new));
        List<String> sleeveUnderlyings = sleeveUnderlyings(vault, us);
        synchronized (s) {
            if (s.prices.isEmpty()) {
                store.list(vault, 1).stream().findFirst().ifPresent(last -> {
                    s.nav = last.inputs().path("nav").asDouble(1);
                    s.hwm = last.inputs().path("highWaterMark").asDouble(1);
                });
            } else {
                double r = 0;
                for (int j = 0; j < w.length; j++) {
                    Double before = s.prices.get(sleeveUnderlyings.get(j));
                    Double after = prices.get(sleeveUnderlyings.get(j));
                    if (before != null && after != null) {
                        r += w[j] * (after / before - 1);
                    }
                }
                s.nav *= 1 + r;
                s.hwm = Math.max(s.hwm, s.nav);
            }
            s.prices = Map.copyOf(prices);
        }
        String surface = null;
        try {
            surface = surfaces.latest().path("fittedAt").asText(null);
        } catch (ProblemException e) {
            // no surface fitted since the start: recorded as null
        }
        return new Inputs(
                limits,
                vault.strategies(),
                w,
                source,
                rate,
                us,
                corr,
                surface,
                config.monitor().stableYield(),
                config.monitor().impliedVolPremium(),
                s.nav,
                s.hwm,
                Math.max(0, 1 - s.nav / s.hwm),
                limits.limits().needsBook() ? vault.book() : null,
                model,
                !highAssets.isEmpty(),
                regime);
    }

    /** The spots the evaluation used, per sleeve, as the allocation's signed reference prices. */
    private ReferencePrices referencePrices(Vault vault, List<MarketInput> us) {
        Map<String, Double> spots = new LinkedHashMap<>();
        Map<String, String> sources = new LinkedHashMap<>();
        for (MarketInput m : us) {
            spots.put(m.name(), m.spot());
            sources.put(
                    m.name(), "book".equals(m.spotSource()) ? ReferencePrices.BOOK_SPOT : ReferencePrices.MARKET_FEED);
        }
        return ReferencePrices.of(sleeveUnderlyings(vault, us), spots, sources);
    }

    private List<String> sleeveUnderlyings(Vault vault, List<MarketInput> us) {
        List<Underlying> list = new ArrayList<>();
        for (MarketInput m : us) {
            list.add(Underlying.of(m.name(), m.spot(), m.vol(), m.drift()));
        }
        MarketData market = MarketData.of(0, list, MarketData.identity(list.size()));
        List<String> out = new ArrayList<>();
        for (String name : vault.strategies()) {
            try {
                String u = io.vaultrisk.allocator.strategy.StrategySimulator.underlying(
                        io.vaultrisk.allocator.strategy.StrategyNames.parse(name, market, 0));
                out.add(u == null ? "" : u);
            } catch (IllegalArgumentException e) {
                throw ProblemException.conflict("limits", "cannot evaluate: " + e.getMessage());
            }
        }
        return out;
    }

    /**
     * A vol regime switch of one underlying: every vault with limits that holds it is re-optimised once (max expected
     * return with CVaR at the limits' confidence and horizon below the ES limit, or min CVaR when it has no ES
     * limit) and published as a normal allocation whose trigger names the switch; only vaults whose {@code volModel} is
     * the switch's model, with their limits as the new regime scales them. Strategy parameters (strike delta,
     * tenor, hedge band) are the vault's registered sleeves and are not re-chosen here.
     */
    void regimeChange(MarketDataFeed.RegimeChange change) {
        for (Map.Entry<String, LimitsRequest> e : store.all().entrySet()) {
            Optional<Vault> found = vaults.find(e.getKey());
            if (found.isEmpty()) {
                continue;
            }
            Vault vault = found.get();
            if (!e.getValue().volModel().equals(change.model())) {
                continue; // the vault's regime follows the other vol model
            }
            lock.lock();
            try {
                VaultState s = states.computeIfAbsent(vault.key(), k -> new VaultState());
                Inputs in = inputs(vault, e.getValue(), s);
                if (in.underlyings().stream().noneMatch(m -> m.name().equals(change.asset()))
                        || !sleeveUnderlyings(vault, in.underlyings()).contains(change.asset())) {
                    continue;
                }
                VaultLimits limits = in.limits().limits().effective(Boolean.TRUE.equals(in.highVol()));
                LimitEvaluator.Scenarios sc = LimitEvaluator.DEFAULT.simulate(
                        market(in), in.strategies(), limits, in.stableYield(), in.impliedVolPremium());
                double[] w = optimise(sc.sleeves(), limits, in.weights());
                String trigger = "regime: " + change.text();
                Allocations.Published p = allocations.publish(
                        vault,
                        BasisPoints.fromWeights("weights", w),
                        null,
                        false,
                        trigger,
                        referencePrices(vault, in.underlyings()));
                LOG.infof(
                        "%s re-optimised on %s: allocation %s",
                        vault.address(), trigger, p.allocation().nonce());
            } catch (RuntimeException ex) {
                LOG.warnf("re-optimisation of %s on %s failed: %s", vault.address(), change.text(), ex.getMessage());
            } finally {
                lock.unlock();
            }
        }
    }

    private static double[] optimise(ScenarioMatrix sc, VaultLimits limits, double[] current) {
        int n = sc.strategyCount();
        double[] upper = new double[n];
        Arrays.fill(upper, 1.0);
        PortfolioConstraints c = PortfolioConstraints.of(
                1.0,
                new double[n],
                upper,
                List.of(),
                current,
                Double.POSITIVE_INFINITY,
                0,
                new double[n],
                Double.POSITIVE_INFINITY,
                Double.POSITIVE_INFINITY);
        Allocation a = null;
        if (!Double.isNaN(limits.es())) {
            a = spec(Objective.MAX_RETURN, limits.confidence(), limits.es()).solve(sc, c);
        }
        if (a == null || !a.hasWeights() || a.status() == AllocationStatus.INFEASIBLE) {
            a = spec(Objective.MIN_CVAR, limits.confidence(), Double.NaN).solve(sc, c);
        }
        if (!a.hasWeights() || a.status() == AllocationStatus.INFEASIBLE || a.status() == AllocationStatus.UNBOUNDED) {
            throw new IllegalStateException(a.status().label() + ": " + a.reason());
        }
        double[] w = a.weights();
        double sum = Arrays.stream(w).map(x -> Math.max(0, x)).sum();
        return Arrays.stream(w).map(x -> Math.max(0, x) / sum).toArray();
    }

    private static ObjectiveSpec spec(Objective o, double beta, double cvarLimit) {
        return new ObjectiveSpec(
                o,
                beta,
                Double.NaN,
                cvarLimit,
                0,
                ObjectiveSpec.DEFAULT_KELLY_FRACTION,
                ObjectiveSpec.RiskMeasure.VOLATILITY,
                ObjectiveSpec.CvarSolver.BUNDLE);
    }

    /** For JSON views: the stored evaluation as the API shows it. */
    public JsonNode view(LimitStore.Stored s) {
        return json.valueToTree(s);
    }
}
