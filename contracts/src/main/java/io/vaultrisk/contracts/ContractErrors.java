package io.vaultrisk.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * Decodes revert data into the custom error that caused it, using the ABIs solc wrote during the build (packaged as
 * resources, so the decoder cannot drift from the deployed bytecode). Knows every error of the vault, the pool and the
 * tokens, plus Solidity's built-in {@code Error(string)} and {@code Panic(uint256)}.
 */
public final class ContractErrors {

    /** Decoder for the Vaultrisk contracts. */
    public static final ContractErrors DEFAULT =
            load("Vault", "ConstantProductPool", "TestToken", "PriceFeed", "PutSeller");

    private final Map<String, ErrorDef> bySelector;

    private ContractErrors(Map<String, ErrorDef> bySelector) {
        this.bySelector = Map.copyOf(bySelector);
    }

    /** A decoded revert: the error's name and its arguments rendered as text. */
    public record DecodedError(String name, List<String> arguments) {
        public DecodedError {
            arguments = List.copyOf(arguments);
        }

        @Override
        public String toString() {
            return name + "(" + String.join(", ", arguments) + ")";
        }
    }

    private record ErrorDef(String name, List<String> types) {}

    static ContractErrors load(String... contracts) {
        ObjectMapper json = new ObjectMapper();
        Map<String, ErrorDef> map = new LinkedHashMap<>();
        map.put(selector("Error(string)"), new ErrorDef("Error", List.of("string")));
        map.put(selector("Panic(uint256)"), new ErrorDef("Panic", List.of("uint256")));
        for (String contract : contracts) {
            String resource = "abi/" + contract + ".abi";
            try (InputStream in = ContractErrors.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("ABI resource missing: " + resource + " (the build writes it)");
                }
                for (JsonNode entry : json.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8))) {
                    if (!"error".equals(entry.path("type").asText())) {
                        continue;
                    }
                    List<String> types = new ArrayList<>();
                    entry.path("inputs").forEach(i -> types.add(i.path("type").asText()));
                    String name = entry.path("name").asText();
                    map.put(selector(name + "(" + String.join(",", types) + ")"), new ErrorDef(name, types));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
        return new ContractErrors(map);
    }

    /**
     * The error encoded in revert data ({@code 0x} + 4-byte selector + ABI-encoded arguments); empty when the data is
     * empty or its selector is not one of the known errors.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Optional<DecodedError> decode(String revertData) {
        if (revertData == null) {
            return Optional.empty();
        }
        String hex = Numeric.cleanHexPrefix(revertData.strip());
        if (hex.length() < 8) {
            return Optional.empty();
        }
        ErrorDef def = bySelector.get("0x" + hex.substring(0, 8).toLowerCase(java.util.Locale.ROOT));
        if (def == null) {
            return Optional.empty();
        }
        List<TypeReference<Type>> refs = new ArrayList<>();
        for (String t : def.types()) {
            try {
                refs.add(TypeReference.makeTypeReference(t));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("unsupported error argument type " + t, e);
            }
        }
        List<Type> values = FunctionReturnDecoder.decode("0x" + hex.substring(8), (List) refs);
        List<String> args = values.stream().map(ContractErrors::render).collect(Collectors.toList());
        return Optional.of(new DecodedError(def.name(), args));
    }

    /** Like {@link #decode} but never empty: unknown data is rendered as raw hex. */
    public String describe(String revertData) {
        return decode(revertData)
                .map(DecodedError::toString)
                .orElse(
                        revertData == null || Numeric.cleanHexPrefix(revertData).isEmpty()
                                ? "revert without data"
                                : "unknown revert " + revertData);
    }

    private static String render(Type<?> value) {
        Object v = value.getValue();
        if (v instanceof byte[] bytes) {
            return Numeric.toHexString(bytes);
        }
        if (v instanceof BigInteger b) {
            return b.toString();
        }
        return String.valueOf(v);
    }

    private static String selector(String signature) {
        return Numeric.toHexString(Hash.sha3(signature.getBytes(StandardCharsets.UTF_8)))
                .substring(0, 10);
    }
}
