package io.vaultrisk.service.protection;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import io.vaultrisk.basics.BlackScholes;
import io.vaultrisk.basics.OptionType;
import io.vaultrisk.basics.YearFraction;
import io.vaultrisk.montecarlo.book.Underlying;
import io.vaultrisk.protocol.AllocationTypedData;
import io.vaultrisk.protocol.ProtectionOrder;
import io.vaultrisk.protocol.ProtectionTypedData;
import io.vaultrisk.protocol.PutQuote;
import io.vaultrisk.service.allocation.Allocations;
import io.vaultrisk.service.config.ServiceConfig;
import io.vaultrisk.service.db.Database;
import io.vaultrisk.service.error.ProblemException;
import io.vaultrisk.service.market.MarketDataFeed;
import io.vaultrisk.service.signing.Signer;
import io.vaultrisk.service.support.BookField;
import io.vaultrisk.service.surface.SurfaceResource;
import io.vaultrisk.service.vault.Vault;
import io.vaultrisk.service.vault.Vaults;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.web3j.utils.Numeric;

/**
 * The service's half of a protective-put purchase (issue 18 item 4). When a vault with a venue gets an urgent
 * allocation, {@link #request} says what to buy (strike at the declared moneyness of the feed's spot, expiry at the
 * declared tenor, the declared coverage of the sleeve); the allocation stream carries it to the executor. The
 * executor brings back the venue's signed quote; {@link #order} checks it is exactly what was asked for, signed by
 * the venue's quoter, and priced within the declared tolerance of the service's own Black–Scholes price (one vol: the
 * latest surface's ATM vol at the nearest expiry when that surface is of the asset, else the EWMA of the feed, else
 * the book's vol; no skew, no jumps, zero rate), then signs the {@code Protection} order with the risk signer.
 */
@ApplicationScoped
public class ProtectionDesk {
    private static final Logger LOG = Logger.getLogger(ProtectionDesk.class);

    @Inject
    Database db;

    @Inject
    ObjectMapper json;

    @Inject
    Signer signer;

    @Inject
    MarketDataFeed feed;

    @Inject
    SurfaceResource surfaces;

    @Inject
    ServiceConfig config;

    @Inject
    Allocations allocations;

    @Inject
    Vaults vaults;

    /** Asks on publication, whether or not an executor is following the stream at that moment. */
    void onStart(@Observes StartupEvent event) {
        allocations.addListener((key, latest) -> {
            if (latest.published().urgent()) {
                vaults.find(key).ifPresent(v -> request(v, latest.published()));
            }
        });
    }

    /** What the service asks the executor to buy after an urgent allocation; big numbers are decimal strings. */
    public record Request(
            long allocationNonce,
            String trigger,
            String venue,
            String quoter,
            int sleeve,
            String asset,
            String token,
            int tokenDecimals,
            int stableDecimals,
            String strike,
            double strikeUsd,
            long expiry,
            double coverage,
            double spot,
            double vol,
            String volSource,
            double tolerance) {}

    /** The quote as the executor posts it: big numbers as decimal strings (uint256 do not fit a JSON number). */
    public record QuoteBody(
            String buyer,
            String asset,
            String strike,
            Long expiry,
            String amount,
            String premium,
            Long quoteExpiry,
            String nonce) {}

    /** {@code POST …/protection-orders}: the urgent allocation that asked, the quote, its signature, the sleeve's balance. */
    public record OrderRequest(Long allocationNonce, QuoteBody quote, String quoteSignature, String sleeveBalance) {}

