package io.vaultrisk.service.vault;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vaultrisk.protocol.BasisPoints;
import io.vaultrisk.protocol.InvalidWeightsException;
import io.vaultrisk.service.db.Database;
import io.vaultrisk.service.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * What each vault holds on chain, as its executor reports it (weights in basis points at a block number): the
 * reference the next allocation's turnover and its cost are measured from. Reports only move forward in blocks: an
 * older block than the newest stored is a 409, the same block again with the same weights is accepted (a retry).
 */
@ApplicationScoped
public class Holdings {
    @Inject
    Database db;

    @Inject
    ObjectMapper json;

    /** Weights in basis points in the vault's sleeve order, at a block, and when the service was told. */
    public record Holding(List<Integer> weightsBps, long blockNumber, Instant reportedAt) {}

    public Holding report(Vault vault, List<Integer> weightsBps, Long blockNumber) {
        List<Integer> bps;
        try {
            bps = BasisPoints.validate(
                    "weightsBps", weightsBps, vault.strategies().size());
        } catch (InvalidWeightsException e) {
            throw ProblemException.badRequest(e.field(), e.getMessage());
        }
        if (blockNumber == null || blockNumber < 0) {
            throw ProblemException.badRequest(
                    "blockNumber", "blockNumber (the block the weights were read at) must be >= 0, got " + blockNumber);
        }
        Holding holding = new Holding(bps, blockNumber, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement lock =
                        c.prepareStatement("SELECT address FROM vaults WHERE address = ? FOR UPDATE")) {
                    lock.setString(1, vault.key());
                    lock.executeQuery().close();
                }
                Optional<Holding> newest = newest(c, vault);
                if (newest.isPresent() && newest.get().blockNumber() >= blockNumber) {
                    c.rollback();
                    Holding n = newest.get();
                    if (n.blockNumber() == blockNumber && n.weightsBps().equals(bps)) {
                        return n;
                    }
                    throw ProblemException.conflict(
                            "blockNumber",
                            "holdings at block " + n.blockNumber() + " are already reported"
                                    + (n.blockNumber() == blockNumber ? " with other weights" : "")
                                    + "; report a later block");
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO vault_holdings(vault, block_number, "
                        + "weights_bps, reported_at) VALUES (?,?,?,?)")) {
                    ps.setString(1, vault.key());
                    ps.setLong(2, blockNumber);
                    ps.setString(3, json.writeValueAsString(bps));
                    ps.setTimestamp(4, Timestamp.from(holding.reportedAt()));
                    ps.executeUpdate();
                }
                c.commit();
                db.durable(c);
            } catch (SQLException | RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot store the holdings of " + vault.address(), e);
        }
        return holding;
    }

    /** The newest report, if the executor has sent one. */
    public Optional<Holding> latest(Vault vault) {
        try (Connection c = db.connection()) {
            return newest(c, vault);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the holdings of " + vault.address(), e);
        }
    }

    private Optional<Holding> newest(Connection c, Vault vault) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT block_number, weights_bps, reported_at FROM "
                + "vault_holdings WHERE vault = ? ORDER BY block_number DESC LIMIT 1")) {
            ps.setString(1, vault.key());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Holding(
                        json.readValue(rs.getString(2), new TypeReference<List<Integer>>() {}),
                        rs.getLong(1),
                        rs.getTimestamp(3).toInstant()));
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored holdings of " + vault.address() + " are not a list", e);
        }
    }
}
