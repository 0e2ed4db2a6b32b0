package io.vaultrisk.service.vault;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.vaultrisk.service.error.ProblemException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.web3j.crypto.Keys;

/**
 * A registered vault: its address (EIP-55 checksummed), chain, strategy sleeves in the order the contract holds them
 * (weights are signed in this order), optionally the book the nightly stress runs on and the sleeves' on-chain caps in
 * basis points ({@code capsBps}, as the contract's {@code capBps}; null: no cap below 10,000).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Vault(
        String address,
        long chainId,
        List<String> strategies,
        JsonNode book,
        Instant createdAt,
        List<Integer> capsBps) {
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    public static final int MAX_STRATEGIES = 64;

    public static Vault of(String address, Long chainId, List<String> strategies, JsonNode book) {
        return of(address, chainId, strategies, book, null);
    }

    public static Vault of(
            String address, Long chainId, List<String> strategies, JsonNode book, List<Integer> capsBps) {
        String checksummed = checksumAddress("address", address);
        if (chainId == null || chainId <= 0) {
            throw ProblemException.badRequest("chainId", "chainId must be a positive integer, got " + chainId);
        }
        if (strategies == null || strategies.isEmpty() || strategies.size() > MAX_STRATEGIES) {
            throw ProblemException.badRequest(
                    "strategies", "strategies must list 1.." + MAX_STRATEGIES + " sleeve names in the vault's order");
        }
        HashSet<String> seen = new HashSet<>();
        for (int i = 0; i < strategies.size(); i++) {
            String s = strategies.get(i);
            if (s == null || s.isBlank() || s.length() > 100) {
                throw ProblemException.badRequest("strategies[" + i + "]", "strategy names must be 1..100 characters");
            }
            if (!seen.add(s)) {
                throw ProblemException.badRequest("strategies[" + i + "]", "duplicate strategy '" + s + "'");
            }
        }
        if (book != null && !book.isNull() && !book.isObject()) {
            throw ProblemException.badRequest("book", "book must be a JSON object");
        }
        if (capsBps != null) {
            if (capsBps.size() != strategies.size()) {
                throw ProblemException.badRequest(
                        "capsBps",
                        "capsBps must hold one cap per strategy (" + strategies.size() + "), got " + capsBps.size());
            }
            long sum = 0;
            for (int i = 0; i < capsBps.size(); i++) {
                Integer cap = capsBps.get(i);
                if (cap == null || cap < 0 || cap > 10_000) {
                    throw ProblemException.badRequest(
                            "capsBps[" + i + "]", "caps must be integers in 0..10000 basis points, got " + cap);
                }
                sum += cap;
            }
            if (sum < 10_000) {
                throw ProblemException.badRequest(
                        "capsBps", "caps sum to " + sum + " bps: no allocation summing to 10000 could be signed");
            }
        }
        return new Vault(
                checksummed,
                chainId,
                List.copyOf(strategies),
                book == null || book.isNull() ? null : book,
                Instant.now(),
                capsBps == null ? null : List.copyOf(capsBps));
    }

    /** The cap of each sleeve in basis points: the registered caps, or 10,000 each. */
    public int[] capsOrFull() {
        int[] caps = new int[strategies.size()];
        for (int i = 0; i < caps.length; i++) {
            caps[i] = capsBps == null ? 10_000 : capsBps.get(i);
        }
        return caps;
    }

    /** Validates a 0x address and returns its EIP-55 form; a mixed-case address must carry a valid checksum. */
    public static String checksumAddress(String field, String address) {
        if (address == null || !ADDRESS.matcher(address).matches()) {
            throw ProblemException.badRequest(
                    field,
                    field + " must be a 0x-prefixed 20-byte hex address, got "
                            + (address == null ? "nothing" : "'" + address + "'"));
        }
        String checksummed = Keys.toChecksumAddress(address);
        String body = address.substring(2);
        boolean mixed = !body.equals(body.toLowerCase(Locale.ROOT)) && !body.equals(body.toUpperCase(Locale.ROOT));
        if (mixed && !checksummed.equals(address)) {
            throw ProblemException.badRequest(field, field + " has an invalid EIP-55 checksum: " + address);
        }
        return checksummed;
    }

    public String key() {
        return address.toLowerCase(Locale.ROOT);
    }
}
