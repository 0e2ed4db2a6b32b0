package io.vaultrisk.service.allocation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vaultrisk.allocator.AllocationReplay;
import io.vaultrisk.protocol.Allocation;
import io.vaultrisk.protocol.BasisPoints;
import io.vaultrisk.protocol.SignedAllocation;
import io.vaultrisk.service.config.ServiceConfig;
import io.vaultrisk.service.db.Database;
import io.vaultrisk.service.signing.ReferencePrices;
import io.vaultrisk.service.signing.Signer;
import io.vaultrisk.service.vault.Vault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.jboss.logging.Logger;

/**
 * Signs and publishes allocations. The next nonce is chosen while the vault's row is locked (SELECT … FOR UPDATE), and
 * (vault, nonce) is unique in the database, so nonces strictly increase per vault even across service instances.
 * Rows are never updated: the latest allocation of a vault is cached with its serialized body for executors' polls.
 */
@ApplicationScoped
public class Allocations {
    private static final Logger LOG = Logger.getLogger(Allocations.class);

    @Inject
    Database db;

    @Inject
    Signer signer;

    @Inject
    ServiceConfig config;

    @Inject
    ObjectMapper json;

    /** Trigger of an allocation published on request or by schedule (and of every allocation stored before it). */
    public static final String SCHEDULED = "scheduled";

    /**
     * A published allocation as the service serves it: the signed allocation's fields and, unsigned beside them,
     * whether it is urgent (a limit breach: executors act at once, up to their higher gas ceiling) and what triggered
     * it ("scheduled", "breach: ES99 1d 14.2% > 12%", "regime: …").
     */
    public record Published(@JsonUnwrapped SignedAllocation allocation, boolean urgent, String trigger) {}

    /** What the latest-allocation endpoint serves: the body bytes and their ETag, computed once per publication. */
    public record Latest(Published published, byte[] body, String etag) {
        public SignedAllocation allocation() {
            return published.allocation();
        }
    }

    private final Map<String, Optional<Latest>> latest = new ConcurrentHashMap<>();

    /** Called after every publication (on the publishing thread): the vault's key and what is now its latest. */
    private final List<BiConsumer<String, Latest>> listeners = new CopyOnWriteArrayList<>();

    public void addListener(BiConsumer<String, Latest> listener) {
        listeners.add(listener);
    }

    public void removeListener(BiConsumer<String, Latest> listener) {
        listeners.remove(listener);
    }

    public SignedAllocation publish(Vault vault, List<Integer> weightsBps, String jobId) {
        return publish(vault, weightsBps, jobId, null, false, SCHEDULED, ReferencePrices.NONE)
                .allocation();
    }

    /**
     * The inputs an allocation was computed from ({@code AllocationReplay}'s form) and the optimiser's fractional
     * weights (null when the weights were given): stored as the allocation's receipt, in the same transaction.
     */
    public record ReceiptInputs(JsonNode inputs, double[] weights) {}

    /**
     * A published allocation's receipt, as {@code GET …/allocations/{nonce}/receipt} serves it: {@code inputsHash} is
     * the SHA-256 of {@code inputs} and the one signed inside {@code allocation} (EIP-712 type version 3), which the
     * vault emits in {@code Rebalanced}; the allocation's own signature binds the two, no second signature is needed.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Receipt(
            JsonNode inputs, String inputsHash, double[] weights, SignedAllocation allocation, String signer) {}

    public SignedAllocation publish(Vault vault, List<Integer> weightsBps, String jobId, ReceiptInputs receipt) {
        return publish(vault, weightsBps, jobId, receipt, false, SCHEDULED, ReferencePrices.NONE)
                .allocation();
    }

    /** As above, signed with the reference prices the weights were computed on. */
    public SignedAllocation publish(Vault vault, List<Integer> weightsBps, String jobId, ReferencePrices prices) {
        return publish(vault, weightsBps, jobId, null, false, SCHEDULED, prices).allocation();
    }

    /** Signs and publishes; {@code urgent} and {@code trigger} are stored beside the signed allocation, not signed. */
    public Published publish(Vault vault, List<Integer> weightsBps, String jobId, boolean urgent, String trigger) {
        return publish(vault, weightsBps, jobId, null, urgent, trigger, ReferencePrices.NONE);
    }

