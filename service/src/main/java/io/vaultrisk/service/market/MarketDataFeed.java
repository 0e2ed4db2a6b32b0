package io.vaultrisk.service.market;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vaultrisk.montecarlo.vol.OnlineEwma;
import io.vaultrisk.montecarlo.vol.OnlineGarch;
import io.vaultrisk.montecarlo.vol.VolRegime;
import io.vaultrisk.service.config.ServiceConfig;
import io.vaultrisk.service.db.Database;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
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
import org.jboss.logging.Logger;

/**
 * The market data the service follows: price ticks per asset ({@code POST /api/v1/market/prices}, an exchange-style
 * stream, and {@code POST /api/v1/market/feed-rounds}, the on-chain feeds' rounds as an executor forwards them: a round
 * not later than the asset's last round is ignored, so repeated rounds change nothing), and per asset two online
 * estimates of the variance of daily-equivalent log returns ({@code r·√(1 day / Δt)}): montecarlo's {@link OnlineEwma}
 * and {@link OnlineGarch} (GARCH(1,1) at configured parameters, stated defaults unless set from a fit), with a slow
 * EWMA as the long-run level both are compared with, and for each the {@link VolRegime} (with its hysteresis). Each
 * accepted batch stores the assets' state in the database (table {@code market_assets}), and the first use after a
 * start loads it: a restart resumes the estimates where they were (an estimator whose λ or GARCH parameters the
 * configuration changed starts again).
 */
@ApplicationScoped
public class MarketDataFeed {
    private static final double DAY_SECONDS = 86_400;

    @Inject
    ServiceConfig config;

    /** A price of one asset at one time; {@code roundId} is the on-chain feed round it came from, or null. */
    public record Tick(String asset, double price, Instant time, BigInteger roundId) {
        public Tick(String asset, double price, Instant time) {
            this(asset, price, time, null);
        }
    }

    /**
     * What is known of one asset: last price and time, returns seen, EWMA vol and its long-run level (annualised,
     * √(365 h); null until 20 returns have seeded them) and whether the vol regime is high.
     */
    public record AssetView(
            String asset,
            double price,
            Instant time,
            int returns,
            Double vol,
            Double longRunVol,
            boolean highVol,
            @JsonInclude(JsonInclude.Include.NON_NULL) String roundId,
            Double garchVol,
            boolean highVolGarch) {
        /** The vol of the model ("ewma" or "garch"), null until seeded. */
        public Double vol(String model) {
            return GARCH.equals(model) ? garchVol : vol;
        }

        /** Whether the model's vol is in the high regime. */
        public boolean high(String model) {
            return GARCH.equals(model) ? highVolGarch : highVol;
        }
    }

    public static final String EWMA = "ewma";
    public static final String GARCH = "garch";

