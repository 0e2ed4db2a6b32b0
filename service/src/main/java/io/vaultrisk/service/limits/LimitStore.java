package io.vaultrisk.service.limits;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vaultrisk.service.db.Database;
import io.vaultrisk.service.error.ProblemException;
import io.vaultrisk.service.vault.Vault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Vaults' limits (one row per vault, replaced by PUT) and the stored limit evaluations. */
@ApplicationScoped
public class LimitStore {
    @Inject
    Database db;

    @Inject
    ObjectMapper json;

    /** A stored evaluation: its inputs replay it; {@code nonce} is the urgent allocation it published, if any. */
    public record Stored(
            long id,
            String vault,
            String reason,
            JsonNode inputs,
            JsonNode result,
            boolean breached,
            Long nonce,
            String createdAt) {}

    private final Map<String, LimitsRequest> cache = new ConcurrentHashMap<>();
    private volatile boolean loaded;

    public LimitsRequest put(Vault vault, LimitsRequest limits) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM vault_limits WHERE vault = ?");
                    PreparedStatement ins =
                            c.prepareStatement("INSERT INTO vault_limits(vault, limits, updated_at) VALUES (?,?,?)")) {
                del.setString(1, vault.key());
                del.executeUpdate();
                ins.setString(1, vault.key());
                ins.setString(2, json.writeValueAsString(limits));
                ins.setTimestamp(3, Timestamp.from(Instant.now()));
                ins.executeUpdate();
                c.commit();
            } catch (SQLException | RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
                c.rollback();
                throw e;
            }
            db.durable(c);
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot store the limits of " + vault.address(), e);
        }
        cache.put(vault.key(), limits);
        return limits;
    }

    public Optional<LimitsRequest> get(Vault vault) {
        return Optional.ofNullable(all().get(vault.key()));
    }

    /** Limits by vault key (lower-case address). */
    public Map<String, LimitsRequest> all() {
        if (!loaded) {
            synchronized (this) {
                if (!loaded) {
                    try (Connection c = db.connection();
                            PreparedStatement ps = c.prepareStatement("SELECT vault, limits FROM vault_limits");
                            ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            cache.putIfAbsent(rs.getString(1), json.readValue(rs.getString(2), LimitsRequest.class));
                        }
                    } catch (SQLException | java.io.IOException e) {
                        throw new IllegalStateException("cannot read vault limits", e);
                    }
                    loaded = true;
                }
            }
        }
        return cache;
    }

    public Stored store(Vault vault, String reason, JsonNode inputs, JsonNode result, boolean breached, Long nonce) {
        Instant now = Instant.now();
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO limit_evaluations(vault, reason, inputs, result, breached, nonce, created_at) "
                                + "VALUES (?,?,?,?,?,?,?)",
                        new String[] {"id"})) {
            ps.setString(1, vault.key());
            ps.setString(2, reason.length() > 300 ? reason.substring(0, 300) : reason);
            ps.setString(3, json.writeValueAsString(inputs));
            ps.setString(4, json.writeValueAsString(result));
            ps.setBoolean(5, breached);
            if (nonce == null) {
                ps.setNull(6, Types.BIGINT);
            } else {
                ps.setLong(6, nonce);
            }
            ps.setTimestamp(7, Timestamp.from(now));
            ps.executeUpdate();
            long id;
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
            return new Stored(id, vault.address(), reason, inputs, result, breached, nonce, now.toString());
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot store the limit evaluation of " + vault.address(), e);
        }
    }

    public Stored require(Vault vault, long id) {
        List<Stored> found = query(vault, "id = ?", id, 1);
        if (found.isEmpty()) {
            throw ProblemException.notFound("id", "vault " + vault.address() + " has no limit evaluation " + id);
        }
        return found.get(0);
    }

    /** Newest first. */
    public List<Stored> list(Vault vault, int limit) {
        return query(vault, "1 = 1", null, limit);
    }

    private List<Stored> query(Vault vault, String where, Long arg, int limit) {
        List<Stored> out = new ArrayList<>();
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("SELECT id, reason, inputs, result, breached, nonce, "
                        + "created_at FROM limit_evaluations WHERE vault = ? AND " + where
                        + " ORDER BY id DESC LIMIT ?")) {
            ps.setString(1, vault.key());
            int i = 2;
            if (arg != null) {
                ps.setLong(i++, arg);
            }
            ps.setInt(i, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long nonce = rs.getLong(6);
                    Long n = rs.wasNull() ? null : nonce;
                    out.add(new Stored(
                            rs.getLong(1),
                            vault.address(),
                            rs.getString(2),
                            json.readTree(rs.getString(3)),
                            json.readTree(rs.getString(4)),
                            rs.getBoolean(5),
                            n,
                            rs.getTimestamp(7).toInstant().toString()));
                }
            }
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("cannot read limit evaluations of " + vault.address(), e);
        }
        return out;
    }
}
