package io.vaultrisk.executor;

import io.vaultrisk.protocol.Allocation;
import io.vaultrisk.protocol.AllocationTypedData;
import io.vaultrisk.protocol.BasisPoints;
import io.vaultrisk.protocol.SignedAllocation;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.web3j.utils.Numeric;

/**
 * Off-chain checks of a signed allocation before any gas is spent: it is for this vault and chain, its sleeves are
 * the vault's, the digest recomputed here equals the one sent, and the signature recovers to the sent signer, which
 * must be the vault's registered risk signer. The digest is recomputed, never taken from the service, with the
 * protocol module's typed data: the one digest the contract tests check against the vault's own.
 */
final class AllocationVerifier {

    private AllocationVerifier() {}

    /** Why the allocation must not be submitted, or empty when it passes. */
    static Optional<String> problem(
            SignedAllocation s, String vault, long chainId, List<String> sleeves, String riskSigner) {
        if (s.vault() == null || !s.vault().equalsIgnoreCase(vault)) {
            return Optional.of("vault: allocation is for " + s.vault() + ", not " + vault);
        }
        if (s.chainId() != chainId) {
            return Optional.of("chainId: allocation is for chain " + s.chainId() + ", the node is chain " + chainId);
        }
        if (s.strategies() == null || !s.strategies().equals(sleeves)) {
            return Optional.of("strategies: " + s.strategies() + " do not match the vault's sleeves " + sleeves);
        }
        Allocation a;
        try {
            a = s.allocation();
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.of("allocation: " + e.getMessage());
        }
        if (a.weightsBps().size() != sleeves.size()) {
            return Optional.of("weightsBps: " + a.weightsBps().size() + " weights for " + sleeves.size() + " sleeves");
        }
        if (a.weightSum() != BasisPoints.TOTAL) {
            return Optional.of("weightsBps: sum to " + a.weightSum() + ", not 10000");
        }
        byte[] digest = AllocationTypedData.digest(chainId, a);
        if (s.digest() == null || !Numeric.toHexString(digest).equalsIgnoreCase(s.digest())) {
            return Optional.of(
                    "digest: sent " + s.digest() + " but the typed data hashes to " + Numeric.toHexString(digest));
        }
        String recovered;
        try {
            recovered = s.recoverSigner(chainId);
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        if (s.signer() == null || !recovered.equalsIgnoreCase(s.signer())) {
            return Optional.of("signature: recovers to " + recovered + ", not the stated signer " + s.signer());
        }
        if (!recovered.equalsIgnoreCase(riskSigner)) {
            return Optional.of(
                    "signer: " + recovered + " is not the vault's risk signer " + riskSigner.toLowerCase(Locale.ROOT));
        }
        return Optional.empty();
    }
}