    /** A signed order as stored and returned: the order's fields, its signature, and what it was checked against. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SignedOrder(
            String vault,
            String venue,
            String quoteHash,
            String maxPremium,
            long nonce,
            long validUntil,
            String signature,
            String signer,
            long allocationNonce,
            String trigger,
            String servicePremium,
            double vol,
            String volSource,
            String strike,
            long expiry,
            String amount,
            String createdAt) {}

    private final Map<String, Optional<ProtectionVenueSpec>> specs = new ConcurrentHashMap<>();
    private final Map<String, Request> requests = new ConcurrentHashMap<>();

    public void declare(Vault vault, ProtectionVenueSpec spec) {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO vault_protection(vault, spec) VALUES (?,?)")) {
            ps.setString(1, vault.key());
            ps.setString(2, json.writeValueAsString(spec));
            ps.executeUpdate();
            db.durable(c);
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot store the protection venue of " + vault.address(), e);
        }
        specs.put(vault.key(), Optional.of(spec));
    }

    public Optional<ProtectionVenueSpec> venue(Vault vault) {
        return specs.computeIfAbsent(vault.key(), k -> {
            try (Connection c = db.connection();
                    PreparedStatement ps = c.prepareStatement("SELECT spec FROM vault_protection WHERE vault = ?")) {
                ps.setString(1, k);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next()
                            ? Optional.of(json.readValue(rs.getString(1), ProtectionVenueSpec.class))
                            : Optional.empty();
                }
            } catch (SQLException | java.io.IOException e) {
                throw new IllegalStateException("cannot read the protection venue of " + vault.address(), e);
            }
        });
    }

    /**
     * What to buy after {@code published}: empty unless it is urgent and the vault has a venue. Fixed once per
     * allocation (the first call decides strike and expiry), so every stream subscriber sees the same request and the
     * quote is checked against it.
     */
    public Optional<Request> request(Vault vault, Allocations.Published published) {
        if (!published.urgent()) {
            return Optional.empty();
        }
        Optional<ProtectionVenueSpec> spec = venue(vault);
        if (spec.isEmpty()) {
            return Optional.empty();
        }
        long nonce = published.allocation().nonce().longValueExact();
        Request r = requests.compute(vault.key(), (k, old) -> {
            if (old != null && old.allocationNonce() == nonce) {
                return old;
            }
            try {
                return ask(vault, spec.get(), nonce, published.trigger());
            } catch (ProblemException e) {
                // no spot or vol to ask with: the urgent allocation goes out without protection, and the log says so
                LOG.warnf("%s: urgent allocation %d asks for no puts: %s", vault.address(), nonce, e.getMessage());
                return old;
            }
        });
        return r != null && r.allocationNonce() == nonce ? Optional.of(r) : Optional.empty();
    }

    /** The protection asked for with the vault's latest urgent allocation, if any. */
    public Optional<Request> current(Vault vault) {
        return Optional.ofNullable(requests.get(vault.key()));
    }

    private Request ask(Vault vault, ProtectionVenueSpec s, long nonce, String trigger) {
        double spot = spot(vault, s.asset());
        double years = s.tenorDays() / YearFraction.DAYS_PER_YEAR;
        Vol vol = vol(vault, s.asset(), years);
        BigInteger strike = new BigDecimal(s.moneyness() * spot)
                .movePointRight(s.stableDecimals())
                .setScale(0, RoundingMode.HALF_EVEN)
                .toBigIntegerExact();
        long expiry = marketNow(s.asset()) + Math.round(s.tenorDays() * 86_400);
        return new Request(
                nonce,
                trigger,
                s.venue(),
                s.quoter(),
                vault.strategies().indexOf(s.sleeve()),
                s.asset(),
                s.token(),
                s.tokenDecimals(),
                s.stableDecimals(),
                strike.toString(),
                new BigDecimal(strike).movePointLeft(s.stableDecimals()).doubleValue(),
                expiry,
                s.coverage(),
                spot,
                vol.vol(),
                vol.source(),
                s.tolerance());
    }

    private record Vol(double vol, String source) {}

    /**
     * Unix seconds by the market's clock: the later of the wall clock and the asset's last tick, so that a market
     * replayed at an accelerated clock (the crash demo's chain runs an hour per block) gets expiries and validity in
     * its own time, and stale ticks never move it back.
     */
    private long marketNow(String asset) {
        long wall = Instant.now().getEpochSecond();
        Instant tick = feed.lastTime(asset);
        return tick == null ? wall : Math.max(wall, tick.getEpochSecond());
    }

    /** The feed's last price of the asset, else the book's spot. */
    private double spot(Vault vault, String asset) {
        MarketDataFeed.AssetView t = feed.snapshot().get(asset);
        if (t != null) {
            return t.price();
        }
        Underlying u = bookUnderlying(vault, asset);
        if (u == null) {
            throw ProblemException.conflict(
                    "protection",
                    "no price of " + asset + ": post one to /api/v1/market/prices or give the vault a book");
        }
        return u.spot();
    }

