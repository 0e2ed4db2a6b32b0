package io.vaultrisk.service.market;

import io.vaultrisk.montecarlo.vol.OnlineEwma;
import io.vaultrisk.montecarlo.vol.VolRegime;
import io.vaultrisk.service.config.ServiceConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The market data the service follows: price ticks per asset (today from {@code POST /api/v1/market/prices}, an
 * exchange-style stream; following on-chain feeds directly is not built yet), and per asset an online EWMA of squared
 * daily-equivalent log returns ({@code r·√(1 day / Δt)}, montecarlo's {@link OnlineEwma}) with a slow EWMA as its
 * long-run level and the {@link VolRegime} between them. In memory: a restart starts the estimates again. GARCH is not
 * updated online (it needs a maximum-likelihood fit over at least 100 returns).
 */
@ApplicationScoped
public class MarketDataFeed {
    private static final double DAY_SECONDS = 86_400;

    @Inject
    ServiceConfig config;

    /** A price of one asset at one time. */
    public record Tick(String asset, double price, Instant time) {}

    /**
     * What is known of one asset: last price and time, returns seen, EWMA vol and its long-run level (annualised,
     * √(365 h); null until 20 returns have seeded them) and whether the vol regime is high.
     */
    public record AssetView(
            String asset, double price, Instant time, int returns, Double vol, Double longRunVol, boolean highVol) {}

    /** A regime switch of one asset, with the vols that caused it. */
    public record RegimeChange(String asset, boolean high, double vol, double longRunVol, VolRegime rule) {
        public String text() {
            return String.format(
                    java.util.Locale.ROOT,
                    "%s vol %.0f%% %s %.2f × long-run %.0f%% (%s)",
                    asset,
                    100 * vol,
                    high ? ">" : "<",
                    high ? rule.enter() : rule.leave(),
                    100 * longRunVol,
                    high ? "high-vol regime" : "back to normal");
        }
    }

    /** What listeners get after each accepted batch: the assets that moved and the regime switches it caused. */
    public record Update(Set<String> assets, List<RegimeChange> regimeChanges) {}

    private static final class State {
        double price;
        Instant time;
        OnlineEwma fast;
        OnlineEwma slow;
        boolean high;
    }

    private final Map<String, State> assets = new TreeMap<>();
    private final List<Consumer<Update>> listeners = new CopyOnWriteArrayList<>();
    private VolRegime regime;

    @PostConstruct
    void init() {
        regime = new VolRegime(config.market().regimeEnter(), config.market().regimeLeave());
    }

    public void addListener(Consumer<Update> listener) {
        listeners.add(listener);
    }

    /**
     * Takes a batch of ticks (validated by the caller), in order; a tick not later than the asset's last one only
     * updates its price. Listeners run after the batch, on this thread.
     */
    public Update accept(List<Tick> ticks) {
        Set<String> moved = new LinkedHashSet<>();
        List<RegimeChange> changes = new ArrayList<>();
        synchronized (assets) {
            for (Tick t : ticks) {
                State s = assets.get(t.asset());
                if (s == null) {
                    s = new State();
                    s.fast = new OnlineEwma(config.market().ewmaLambda());
                    s.slow = new OnlineEwma(config.market().longRunLambda());
                    assets.put(t.asset(), s);
                } else {
                    double dt = Duration.between(s.time, t.time()).toNanos() / 1e9;
                    if (dt > 0) {
                        double r = Math.log(t.price() / s.price) * Math.sqrt(DAY_SECONDS / dt);
                        s.fast.add(r);
                        s.slow.add(r);
                        double vol = annual(s.fast.variance()), longRun = annual(s.slow.variance());
                        boolean high = regime.high(s.high, vol, longRun);
                        if (high != s.high) {
                            changes.add(new RegimeChange(t.asset(), high, vol, longRun, regime));
                            s.high = high;
                        }
                    }
                }
                if (s.time == null || !t.time().isBefore(s.time)) {
                    s.time = t.time();
                }
                s.price = t.price();
                moved.add(t.asset());
            }
        }
        Update update = new Update(moved, List.copyOf(changes));
        for (Consumer<Update> l : listeners) {
            l.accept(update);
        }
        return update;
    }

    private static double annual(double dailyVariance) {
        return Math.sqrt(365 * dailyVariance);
    }

    private static Double orNull(double x) {
        return Double.isNaN(x) ? null : x;
    }

    /** The last tick's time of an asset, or null when it has none. */
    public Instant lastTime(String asset) {
        synchronized (assets) {
            State s = assets.get(asset);
            return s == null ? null : s.time;
        }
    }

    public Map<String, AssetView> snapshot() {
        Map<String, AssetView> out = new TreeMap<>();
        synchronized (assets) {
            assets.forEach((name, s) -> out.put(
                    name,
                    new AssetView(
                            name,
                            s.price,
                            s.time,
                            s.fast.count(),
                            orNull(annual(s.fast.variance())),
                            orNull(annual(s.slow.variance())),
                            s.high)));
        }
        return out;
    }
}