    /** A regime switch of one asset under one vol model (ewma or garch), with the vols that caused it. */
    public record RegimeChange(
            String asset, boolean high, double vol, double longRunVol, VolRegime rule, String model) {
        public String text() {
            return String.format(
                    java.util.Locale.ROOT,
                    "%s %svol %.0f%% %s %.2f × long-run %.0f%% (%s)",
                    asset,
                    EWMA.equals(model) ? "" : model + " ",
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
        OnlineGarch garch;
        boolean high;
        boolean highGarch;
        BigInteger round;
    }

    /** An asset's state as stored: enough to resume every estimate bit for bit. */
    record Stored(
            double price,
            String time,
            String round,
            OnlineEwma.State fast,
            OnlineEwma.State slow,
            OnlineGarch.State garch,
            boolean high,
            boolean highGarch) {}

    @Inject
    Database db;

    /**
     * The stored state's JSON: a variance not yet seeded is NaN, written as the bare token and read back as NaN (the
     * service's mapper would write it as a string it then refuses to read as a number).
     */
    private static final ObjectMapper STATE_JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .build();

    private static final Logger LOG = Logger.getLogger(MarketDataFeed.class);

    private final Map<String, State> assets = new TreeMap<>();
    private final List<Consumer<Update>> listeners = new CopyOnWriteArrayList<>();
    private VolRegime regime;
    private OnlineGarch.Params garch;
    private boolean loaded;

    @PostConstruct
    void init() {
        regime = new VolRegime(config.market().regimeEnter(), config.market().regimeLeave());
        ServiceConfig.Market m = config.market();
        double persistence = m.garchAlpha() + m.garchBeta();
        garch = new OnlineGarch.Params(
                (1 - persistence) * m.garchLongRunVol() * m.garchLongRunVol() / 365, m.garchAlpha(), m.garchBeta());
    }

    /** The GARCH parameters in use (per day-equivalent return). */
    public OnlineGarch.Params garchParams() {
        return garch;
    }

    /** Forgets the in-memory state and loads the stored one, as a restart does. */
    public void reload() {
        synchronized (assets) {
            assets.clear();
            loaded = false;
            ensureLoaded();
        }
    }

    /** Under the lock: the stored assets, once. */
    private void ensureLoaded() {
        if (loaded) {
            return;
        }
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("SELECT asset, state FROM market_assets");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                try {
                    assets.put(rs.getString(1), resume(STATE_JSON.readValue(rs.getString(2), Stored.class)));
                } catch (IOException | RuntimeException e) {
                    // one unreadable row must not stop the market data: that asset starts again
                    LOG.warnf("stored market state of %s is unreadable, starting it again: %s", rs.getString(1), e);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the stored market state", e);
        }
        loaded = true;
    }

    private State resume(Stored st) {
        State s = fresh();
        s.price = st.price();
        s.time = st.time() == null ? null : Instant.parse(st.time());
        s.round = st.round() == null ? null : new BigInteger(st.round());
        // an estimator whose settings changed since it was stored starts again
        if (st.fast() != null && st.fast().lambda() == config.market().ewmaLambda()) {
            s.fast = OnlineEwma.restore(st.fast());
            s.high = st.high();
        }
        if (st.slow() != null && st.slow().lambda() == config.market().longRunLambda()) {
            s.slow = OnlineEwma.restore(st.slow());
        }
        if (st.garch() != null && garch.equals(st.garch().params())) {
            s.garch = OnlineGarch.restore(st.garch());
            s.highGarch = st.highGarch();
        }
        return s;
    }

    private State fresh() {
        State s = new State();
        s.fast = new OnlineEwma(config.market().ewmaLambda());
        s.slow = new OnlineEwma(config.market().longRunLambda());
        s.garch = new OnlineGarch(garch);
        return s;
    }

    /** Stores the assets' state (replacing their rows), in one transaction. */
    private void persist(Map<String, String> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM market_assets WHERE asset = ?");
                    PreparedStatement ins =
                            c.prepareStatement("INSERT INTO market_assets(asset, state, updated_at) VALUES (?,?,?)")) {
                Timestamp now = Timestamp.from(Instant.now());
                for (Map.Entry<String, String> e : rows.entrySet()) {
                    del.setString(1, e.getKey());
                    del.executeUpdate();
                    ins.setString(1, e.getKey());
                    ins.setString(2, e.getValue());
                    ins.setTimestamp(3, now);
                    ins.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the market state", e);
        }
    }

    private String stored(State s) {
        try {
            return STATE_JSON.writeValueAsString(new Stored(
                    s.price,
                    s.time == null ? null : s.time.toString(),
                    s.round == null ? null : s.round.toString(),
                    s.fast.state(),
                    s.slow.state(),
                    s.garch.state(),
                    s.high,
                    s.highGarch));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the market state", e);
        }
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
        Map<String, String> rows = new TreeMap<>();
        // the lock covers the store too, so rows reach the database in the order their ticks were taken
        synchronized (assets) {
            ensureLoaded();
            for (Tick t : ticks) {
                State s = assets.get(t.asset());
                if (s != null
                        && t.roundId() != null
                        && s.round != null
                        && t.roundId().compareTo(s.round) <= 0) {
                    continue; // a feed round seen before (the executor repeats rounds it could not confirm)
                }
                if (s == null) {
                    s = fresh();
                    assets.put(t.asset(), s);
                } else if (s.time != null) {
                    double dt = Duration.between(s.time, t.time()).toNanos() / 1e9;
                    if (dt > 0) {
                        double r = Math.log(t.price() / s.price) * Math.sqrt(DAY_SECONDS / dt);
                        s.fast.add(r);
                        s.slow.add(r);
                        s.garch.add(r);
                        double vol = annual(s.fast.variance()), longRun = annual(s.slow.variance());
                        boolean high = regime.high(s.high, vol, longRun);
                        if (high != s.high) {
                            changes.add(new RegimeChange(t.asset(), high, vol, longRun, regime, EWMA));
                            s.high = high;
                        }
                        double gv = annual(s.garch.variance());
                        boolean highGarch = regime.high(s.highGarch, gv, longRun);
                        if (highGarch != s.highGarch) {
                            changes.add(new RegimeChange(t.asset(), highGarch, gv, longRun, regime, GARCH));
                            s.highGarch = highGarch;
                        }
                    }
                }
                if (s.time == null || !t.time().isBefore(s.time)) {
                    s.time = t.time();
                }
                s.price = t.price();
                if (t.roundId() != null) {
                    s.round = t.roundId();
                }
                moved.add(t.asset());
            }
            for (String a : moved) {
                rows.put(a, stored(assets.get(a)));
            }
            persist(rows);
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

    /** Whether a feed round of the asset is new: later than the last round taken (or the first). */
    public boolean newRound(String asset, BigInteger roundId) {
        synchronized (assets) {
            ensureLoaded();
            State s = assets.get(asset);
            return s == null || s.round == null || roundId.compareTo(s.round) > 0;
        }
    }

    /** The last tick's time of an asset, or null when it has none. */
    public Instant lastTime(String asset) {
        synchronized (assets) {
            ensureLoaded();
            State s = assets.get(asset);
            return s == null ? null : s.time;
        }
    }

    public Map<String, AssetView> snapshot() {
        Map<String, AssetView> out = new TreeMap<>();
        synchronized (assets) {
            ensureLoaded();
            assets.forEach((name, s) -> out.put(
                    name,
                    new AssetView(
                            name,
                            s.price,
                            s.time,
                            s.fast.count(),
                            orNull(annual(s.fast.variance())),
                            orNull(annual(s.slow.variance())),
                            s.high,
                            s.round == null ? null : s.round.toString(),
                            orNull(annual(s.garch.variance())),
                            s.highGarch)));
        }
        return out;
    }
}