    /** The latest surface's ATM vol at the expiry nearest the tenor when it is of the asset, else EWMA, else book. */
    private Vol vol(Vault vault, String asset, double years) {
        JsonNode surface = null;
        try {
            surface = surfaces.latest();
        } catch (ProblemException e) {
            // no surface fitted since the start
        }
        if (surface != null && ofAsset(surface, asset)) {
            JsonNode best = null;
            for (JsonNode e : surface.path("expiries")) {
                if (e.path("atmVol").isNumber()
                        && (best == null
                                || Math.abs(e.path("T").asDouble() - years)
                                        < Math.abs(best.path("T").asDouble() - years))) {
                    best = e;
                }
            }
            if (best != null && best.path("atmVol").asDouble() > 0) {
                return new Vol(
                        best.path("atmVol").asDouble(),
                        "surface " + surface.path("fittedAt").asText() + " ATM vol at "
                                + best.path("expiry").asText());
            }
        }
        MarketDataFeed.AssetView t = feed.snapshot().get(asset);
        if (t != null && t.vol() != null) {
            return new Vol(t.vol(), "EWMA of the " + asset + " feed (" + t.returns() + " returns)");
        }
        Underlying u = bookUnderlying(vault, asset);
        if (u != null) {
            return new Vol(u.vol(), "the vault's book vol of " + asset);
        }
        throw ProblemException.conflict(
                "protection", "no vol of " + asset + ": no surface of it, no EWMA yet and no book underlying");
    }

    private static boolean ofAsset(JsonNode surface, String asset) {
        JsonNode points = surface.path("points");
        if (!points.isArray() || points.isEmpty()) {
            return false;
        }
        String prefix = asset.toUpperCase(Locale.ROOT) + "-";
        for (JsonNode p : points) {
            if (!p.path("instrument").asText("").toUpperCase(Locale.ROOT).startsWith(prefix)) {
                return false;
            }
        }
        return true;
    }

    private static Underlying bookUnderlying(Vault vault, String asset) {
        if (vault.book() == null) {
            return null;
        }
        return BookField.read(vault.book()).market().underlyings().stream()
                .filter(u -> u.name().equals(asset))
                .findFirst()
                .orElse(null);
    }