    /** As above, signed with the reference prices the weights were computed on (checked by the vault). */
    public Published publish(
            Vault vault,
            List<Integer> weightsBps,
            String jobId,
            boolean urgent,
            String trigger,
            ReferencePrices prices) {
        return publish(vault, weightsBps, jobId, null, urgent, trigger, prices);
    }

    /**
     * Signs and publishes, with the receipt's inputs when given (null: none) and the reference prices the weights
     * were computed on (signed, checked by the vault); {@code urgent} and {@code trigger} are stored beside the signed
     * allocation, not signed.
     */
    public Published publish(
            Vault vault,
            List<Integer> weightsBps,
            String jobId,
            ReceiptInputs receipt,
            boolean urgent,
            String trigger,
            ReferencePrices prices) {
        List<Integer> bps = BasisPoints.validate(
                "weightsBps", weightsBps, vault.strategies().size());
        // hashed before signing: the hash the receipt carries is the one signed into the allocation
        String inputsHash = receipt == null ? Allocation.NO_INPUTS : AllocationReplay.inputsHash(receipt.inputs());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long validUntil = now.getEpochSecond() + config.allocation().validitySeconds();
        Published published;
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement lock =
                        c.prepareStatement("SELECT address FROM vaults WHERE address = ? FOR UPDATE")) {
                    lock.setString(1, vault.key());
                    lock.executeQuery().close();
                }
                if (jobId != null) {
                    // the job row decides, under its lock: a job cancelled meanwhile publishes nothing
                    try (PreparedStatement ps = c.prepareStatement("SELECT status FROM jobs WHERE id = ? FOR UPDATE")) {
                        ps.setString(1, jobId);
                        try (ResultSet rs = ps.executeQuery()) {
                            if (rs.next() && !"running".equals(rs.getString(1))) {
                                throw new CancellationException("job " + jobId + " is no longer running");
                            }
                        }
                    }
                    // a job re-run after a crash that had already published: the same signed allocation, not a second
                    Optional<Published> done =
                            select(c, vault, "job_id = ? ORDER BY nonce DESC LIMIT 1", ps -> ps.setString(2, jobId));
                    if (done.isPresent()) {
                        c.commit();
                        return done.get();
                    }
                }
                long nonce = 1;
                try (PreparedStatement ps = c.prepareStatement("SELECT MAX(nonce) FROM allocations WHERE vault = ?")) {
                    ps.setString(1, vault.key());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            nonce = rs.getLong(1) + 1;
                        }
                    }
                }
                SignedAllocation signed = signer.sign(
                        vault.chainId(),
                        Allocation.of(vault.address(), nonce, validUntil, bps).withInputsHash(inputsHash),
                        vault.strategies(),
                        now,
                        prices.pricesX18().size() == bps.size() ? prices : ReferencePrices.NONE);
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO allocations(vault, chain_id, nonce, "
                        + "valid_until, strategies, weights_bps, digest, signature, signer, job_id, created_at, urgent, "
                        + "trigger_text, reference_prices, reference_price_source, inputs_hash) "
                        + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                    ps.setString(1, vault.key());
                    ps.setLong(2, signed.chainId());
                    ps.setLong(3, nonce);
                    ps.setLong(4, validUntil);
                    ps.setString(5, json.writeValueAsString(signed.strategies()));
                    ps.setString(6, json.writeValueAsString(bps));
                    ps.setString(7, signed.digest());
                    ps.setString(8, signed.signature());
                    ps.setString(9, signed.signer());
                    ps.setString(10, jobId);
                    ps.setTimestamp(11, Timestamp.from(now));
                    ps.setBoolean(12, urgent);
                    ps.setString(13, trigger);
                    ps.setString(
                            14,
                            json.writeValueAsString(signed.referencePricesX18().stream()
                                    .map(BigInteger::toString)
                                    .toList()));
                    ps.setString(15, signed.referencePriceSource());
                    ps.setString(16, signed.inputsHash());
                    ps.executeUpdate();
                }
                if (receipt != null) {
                    insertReceipt(c, vault, signed, receipt.inputs(), receipt.weights());
                }
                published = new Published(signed, urgent, trigger);
                c.commit();
                // before the cache below serves it: a nonce once served is on disk
                db.durable(c);
            } catch (SQLException | RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot publish the allocation of " + vault.address(), e);
        }
        Latest entry = cacheEntry(published);
        latest.put(vault.key(), Optional.of(entry));
        for (BiConsumer<String, Latest> l : listeners) {
            try {
                l.accept(vault.key(), entry);
            } catch (RuntimeException e) {
                LOG.warnf("allocation listener failed: %s", e.toString());
            }
        }
        return published;
    }

    private void insertReceipt(Connection c, Vault vault, SignedAllocation signed, JsonNode inputs, double[] weights)
            throws SQLException, com.fasterxml.jackson.core.JsonProcessingException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO allocation_receipts(vault, nonce, inputs, inputs_hash, weights) VALUES (?,?,?,?,?)")) {
            ps.setString(1, vault.key());
            ps.setLong(2, signed.nonce().longValueExact());
            ps.setString(3, AllocationReplay.canonical(inputs));
            ps.setString(4, signed.inputsHash());
            ps.setString(5, weights == null ? null : json.writeValueAsString(weights));
            ps.executeUpdate();
        }
    }

    /** The receipt of the vault's allocation {@code nonce}; empty when there is no such allocation or no receipt. */
    public Optional<Receipt> receipt(Vault vault, long nonce) {
        try (Connection c = db.connection()) {
            Optional<SignedAllocation> signed =
                    select(c, vault, "nonce = ?", ps -> ps.setLong(2, nonce)).map(Published::allocation);
            if (signed.isEmpty()) {
                return Optional.empty();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT inputs, inputs_hash, weights FROM allocation_receipts WHERE vault = ? AND nonce = ?")) {
                ps.setString(1, vault.key());
                ps.setLong(2, nonce);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    String weights = rs.getString(3);
                    return Optional.of(new Receipt(
                            json.readTree(rs.getString(1)),
                            rs.getString(2),
                            weights == null ? null : json.readValue(weights, double[].class),
                            signed.get(),
                            signed.get().signer()));
                }
            }
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("cannot read the receipt of " + vault.address() + " nonce " + nonce, e);
        }
    }

    /** The cached latest allocation without touching the database: null when not loaded yet. */
    public Optional<Latest> cachedLatest(Vault vault) {
        return latest.get(vault.key());
    }

    public Optional<Latest> latest(Vault vault) {
        return latest.computeIfAbsent(
                vault.key(), k -> history(vault, 1).stream().findFirst().map(this::cacheEntry));
    }

    /** Newest first. */
    public List<Published> history(Vault vault, int limit) {
        try (Connection c = db.connection()) {
            return selectAll(c, vault, "1 = 1 ORDER BY nonce DESC LIMIT ?", ps -> ps.setInt(2, limit));
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("cannot read allocations of " + vault.address(), e);
        }
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private Optional<Published> select(Connection c, Vault vault, String where, Binder binder) throws SQLException {
        try {
            return selectAll(c, vault, where, binder).stream().findFirst();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read allocations of " + vault.address(), e);
        }
    }

    private List<Published> selectAll(Connection c, Vault vault, String where, Binder binder)
            throws SQLException, java.io.IOException {
        List<Published> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT chain_id, nonce, valid_until, strategies, weights_bps, "
                + "digest, signature, signer, created_at, urgent, trigger_text, reference_prices, reference_price_source, "
                + "inputs_hash FROM allocations "
                + "WHERE vault = ? AND " + where)) {
            ps.setString(1, vault.key());
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    SignedAllocation a = new SignedAllocation(
                            vault.address(),
                            rs.getLong(1),
                            BigInteger.valueOf(rs.getLong(2)),
                            BigInteger.valueOf(rs.getLong(3)),
                            json.readValue(rs.getString(4), new TypeReference<List<String>>() {}),
                            json.readValue(rs.getString(5), new TypeReference<List<Integer>>() {}),
                            rs.getString(6),
                            rs.getString(7),
                            rs.getString(8),
                            rs.getTimestamp(9).toInstant().toString(),
                            json.readValue(rs.getString(12), new TypeReference<List<String>>() {}).stream()
                                    .map(BigInteger::new)
                                    .toList(),
                            rs.getString(13),
                            rs.getString(14));
                    out.add(new Published(a, rs.getBoolean(10), rs.getString(11)));
                }
            }
        }
        return out;
    }

    private Latest cacheEntry(Published p) {
        SignedAllocation a = p.allocation();
        try {
            return new Latest(
                    p,
                    json.writeValueAsBytes(p),
                    "\"" + a.nonce() + "-" + a.digest().substring(2, 18) + "\"");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
