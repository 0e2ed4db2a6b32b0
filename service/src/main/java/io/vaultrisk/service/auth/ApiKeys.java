package io.vaultrisk.service.auth;

import io.quarkus.runtime.StartupEvent;
import io.vaultrisk.service.config.ServiceConfig;
import io.vaultrisk.service.db.Database;
import io.vaultrisk.service.error.ProblemException;
import io.vaultrisk.service.support.SecretFiles;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * API keys. A key reads {@code vr_<id>_<secret>}: the id finds the row, the secret is checked against
 * HMAC-SHA-256(pepper, salt ‖ secret), the pepper living in the data directory, not in the database, so a leaked
 * database alone does not allow offline guessing. Rows are cached in memory: checking a key costs one HMAC.
 */
@ApplicationScoped
public class ApiKeys {
    private static final Logger LOG = Logger.getLogger(ApiKeys.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    @Inject
    Database db;

    @Inject
    ServiceConfig config;

    private final Map<String, ApiKey> cache = new ConcurrentHashMap<>();
    private volatile byte[] pepper;

    /** A key just created: the only moment its plain text exists. */
    public record Created(ApiKey key, String plainText) {}

    void onStart(@Observes @Priority(10) StartupEvent event) throws Exception {
        pepper = SecretFiles.readOrCreate(config.dataDir().resolve("pepper.key"), () -> randomBytes(32));
        reload();
        boolean hasAdmin =
                cache.values().stream().anyMatch(k -> !k.revoked() && k.roles().contains(Role.ADMIN));
        if (!hasAdmin) {
            Created admin = create("bootstrap-admin", EnumSet.of(Role.ADMIN), List.of());
            Path file = config.dataDir().resolve(config.apiKeys().bootstrapFile());
            SecretFiles.write(file, (admin.plainText() + "\n").getBytes(StandardCharsets.US_ASCII));
            LOG.infof(
                    "no admin API key existed: created key %s and wrote it to %s",
                    admin.key().id(), file);
        }
    }

    public Optional<ApiKey> verify(String presented) {
        if (presented == null || !presented.startsWith("vr_")) {
            return Optional.empty();
        }
        int sep = presented.indexOf('_', 3);
        if (sep < 0) {
            return Optional.empty();
        }
        ApiKey key = cache.get(presented.substring(3, sep));
        if (key == null || key.revoked()) {
            return Optional.empty();
        }
        byte[] expected = HEX.parseHex(key.hash());
        byte[] actual = hmac(HEX.parseHex(key.salt()), presented.substring(sep + 1));
        return MessageDigest.isEqual(expected, actual) ? Optional.of(key) : Optional.empty();
    }

    public Created create(String name, Set<Role> roles, List<String> vaultList) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw ProblemException.badRequest("name", "name must be 1..200 characters");
        }
        if (name.codePoints().anyMatch(cp -> Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT)) {
            // a name is printed in logs and listings: no line breaks, escapes or invisible direction marks
            throw ProblemException.badRequest("name", "name must not contain control or format characters");
        }
        if (roles == null || roles.isEmpty()) {
            throw ProblemException.badRequest("roles", "roles must name at least one of risk, executor, admin");
        }
        Set<String> vaults = new TreeSet<>();
        for (int i = 0; vaultList != null && i < vaultList.size(); i++) {
            String v = vaultList.get(i);
            if (v == null || !v.matches("0x[0-9a-fA-F]{40}")) {
                throw ProblemException.badRequest("vaults[" + i + "]", "a vault is a 0x address of 40 hex digits");
            }
            vaults.add(v.toLowerCase(Locale.ROOT));
        }
        if (!vaults.isEmpty() && roles.contains(Role.ADMIN)) {
            // an admin key creates keys and registers vaults: a scope on it would be a false sense of safety
            throw ProblemException.badRequest("vaults", "an admin key cannot be scoped to vaults");
        }
        String id = HEX.formatHex(randomBytes(8));
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
        byte[] salt = randomBytes(16);
        ApiKey key = new ApiKey(
                id, name, roles, vaults, HEX.formatHex(salt), HEX.formatHex(hmac(salt, secret)), false, Instant.now());
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO api_keys(id, name, roles, salt, hash, revoked, created_at, vaults) "
                                + "VALUES (?,?,?,?,?,?,?,?)")) {
            ps.setString(1, key.id());
            ps.setString(2, key.name());
            ps.setString(3, rolesText(key.roles()));
            ps.setString(4, key.salt());
            ps.setString(5, key.hash());
            ps.setBoolean(6, false);
            ps.setTimestamp(7, Timestamp.from(key.createdAt()));
            ps.setString(8, vaults.isEmpty() ? null : String.join(",", vaults));
            ps.executeUpdate();
            db.durable(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store API key", e);
        }
        cache.put(id, key);
        return new Created(key, "vr_" + id + "_" + secret);
    }

    public List<ApiKey> list() {
        List<ApiKey> all = new ArrayList<>(cache.values());
        all.sort((a, b) -> a.createdAt().compareTo(b.createdAt()));
        return all;
    }

    public synchronized ApiKey revoke(String id) {
        ApiKey key = cache.get(id);
        if (key == null) {
            throw ProblemException.notFound("id", "no API key with id " + id);
        }
        if (!key.revoked()
                && key.holds(Role.ADMIN)
                && cache.values().stream().noneMatch(k -> !k.revoked() && k.holds(Role.ADMIN) && !k.id().equals(id))) {
            throw ProblemException.conflict(
                    "id", "key " + id + " is the last admin key; create another admin key before revoking it");
        }
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("UPDATE api_keys SET revoked = TRUE WHERE id = ?")) {
            ps.setString(1, id);
            ps.executeUpdate();
            db.durable(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot revoke API key", e);
        }
        ApiKey revoked = key.asRevoked();
        cache.put(id, revoked);
        return revoked;
    }

    private void reload() throws SQLException {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT id, name, roles, salt, hash, revoked, created_at, vaults FROM api_keys");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Set<Role> roles = Arrays.stream(rs.getString(3).split(","))
                        .map(Role::parse)
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
                cache.put(
                        rs.getString(1),
                        new ApiKey(
                                rs.getString(1),
                                rs.getString(2),
                                roles,
                                rs.getString(8) == null
                                        ? Set.of()
                                        : Set.of(rs.getString(8).split(",")),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getBoolean(6),
                                rs.getTimestamp(7).toInstant()));
            }
        }
    }

    private static String rolesText(Set<Role> roles) {
        return roles.stream().sorted().map(Role::id).collect(Collectors.joining(","));
    }

    // one initialised Mac per thread: keys are checked on every request, on the I/O threads
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(() -> {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(pepper, "HmacSHA256"));
            return mac;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });

    private byte[] hmac(byte[] salt, String secret) {
        Mac mac = macs.get();
        mac.reset();
        mac.update(salt);
        return mac.doFinal(secret.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