    /**
     * Checks the executor's quote against the request of {@code allocationNonce} and the service's own price, then
     * signs and stores the {@code Protection} order. 400 naming the field for a quote that is not what was asked for
     * or not the quoter's; 422 naming {@code premium} for one priced above the tolerance; 409 when nothing was asked.
     */
    public SignedOrder order(Vault vault, OrderRequest body) {
        if (body == null) {
            throw ProblemException.badRequest(
                    null, "request body is required: {\"allocationNonce\":…,\"quote\":{…},\"quoteSignature\":…}");
        }
        ProtectionVenueSpec s = venue(vault)
                .orElseThrow(() -> ProblemException.conflict(
                        "protection", "vault " + vault.address() + " has no protection venue"));
        if (body.allocationNonce() == null || body.allocationNonce() < 1) {
            throw ProblemException.badRequest(
                    "allocationNonce", "allocationNonce must name the urgent allocation that asked for protection");
        }
        Request r = requests.get(vault.key());
        if (r == null || r.allocationNonce() != body.allocationNonce()) {
            throw ProblemException.conflict(
                    "allocationNonce",
                    "no protection was asked with allocation " + body.allocationNonce() + " of " + vault.address()
                            + (r == null ? "" : " (the current request is allocation " + r.allocationNonce() + ")"));
        }
        Optional<SignedOrder> signed = list(vault, 20).stream()
                .filter(o -> o.allocationNonce() == r.allocationNonce())
                .findFirst();
        if (signed.isPresent()) {
            // one order per urgent allocation: an executor that restarts and sees the same allocation again cannot
            // buy twice (the next breach asks again)
            throw ProblemException.conflict(
                    "allocationNonce",
                    "order " + signed.get().nonce() + " was already signed for allocation " + r.allocationNonce());
        }
        PutQuote q = quote(body.quote());
        if (!q.buyer().equalsIgnoreCase(vault.address())) {
            throw ProblemException.badRequest(
                    "quote.buyer", "quote.buyer must be the vault " + vault.address() + ", got " + q.buyer());
        }
        if (!q.asset().equalsIgnoreCase(s.token())) {
            throw ProblemException.badRequest(
                    "quote.asset", "quote.asset must be the sleeve's token " + s.token() + ", got " + q.asset());
        }
        if (!q.strike().toString().equals(r.strike())) {
            throw ProblemException.badRequest(
                    "quote.strike", "quote.strike must be the requested " + r.strike() + ", got " + q.strike());
        }
        if (q.expiry() != r.expiry()) {
            throw ProblemException.badRequest(
                    "quote.expiry", "quote.expiry must be the requested " + r.expiry() + ", got " + q.expiry());
        }
        BigInteger balance = uint("sleeveBalance", body.sleeveBalance());
        BigInteger wanted = new BigDecimal(balance)
                .multiply(BigDecimal.valueOf(s.coverage()))
                .setScale(0, RoundingMode.FLOOR)
                .toBigIntegerExact();
        if (wanted.signum() == 0) {
            throw ProblemException.badRequest(
                    "sleeveBalance", "the sleeve holds too little to protect (" + balance + " token units)");
        }
        if (!q.amount().equals(wanted)) {
            throw ProblemException.badRequest(
                    "quote.amount",
                    "quote.amount must be coverage " + s.coverage() + " × sleeve balance " + balance + " = " + wanted
                            + ", got " + q.amount());
        }
        byte[] quoteHash = ProtectionTypedData.quoteDigest(vault.chainId(), s.venue(), q);
        String quoter;
        try {
            quoter = AllocationTypedData.recoverSigner(quoteHash, signature(body.quoteSignature()));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("quoteSignature", "quoteSignature: " + e.getMessage());
        }
        if (!quoter.equalsIgnoreCase(s.quoter())) {
            throw ProblemException.badRequest(
                    "quoteSignature", "quote signed by " + quoter + ", not the venue's quoter " + s.quoter());
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long marketNow = marketNow(s.asset());
        double years = (q.expiry() - marketNow) / YearFraction.SECONDS_PER_YEAR;
        if (!(years > 0)) {
            throw ProblemException.badRequest("quote.expiry", "quote.expiry is not in the future");
        }
        MarketDataFeed.AssetView t = feed.snapshot().get(s.asset());
        double spot = t == null ? r.spot() : t.price();
        double perUnit = BlackScholes.price(OptionType.PUT, spot, r.strikeUsd(), years, 0, r.vol());
        BigDecimal fair = BigDecimal.valueOf(perUnit)
                .multiply(new BigDecimal(q.amount()))
                .movePointLeft(s.tokenDecimals())
                .movePointRight(s.stableDecimals());
        BigInteger ceiling = fair.multiply(BigDecimal.valueOf(1 + s.tolerance()))
                .setScale(0, RoundingMode.CEILING)
                .toBigIntegerExact();
        String servicePremium =
                fair.setScale(0, RoundingMode.CEILING).toBigIntegerExact().toString();
        if (q.premium().compareTo(ceiling) > 0) {
            throw new ProblemException(
                    422,
                    "Quote too dear",
                    String.format(
                            Locale.ROOT,
                            "premium %s is above the service's Black–Scholes price %s (spot %.6g, strike %.6g, %.4f y, "
                                    + "vol %.4f from %s; no skew, no jumps, zero rate) plus the tolerance of %.0f%% (%s)",
                            q.premium(),
                            servicePremium,
                            spot,
                            r.strikeUsd(),
                            years,
                            r.vol(),
                            r.volSource(),
                            100 * s.tolerance(),
                            ceiling),
                    "premium");
        }
        return store(vault, s, r, q, quoteHash, servicePremium, now, marketNow);
    }

    private SignedOrder store(
            Vault vault,
            ProtectionVenueSpec s,
            Request r,
            PutQuote q,
            byte[] quoteHash,
            String servicePremium,
            Instant now,
            long marketNow) {
        long validUntil = marketNow + config.protection().orderValiditySeconds();
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement lock =
                        c.prepareStatement("SELECT address FROM vaults WHERE address = ? FOR UPDATE")) {
                    lock.setString(1, vault.key());
                    lock.executeQuery().close();
                }
                long nonce = 1;
                try (PreparedStatement ps =
                        c.prepareStatement("SELECT MAX(nonce) FROM protection_orders WHERE vault = ?")) {
                    ps.setString(1, vault.key());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            nonce = rs.getLong(1) + 1;
                        }
                    }
                }
                ProtectionOrder order =
                        new ProtectionOrder(vault.address(), s.venue(), quoteHash, q.premium(), nonce, validUntil);
                String signature = signer.signProtection(vault.chainId(), order);
                SignedOrder signed = new SignedOrder(
                        vault.address(),
                        s.venue(),
                        Numeric.toHexString(quoteHash),
                        q.premium().toString(),
                        nonce,
                        validUntil,
                        signature,
                        signer.address(),
                        r.allocationNonce(),
                        r.trigger(),
                        servicePremium,
                        r.vol(),
                        r.volSource(),
                        q.strike().toString(),
                        q.expiry(),
                        q.amount().toString(),
                        now.toString());
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO protection_orders(vault, nonce, "
                                + "allocation_nonce, trigger_text, venue, quote_hash, premium, service_premium, vol, vol_source, "
                                + "strike, expiry, amount, valid_until, signature, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                    ps.setString(1, vault.key());
                    ps.setLong(2, nonce);
                    ps.setLong(3, r.allocationNonce());
                    String trigger = r.trigger();
                    ps.setString(4, trigger != null && trigger.length() > 300 ? trigger.substring(0, 300) : trigger);
                    ps.setString(5, s.venue());
                    ps.setString(6, signed.quoteHash());
                    ps.setString(7, signed.maxPremium());
                    ps.setString(8, servicePremium);
                    ps.setDouble(9, r.vol());
                    ps.setString(10, cut(r.volSource(), 200));
                    ps.setString(11, signed.strike());
                    ps.setLong(12, q.expiry());
                    ps.setString(13, signed.amount());
                    ps.setLong(14, validUntil);
                    ps.setString(15, signature);
                    ps.setTimestamp(16, Timestamp.from(now));
                    ps.executeUpdate();
                }
                c.commit();
                db.durable(c);
                return signed;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the protection order of " + vault.address(), e);
        }
    }

    /** The vault's signed orders, newest first. */
    public List<SignedOrder> list(Vault vault, int limit) {
        List<SignedOrder> out = new ArrayList<>();
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("SELECT venue, quote_hash, premium, nonce, valid_until, "
                        + "signature, allocation_nonce, trigger_text, service_premium, vol, vol_source, strike, expiry, "
                        + "amount, created_at FROM protection_orders WHERE vault = ? ORDER BY nonce DESC LIMIT ?")) {
            ps.setString(1, vault.key());
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new SignedOrder(
                            vault.address(),
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getLong(4),
                            rs.getLong(5),
                            rs.getString(6),
                            signer.address(),
                            rs.getLong(7),
                            rs.getString(8),
                            rs.getString(9),
                            rs.getDouble(10),
                            rs.getString(11),
                            rs.getString(12),
                            rs.getLong(13),
                            rs.getString(14),
                            rs.getTimestamp(15).toInstant().toString()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the protection orders of " + vault.address(), e);
        }
        return out;
    }

    private static String cut(String s, int n) {
        return s.length() > n ? s.substring(0, n) : s;
    }

    private static PutQuote quote(QuoteBody b) {
        if (b == null) {
            throw ProblemException.badRequest("quote", "quote is required: {\"buyer\":…,\"asset\":…,…}");
        }
        address("quote.buyer", b.buyer());
        address("quote.asset", b.asset());
        if (b.expiry() == null || b.expiry() < 0) {
            throw ProblemException.badRequest("quote.expiry", "quote.expiry must be a unix second, got " + b.expiry());
        }
        if (b.quoteExpiry() == null || b.quoteExpiry() < 0) {
            throw ProblemException.badRequest(
                    "quote.quoteExpiry", "quote.quoteExpiry must be a unix second, got " + b.quoteExpiry());
        }
        return new PutQuote(
                b.buyer(),
                b.asset(),
                uint("quote.strike", b.strike()),
                b.expiry(),
                uint("quote.amount", b.amount()),
                uint("quote.premium", b.premium()),
                b.quoteExpiry(),
                uint("quote.nonce", b.nonce()));
    }

    private static void address(String field, String a) {
        Vault.checksumAddress(field, a);
    }

    private static BigInteger uint(String field, String text) {
        try {
            BigInteger v = new BigInteger(text == null ? "" : text);
            if (v.signum() < 0 || v.bitLength() > 256) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(field, field + " must be a uint256 as a decimal string, got " + text);
        }
    }

    private static byte[] signature(String hex) {
        if (hex == null || !hex.matches("0x[0-9a-fA-F]{130}")) {
            throw ProblemException.badRequest(
                    "quoteSignature", "quoteSignature must be 0x-hex of 65 bytes (r ‖ s ‖ v)");
        }
        return Numeric.hexStringToByteArray(hex);
    }
}
