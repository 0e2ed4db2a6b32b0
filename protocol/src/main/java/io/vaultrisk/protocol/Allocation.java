package io.vaultrisk.protocol;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
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
 * @param referencePricesX18 the prices the signer computed the weights on, USD per whole token times 1e18, one per
 *     sleeve in weight order (sleeve 0, the unit of account, at 1e18); empty when the signer saw none. The vault
 *     refuses the allocation when one is further than its {@code maxReferenceDeviationBps} from the sleeve's feed.
 * @param inputsHash 0x-hex of the 32-byte SHA-256 of the receipt's inputs (book or scenarios, market data, surface,
 *     seed, model and code version; {@code AllocationReplay.inputsHash}), lower case: signed, so the hash a receipt
 *     carries is the one the vault applied and emits in {@code Rebalanced}. {@link #NO_INPUTS} (bytes32(0)) when the
 *     allocation has no receipt, e.g. weights given by hand.
 */
public record Allocation(
        String vault,
        BigInteger nonce,
        BigInteger validUntil,
        List<Integer> weightsBps,
        List<BigInteger> referencePricesX18,
        String inputsHash) {

    /** Scale of {@link #referencePricesX18}: 1e18 is one USD per whole token. */
    public static final BigInteger PRICE_ONE = BigInteger.TEN.pow(18);

    /** The {@link #inputsHash} of an allocation without receipt inputs: bytes32(0). */
    public static final String NO_INPUTS = "0x" + "0".repeat(64);

    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Pattern BYTES32 = Pattern.compile("0x[0-9a-fA-F]{64}");

    public Allocation {
        Objects.requireNonNull(vault, "vault");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(validUntil, "validUntil");
        Objects.requireNonNull(weightsBps, "weightsBps");
        Objects.requireNonNull(referencePricesX18, "referencePricesX18");
        Objects.requireNonNull(inputsHash, "inputsHash");
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
        if (!referencePricesX18.isEmpty() && referencePricesX18.size() != weightsBps.size()) {
            throw new IllegalArgumentException("referencePricesX18: one per sleeve (" + weightsBps.size()
                    + ") or none, got " + referencePricesX18.size());
        }
        for (BigInteger p : referencePricesX18) {
            if (p == null || p.signum() <= 0 || !isUint256(p)) {
                throw new IllegalArgumentException(
                        "referencePricesX18: every price must be a positive uint256, got " + referencePricesX18);
            }
        }
        referencePricesX18 = List.copyOf(referencePricesX18);
        if (!BYTES32.matcher(inputsHash).matches()) {
            throw new IllegalArgumentException("inputsHash: expected 0x and 64 hex digits, got " + inputsHash);
        }
        // one spelling, so that equal allocations are equal records and the JSON carries what the chain emits
        inputsHash = inputsHash.toLowerCase(Locale.ROOT);
    }

    /** An allocation with reference prices and without receipt inputs ({@link #NO_INPUTS}). */
    public Allocation(
            String vault,
            BigInteger nonce,
            BigInteger validUntil,
            List<Integer> weightsBps,
            List<BigInteger> referencePricesX18) {
        this(vault, nonce, validUntil, weightsBps, referencePricesX18, NO_INPUTS);
    }

    /** An allocation without reference prices (the signer saw no market, e.g. weights given by hand). */
    public Allocation(String vault, BigInteger nonce, BigInteger validUntil, List<Integer> weightsBps) {
        this(vault, nonce, validUntil, weightsBps, List.of());
    }

    /**
     * Allocation without checking that the weights sum to 10,000: the vault must be able to refuse such input, so
     * tests need to sign it.
     */
    public static Allocation of(String vault, long nonce, long validUntil, List<Integer> weightsBps) {
        return new Allocation(vault, BigInteger.valueOf(nonce), BigInteger.valueOf(validUntil), weightsBps);
    }

    /** As {@link #of(String, long, long, List)}, with the reference prices the weights were computed on. */
    public static Allocation of(
            String vault, long nonce, long validUntil, List<Integer> weightsBps, List<BigInteger> referencePricesX18) {
        return new Allocation(
                vault, BigInteger.valueOf(nonce), BigInteger.valueOf(validUntil), weightsBps, referencePricesX18);
    }

    /** This allocation carrying {@code prices} as its reference prices instead. */
    public Allocation withReferencePrices(List<BigInteger> prices) {
        return new Allocation(vault, nonce, validUntil, weightsBps, prices, inputsHash);
    }

    /** This allocation carrying {@code hash} (0x and 64 hex digits) as its receipt's inputs hash instead. */
    public Allocation withInputsHash(String hash) {
        return new Allocation(vault, nonce, validUntil, weightsBps, referencePricesX18, hash);
    }

    /** Whether this allocation names receipt inputs ({@link #inputsHash} is not {@link #NO_INPUTS}). */
    public boolean hasInputs() {
        return !NO_INPUTS.equals(inputsHash);
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
