package io.vaultrisk.service.vault;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vaultrisk.service.db.Database;
import io.vaultrisk.service.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Registered vaults, keyed by lower-case address; cached because executors poll them constantly. */
@ApplicationScoped
public class Vaults {
    @Inject
    Database db;

    @Inject
    ObjectMapper json;

    private final Map<String, Vault> cache = new ConcurrentHashMap<>();

    public Vault register(Vault vault) {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO vaults(address, chain_id, strategies, book, created_at, caps_bps) VALUES (?,?,?,?,?,?)")) {
            if (find(vault.address()).isPresent()) {
                throw ProblemException.conflict("address", "vault " + vault.address() + " is already registered");
            }
            ps.setString(1, vault.key());
            ps.setLong(2, vault.chainId());
            ps.setString(3, json.writeValueAsString(vault.strategies()));
            ps.setString(4, vault.book() == null ? null : json.writeValueAsString(vault.book()));
            ps.setTimestamp(5, Timestamp.from(vault.createdAt()));
            ps.setString(6, vault.capsBps() == null ? null : json.writeValueAsString(vault.capsBps()));
            ps.executeUpdate();
            db.durable(c);
        } catch (SQLException e) {
            if (find(vault.address()).isPresent()) {
                throw ProblemException.conflict("address", "vault " + vault.address() + " is already registered");
            }
            throw new IllegalStateException("cannot store vault", e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        cache.put(vault.key(), vault);
        return vault;
    }

    /** The vault if it is in memory, else null (no database access: safe on the I/O thread). */
    public Vault cached(String address) {
        return cache.get(address.toLowerCase(Locale.ROOT));
    }

    public Optional<Vault> find(String address) {
        String key = address.toLowerCase(Locale.ROOT);
        Vault cached = cache.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        List<Vault> found = query(
                "SELECT address, chain_id, strategies, book, created_at, caps_bps FROM vaults WHERE address = ?", key);
        found.forEach(v -> cache.put(v.key(), v));
        return found.stream().findFirst();
    }

    /** The vault at a path's {address}, or a 404 naming it. */
    public Vault require(String address) {
        return require("address", address);
    }

    /** The vault a request names in {@code field}: a malformed address is a 400 naming that field, an unknown one a 404. */
    public Vault require(String field, String address) {
        String checksummed = Vault.checksumAddress(field, address);
        return find(checksummed)
                .orElseThrow(() -> ProblemException.notFound("vault", "no vault " + checksummed + " is registered"));
    }

    public List<Vault> all() {
        return query(
                "SELECT address, chain_id, strategies, book, created_at, caps_bps FROM vaults ORDER BY created_at",
                null);
    }

    private List<Vault> query(String sql, String arg) {
        List<Vault> out = new ArrayList<>();
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            if (arg != null) {
                ps.setString(1, arg);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String book = rs.getString(4);
                    String caps = rs.getString(6);
                    out.add(new Vault(
                            org.web3j.crypto.Keys.toChecksumAddress(rs.getString(1)),
                            rs.getLong(2),
                            json.readValue(rs.getString(3), new TypeReference<List<String>>() {}),
                            book == null ? null : json.readTree(book),
                            rs.getTimestamp(5).toInstant(),
                            caps == null ? null : json.readValue(caps, new TypeReference<List<Integer>>() {})));
                }
            }
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("cannot read vaults", e);
        }
        return out;
    }
}
