package io.vaultrisk.service.vault;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vaultrisk.protocol.BasisPoints;
import io.vaultrisk.service.db.Database;
import io.vaultrisk.service.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** What executors report back about allocations: executed on chain (with the weights they hold now) or refused. */
@ApplicationScoped
public class ExecutorEvents {
    private static final Pattern TX = Pattern.compile("0x[0-9a-fA-F]{64}");
    static final int MAX_REASON = 500;

    @Inject
    Database db;

    @Inject
    ObjectMapper json;

    /**
     * The body of {@code POST …/executor-events}; {@code inputsHash} (optional, executed only) is the receipt inputs
     * hash the vault emitted in {@code Rebalanced}.
     */
    public record Report(
            String nonce,
            String kind,
            String reason,
            String tx,
            Long block,
            List<Integer> weightsBps,
            String inputsHash) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Event(
            long id,
            String vault,
            long nonce,
            String kind,
            String reason,
            String tx,
            Long block,
            List<Integer> weightsBps,
            String inputsHash,
            String createdAt) {}

    public Event record(Vault vault, Report r, String keyId) {
        if (r == null) {
            throw ProblemException.badRequest(null, "request body is required: {\"nonce\":…,\"kind\":…}");
        }
        long nonce;
        try {
            BigInteger n = new BigInteger(r.nonce() == null ? "" : r.nonce());
            if (n.signum() <= 0 || n.bitLength() > 63) {
                throw new NumberFormatException();
            }
            nonce = n.longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw ProblemException.badRequest("nonce", "nonce must be a positive decimal integer string");
        }
        if (!"executed".equals(r.kind()) && !"refused".equals(r.kind())) {
            throw ProblemException.badRequest("kind", "kind must be executed or refused");
        }
        if (r.reason() != null
                && (r.reason().length() > MAX_REASON || r.reason().chars().anyMatch(Character::isISOControl))) {
            throw ProblemException.badRequest(
                    "reason", "reason must be at most " + MAX_REASON + " characters without control characters");
        }
        if ("refused".equals(r.kind()) && (r.reason() == null || r.reason().isBlank())) {
            throw ProblemException.badRequest("reason", "a refusal must say why");
        }
        if (r.tx() != null && !TX.matcher(r.tx()).matches()) {
            throw ProblemException.badRequest("tx", "tx must be a 0x-prefixed 32-byte hex transaction hash");
        }
        if (r.inputsHash() != null && !TX.matcher(r.inputsHash()).matches()) {
            throw ProblemException.badRequest("inputsHash", "inputsHash must be 0x and 64 hex digits");
        }
        if (r.block() != null && r.block() < 0) {
            throw ProblemException.badRequest("block", "block must be a non-negative block number");
        }
        if (r.weightsBps() != null) {
            BasisPoints.validate(
                    "weightsBps", r.weightsBps(), vault.strategies().size());
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO executor_events(vault, nonce, kind, reason, tx, block, weights_bps, key_id, "
                                + "created_at, inputs_hash) VALUES (?,?,?,?,?,?,?,?,?,?)",
                        new String[] {"id"})) {
            ps.setString(1, vault.key());
            ps.setLong(2, nonce);
            ps.setString(3, r.kind());
            ps.setString(4, r.reason());
            ps.setString(5, r.tx());
            if (r.block() == null) {
                ps.setNull(6, Types.BIGINT);
            } else {
                ps.setLong(6, r.block());
            }
            ps.setString(7, r.weightsBps() == null ? null : json.writeValueAsString(r.weightsBps()));
            ps.setString(8, keyId);
            ps.setTimestamp(9, Timestamp.from(now));
            String hash = r.inputsHash() == null ? null : r.inputsHash().toLowerCase(java.util.Locale.ROOT);
            ps.setString(10, hash);
            ps.executeUpdate();
            long id;
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
            db.durable(c);
            return new Event(
                    id,
                    vault.address(),
                    nonce,
                    r.kind(),
                    r.reason(),
                    r.tx(),
                    r.block(),
                    r.weightsBps(),
                    hash,
                    now.toString());
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot store the executor event of " + vault.address(), e);
        }
    }

    /** Newest first; {@code kind} null for both kinds. */
    public List<Event> list(Vault vault, String kind, int limit) {
        List<Event> out = new ArrayList<>();
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT id, nonce, kind, reason, tx, block, weights_bps, created_at, inputs_hash FROM executor_events "
                                + "WHERE vault = ? AND (? IS NULL OR kind = ?) ORDER BY id DESC LIMIT ?")) {
            ps.setString(1, vault.key());
            ps.setString(2, kind);
            ps.setString(3, kind);
            ps.setInt(4, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long block = rs.getLong(6);
                    Long b = rs.wasNull() ? null : block;
                    String w = rs.getString(7);
                    out.add(new Event(
                            rs.getLong(1),
                            vault.address(),
                            rs.getLong(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            b,
                            w == null ? null : json.readValue(w, new TypeReference<List<Integer>>() {}),
                            rs.getString(9),
                            rs.getTimestamp(8).toInstant().toString()));
                }
            }
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("cannot read executor events of " + vault.address(), e);
        }
        return out;
    }

    /** The latest executed event that reported the weights the vault holds, if any. */
    public Optional<Event> latestHoldings(Vault vault) {
        return list(vault, "executed", 20).stream()
                .filter(e -> e.weightsBps() != null)
                .findFirst();
    }
}
