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
 * (weights are signed in this order) and optionally the book the nightly stress runs on.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Vault(String address, long chainId, List<String> strategies, JsonNode book, Instant createdAt) {
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    public static final int MAX_STRATEGIES = 64;

    public static Vault of(String address, Long chainId, List<String> strategies, JsonNode book) {
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
        return new Vault(
                checksummed,
                chainId,
                List.copyOf(strategies),
                book == null || book.isNull() ? null : book,
                Instant.now());
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
