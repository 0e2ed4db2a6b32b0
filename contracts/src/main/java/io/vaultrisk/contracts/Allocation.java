package io.vaultrisk.contracts;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import org.web3j.crypto.WalletUtils;

/**
 * The allocation the risk service signs and the vault applies: target weights in basis points, in the vault's sleeve
 * order, for one vault, with a strictly increasing nonce and a unix-seconds expiry.
 *
 * @param vault vault address (0x-prefixed, 20 bytes); the EIP-712 verifying contract as well
 * @param nonce strictly above the vault's last applied nonce
 * @param validUntil last unix second (block timestamp) at which the vault accepts it
 * @param weightsBps one weight per sleeve, summing to 10,000
 */
public record Allocation(String vault, BigInteger nonce, BigInteger validUntil, List<Integer> weightsBps) {

    public static final int TOTAL_BPS = 10_000;

    public Allocation {
        Objects.requireNonNull(vault, "vault");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(validUntil, "validUntil");
        Objects.requireNonNull(weightsBps, "weightsBps");
        if (!WalletUtils.isValidAddress(vault) || !vault.startsWith("0x")) {
            throw new IllegalArgumentException("vault: not a 0x-prefixed 20-byte address: " + vault);
        }
        if (nonce.signum() < 0 || nonce.bitLength() > 256) {
            throw new IllegalArgumentException("nonce: must be a uint256, got " + nonce);
        }
        if (validUntil.signum() < 0 || validUntil.bitLength() > 256) {
            throw new IllegalArgumentException("validUntil: must be a uint256, got " + validUntil);
        }
        if (weightsBps.isEmpty()) {
            throw new IllegalArgumentException("weightsBps: empty");
        }
        for (Integer w : weightsBps) {
            if (w == null || w < 0) {
                throw new IllegalArgumentException("weightsBps: every weight must be >= 0, got " + weightsBps);
            }
        }
        weightsBps = List.copyOf(weightsBps);
    }

    /**
     * Allocation without checking that the weights sum to 10,000: the vault must be able to refuse such input, so
     * tests need to sign it.
     */
    public static Allocation of(String vault, long nonce, long validUntil, List<Integer> weightsBps) {
        return new Allocation(vault, BigInteger.valueOf(nonce), BigInteger.valueOf(validUntil), weightsBps);
    }

    public int weightSum() {
        return weightsBps.stream().mapToInt(Integer::intValue).sum();
    }

    /** The same allocation as the generated wrapper's struct, ready for {@code Vault.rebalance}. */
    public io.vaultrisk.contracts.generated.Vault.Allocation toStruct() {
        return new io.vaultrisk.contracts.generated.Vault.Allocation(vault, nonce, validUntil,
                weightsBps.stream().map(BigInteger::valueOf).toList());
    }
}
