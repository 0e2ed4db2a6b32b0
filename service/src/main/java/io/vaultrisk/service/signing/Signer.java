package io.vaultrisk.service.signing;

import io.quarkus.runtime.StartupEvent;
import io.vaultrisk.protocol.Allocation;
import io.vaultrisk.protocol.ProtectionOrder;
import io.vaultrisk.protocol.ProtectionTypedData;
import io.vaultrisk.protocol.SignedAllocation;
import io.vaultrisk.service.config.ServiceConfig;
import io.vaultrisk.service.support.SecretFiles;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

/**
 * The service's risk-signer key: created on first start and kept (hex, permissions 600) in the data directory or
 * where {@code vaultrisk.signer.key-file} says. Only its address is ever logged or returned.
 */
@ApplicationScoped
public class Signer {
    private static final Logger LOG = Logger.getLogger(Signer.class);

    @Inject
    ServiceConfig config;

    private volatile ECKeyPair keyPair;
    private volatile String address;

    void onStart(@Observes @Priority(5) StartupEvent event) throws Exception {
        Path file = config.signer().keyFile().orElse(config.dataDir().resolve("signer.key"));
        byte[] hex = SecretFiles.readOrCreate(file, () -> {
            try {
                return Numeric.toHexStringNoPrefixZeroPadded(
                                Keys.createEcKeyPair().getPrivateKey(), 64)
                        .getBytes(StandardCharsets.US_ASCII);
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException("cannot create the signer key", e);
            }
        });
        keyPair = ECKeyPair.create(Numeric.toBigInt(new String(hex, StandardCharsets.US_ASCII).trim()));
        address = Keys.toChecksumAddress(Keys.getAddress(keyPair));
        LOG.infof("allocation signer %s (key file %s)", address, file);
    }

    public String address() {
        return address;
    }

    /** The allocation signed with this key over its EIP-712 digest on {@code chainId}, as executors receive it. */
    public SignedAllocation sign(long chainId, Allocation allocation, List<String> strategies, Instant createdAt) {
        return SignedAllocation.sign(chainId, allocation, strategies, keyPair, createdAt);
    }

    /** As {@link #sign}, the allocation carrying {@code prices} (signed) and their source (beside, not signed). */
    public SignedAllocation sign(
            long chainId, Allocation allocation, List<String> strategies, Instant createdAt, ReferencePrices prices) {
        return SignedAllocation.sign(
                chainId,
                allocation.withReferencePrices(prices.pricesX18()),
                strategies,
                keyPair,
                createdAt,
                prices.source());
    }

    /** A protective-put order signed with this key (the vault's EIP-712 domain), 0x-hex r ‖ s ‖ v. */
    public String signProtection(long chainId, ProtectionOrder order) {
        return Numeric.toHexString(ProtectionTypedData.signOrder(chainId, order, keyPair));
    }
}
