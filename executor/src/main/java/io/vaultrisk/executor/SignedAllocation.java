package io.vaultrisk.executor;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.vaultrisk.contracts.Allocation;
import java.math.BigInteger;
import java.util.List;

/**
 * The body of {@code GET /api/v1/vaults/{address}/allocation/latest}: an allocation with the service's EIP-712 digest,
 * signature and signer address. Nothing in it is trusted until {@link AllocationVerifier} has checked it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SignedAllocation(String vault, long chainId, BigInteger nonce, BigInteger validUntil,
        List<String> strategies, List<Integer> weightsBps, String digest, String signature, String signer,
        String createdAt) {

    /** The typed-data message, validated (address form, non-negative numbers). */
    public Allocation allocation() {
        return new Allocation(vault, nonce, validUntil, weightsBps);
    }
}
