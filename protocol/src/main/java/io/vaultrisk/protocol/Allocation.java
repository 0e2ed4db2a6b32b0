package io.vaultrisk.protocol;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The allocation the risk service signs and the vault applies: target weights in basis points, in the vault's sleeve
 * order, for one vault, with a strictly increasing nonce and a unix-seconds expiry. Nonce and expiry are uint256 on
 * chain, so they are {@link BigInteger}s here, range-checked to [0, 2^256).
 *
 * @param vault vault address (0x-prefixed, 20 bytes); the EIP-712 verifying contract as well
 * @param nonce strictly above the vault's last applied nonce
 * @param validUntil last unix second (block timestamp) at which the vault accepts it
 * @param weightsBps one weight per sleeve; the vault refuses a sum other than {@link BasisPoints#TOTAL}
 */
public record Allocation(String vault, BigInteger nonce, BigInteger validUntil, List<Integer> weightsBps) {

    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

    public Allocation {
        Objects.requireNonNull(vault, "vault");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(validUntil, "validUntil");
        Objects.requireNonNull(weightsBps, "weightsBps");
        if (!isAddress(vault)) {
            throw new IllegalArgumentException("vault: not a 0x-prefixed 20-byte address: " + vault);
        }
        if (!isUint256(nonce)) {
            throw new IllegalArgumentException("nonce: must be a uint256, got " + nonce);
        }
        if (!isUint256(validUntil)) {
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

    /** Whether {@code s} is an address as the typed data encodes it: 0x and 40 hex digits, any letter case. */
    public static boolean isAddress(String s) {
        return s != null && ADDRESS.matcher(s).matches();
    }

    static boolean isUint256(BigInteger v) {
        return v.signum() >= 0 && v.bitLength() <= 256;
    }
}
