package io.vaultrisk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vaultrisk.allocator.AllocationReplay;
import io.vaultrisk.montecarlo.compute.ComputeBackend;
import io.vaultrisk.protocol.Allocation;
import io.vaultrisk.protocol.AllocationTypedData;
import io.vaultrisk.protocol.BasisPoints;
import io.vaultrisk.protocol.SignedAllocation;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vaultrisk verify --receipt FILE}: replays a published allocation from its receipt (the body of {@code GET
 * /api/v1/vaults/{address}/allocations/{nonce}/receipt}) offline, with the same code the service ran
 * ({@link AllocationReplay}), and checks, one line each: the inputs hash to {@code inputsHash}; that hash is the one
 * signed inside the allocation (EIP-712 type version 3, the hash the vault emits in {@code Rebalanced}); the
 * recomputed weights are the signed ones (the optimiser's fractions bit for bit, then the basis points); the inputs
 * are this allocation's vault and chain; the EIP-712 digest; the allocation's signature recovers the signer ({@code
 * --signer} pins which signer that must be). Exit 0 when every check passes, 1 when one fails, 2 when the file is not
 * a receipt (one line naming the field).
 */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Recompute a published allocation from its receipt and check weights, hash and signatures.")
public final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--receipt",
            required = true,
            description = "Receipt JSON (GET /api/v1/vaults/{address}/allocations/{nonce}/receipt).")
    Path receipt;

    @Option(
            names = "--signer",
            description = "Address the signatures must recover (the service's, GET /api/v1/signer); default: the"
                    + " receipt's own signer field, which only shows the receipt is self-consistent.")
    String signer;

    @Override
    public Integer call() throws Exception {
        ChainLibraries.require();
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(receipt));
        } catch (IOException e) {
            throw CliSupport.badInput(spec, "--receipt", "cannot read " + receipt + " as JSON: " + e.getMessage());
        }
        if (signer != null && !signer.matches("0x[0-9a-fA-F]{40}")) {
            throw CliSupport.badInput(spec, "--signer", "expected 0x and 40 hex digits, got " + signer);
        }
        try {
            return new Run(Fields.of(root), System.out).call();
        } catch (MalformedReceipt e) {
            throw CliSupport.badInput(spec, "--receipt", "field " + e.field + ": " + e.getMessage());
        }
    }

    /** A receipt field missing or of the wrong type: exit 2 naming it. */
    private static final class MalformedReceipt extends RuntimeException {
        final String field;

        MalformedReceipt(String field, String message) {
            super(message);
            this.field = field;
        }
    }

    /** The receipt's fields, each present and of its type (else {@link MalformedReceipt} naming it). */
    private record Fields(
            JsonNode inputs,
            String inputsHash,
            JsonNode request,
            List<String> strategies,
            double[] current,
            int[] capsBps,
            String inputsVault,
            long inputsChainId,
            String codeVersion,
            double[] weights,
            JsonNode allocation,
            String signer) {

        static Fields of(JsonNode root) {
            if (!root.isObject()) {
                throw new MalformedReceipt("(root)", "a receipt is a JSON object");
            }
            JsonNode inputs = object(root, "inputs");
            JsonNode request = object(inputs, "inputs.request");
            JsonNode strategies = array(inputs, "inputs.strategies");
            List<String> names = new ArrayList<>();
            for (int i = 0; i < strategies.size(); i++) {
                if (!strategies.get(i).isTextual()) {
                    throw new MalformedReceipt("inputs.strategies[" + i + "]", "must be a string");
                }
                names.add(strategies.get(i).asText());
            }
            double[] current = numbers(array(inputs, "inputs.currentWeights"), "inputs.currentWeights");
            if (current.length != names.size()) {
                throw new MalformedReceipt(
                        "inputs.currentWeights", "must hold one weight per strategy (" + names.size() + ")");
            }
            // receipts written before caps existed hold none: every sleeve uncapped
            int[] caps = new int[names.size()];
            java.util.Arrays.fill(caps, 10_000);
            if (inputs.has("capsBps")) {
                double[] c = numbers(array(inputs, "inputs.capsBps"), "inputs.capsBps");
                if (c.length != names.size()) {
                    throw new MalformedReceipt(
                            "inputs.capsBps", "must hold one cap per strategy (" + names.size() + ")");
                }
                for (int i = 0; i < c.length; i++) {
                    if (c[i] != Math.rint(c[i]) || c[i] < 0 || c[i] > 10_000) {
                        throw new MalformedReceipt("inputs.capsBps[" + i + "]", "must be a whole number in 0..10000");
                    }
                    caps[i] = (int) c[i];
                }
            }
            JsonNode weights = root.get("weights");
            double[] w = weights == null || weights.isNull() ? null : numbers(weights, "weights");
            JsonNode allocation = object(root, "allocation");
            for (String f : new String[] {"vault", "digest", "signature"}) {
                text(allocation, "allocation." + f);
            }
            for (String f : new String[] {"chainId", "nonce", "validUntil"}) {
                JsonNode n = allocation.get(f);
                if (n == null || !n.isIntegralNumber()) {
                    throw new MalformedReceipt("allocation." + f, "must be a whole number");
                }
            }
            numbers(array(allocation, "allocation.weightsBps"), "allocation.weightsBps");
            // receipts of allocations signed before type version 3 hold no signed hash: bytes32(0), which fails below
            if (allocation.has("inputsHash")) {
                hex32(allocation, "allocation.inputsHash");
            }
            JsonNode prices = allocation.get("referencePricesX18");
            if (prices != null && !prices.isNull()) {
                if (!prices.isArray()) {
                    throw new MalformedReceipt("allocation.referencePricesX18", "must be an array");
                }
                for (int i = 0; i < prices.size(); i++) {
                    JsonNode p = prices.get(i);
                    if (!(p.isIntegralNumber() || (p.isTextual() && p.asText().matches("[0-9]+")))) {
                        throw new MalformedReceipt(
                                "allocation.referencePricesX18[" + i + "]", "must be a whole number");
                    }
                }
            }
            JsonNode chainId = inputs.get("chainId");
            if (chainId == null || !chainId.isIntegralNumber()) {
                throw new MalformedReceipt("inputs.chainId", "must be a whole number");
            }
            return new Fields(
                    inputs,
                    hex32(root, "inputsHash"),
                    request,
                    names,
                    current,
                    caps,
                    text(inputs, "inputs.vault"),
                    chainId.asLong(),
                    text(inputs, "inputs.codeVersion"),
                    w,
                    allocation,
                    text(root, "signer"));
        }

        private static String last(String path) {
            return path.substring(path.lastIndexOf('.') + 1);
        }

        private static JsonNode object(JsonNode parent, String path) {
            JsonNode n = parent.get(last(path));
            if (n == null || !n.isObject()) {
                throw new MalformedReceipt(path, n == null ? "missing" : "must be an object");
            }
            return n;
        }

        private static JsonNode array(JsonNode parent, String path) {
            JsonNode n = parent.get(last(path));
            if (n == null || !n.isArray()) {
                throw new MalformedReceipt(path, n == null ? "missing" : "must be an array");
            }
            return n;
        }

        private static String text(JsonNode parent, String path) {
            JsonNode n = parent.get(last(path));
            if (n == null || !n.isTextual()) {
                throw new MalformedReceipt(path, n == null ? "missing" : "must be a string");
            }
            return n.asText();
        }

        private static String hex32(JsonNode parent, String path) {
            String s = text(parent, path);
            if (!s.matches("0x[0-9a-fA-F]{64}")) {
                throw new MalformedReceipt(path, "expected 0x and 64 hex digits");
            }
            return s;
        }

        private static double[] numbers(JsonNode array, String path) {
            double[] out = new double[array.size()];
            for (int i = 0; i < out.length; i++) {
                if (!array.get(i).isNumber()) {
                    throw new MalformedReceipt(path + "[" + i + "]", "must be a number");
                }
                out[i] = array.get(i).asDouble();
            }
            return out;
        }
    }

    /**
     * The checks, in their own class: picocli reflects over every command class to register it, so this one names
     * no web3j type in its own methods (see {@link ChainLibraries}).
     */
    private final class Run implements Callable<Integer> {
        private final Fields r;
        private final PrintStream out;
        private boolean failed;

        Run(Fields r, PrintStream out) {
            this.r = r;
            this.out = out;
        }

        @Override
        public Integer call() {
            SignedAllocation signed = signed();
            String hash = AllocationReplay.inputsHash(r.inputs());
            check("inputsHash", hash.equalsIgnoreCase(r.inputsHash()), r.inputsHash(), "the inputs hash to " + hash);
            String signedHash = signed.inputsHash() == null ? Allocation.NO_INPUTS : signed.inputsHash();
            if (signedHash.equalsIgnoreCase(r.inputsHash())) {
                out.println("ok   signedInputsHash: the signed allocation carries inputsHash " + signedHash
                        + " (the vault emits it in Rebalanced for nonce " + signed.nonce() + ")");
            } else {
                fail(
                        "signedInputsHash",
                        "the receipt's inputsHash " + r.inputsHash() + " is not the one the allocation signs, "
                                + signedHash + (Allocation.NO_INPUTS.equals(signedHash) ? " (none)" : "")
                                + ": these inputs are not the ones nonce " + signed.nonce() + " was signed with");
            }
            boolean sameCode = AllocationReplay.CODE_VERSION.equals(r.codeVersion());
            out.println((sameCode ? "ok   " : "note ") + "codeVersion: " + r.codeVersion()
                    + (sameCode
                            ? ""
                            : " (this build: " + AllocationReplay.CODE_VERSION + "; a mismatch below may be"
                                    + " a change of code, not of inputs)"));
            weights(signed);
            check(
                    "vault",
                    r.inputsVault().equalsIgnoreCase(signed.vault())
                            && r.inputsChainId() == signed.chainId()
                            && r.strategies().size() == signed.weightsBps().size(),
                    signed.vault() + " on chain " + signed.chainId(),
                    "the inputs are for " + r.inputsVault() + " on chain " + r.inputsChainId() + " with "
                            + r.strategies().size() + " strategies");
            String expectedSigner = signer != null ? signer : r.signer();
            String digest;
            try {
                digest = "0x" + toHex(AllocationTypedData.digest(signed.chainId(), signed.allocation()));
            } catch (IllegalArgumentException | NullPointerException e) {
                fail("digest", "the allocation is not a valid typed-data message: " + e.getMessage());
                return 1;
            }
            check(
                    "digest",
                    digest.equalsIgnoreCase(signed.digest()),
                    signed.digest(),
                    "the EIP-712 digest is " + digest);
            recovers("signature", expectedSigner, () -> signed.recoverSigner(signed.chainId()));
            if (!expectedSigner.equalsIgnoreCase(signed.signer())) {
                fail("signer", "the allocation names signer " + signed.signer() + ", expected " + expectedSigner);
            }
            out.println(
                    failed
                            ? "FAILED: the receipt does not replay to this signed allocation"
                            : "verified: nonce " + signed.nonce() + " of " + signed.vault() + " recomputes bit for bit"
                                    + " from its inputs and is signed by " + expectedSigner
                                    + (signer == null ? " (the receipt's own signer: pass --signer to pin it)" : ""));
            return failed ? 1 : 0;
        }

        private SignedAllocation signed() {
            JsonNode a = r.allocation();
            List<Integer> bps = new ArrayList<>();
            a.get("weightsBps").forEach(n -> bps.add(n.isIntegralNumber() && n.canConvertToInt() ? n.asInt() : -1));
            List<String> strategies = new ArrayList<>();
            a.path("strategies").forEach(n -> strategies.add(n.asText()));
            // signed since type version 2: the digest and signature are checked over them too
            List<BigInteger> prices = new ArrayList<>();
            a.path("referencePricesX18").forEach(n -> prices.add(new BigInteger(n.asText())));
            return new SignedAllocation(
                    a.get("vault").asText(),
                    a.get("chainId").asLong(),
                    new BigInteger(a.get("nonce").asText()),
                    new BigInteger(a.get("validUntil").asText()),
                    strategies,
                    bps,
                    a.get("digest").asText(),
                    a.get("signature").asText(),
                    a.path("signer").asText(r.signer()),
                    a.path("createdAt").asText(null),
                    prices,
                    a.path("referencePriceSource").asText("none"),
                    a.path("inputsHash").asText(null));
        }

        private void weights(SignedAllocation signed) {
            JsonNode request = r.request();
            List<Integer> bps;
            double[] fractions = null;
            try {
                if (request.hasNonNull("weightsBps")) {
                    bps = new ArrayList<>();
                    for (JsonNode n : request.get("weightsBps")) {
                        bps.add(n.isIntegralNumber() && n.canConvertToInt() ? n.asInt() : -1);
                    }
                } else if (request.hasNonNull("weights")) {
                    double[] w = new double[request.get("weights").size()];
                    for (int i = 0; i < w.length; i++) {
                        w[i] = request.get("weights").get(i).asDouble();
                    }
                    bps = BasisPoints.fromWeights("inputs.request.weights", w);
                } else {
                    AllocationReplay.Replayed solved = AllocationReplay.solve(
                            request, r.strategies(), r.current(), r.capsBps(), ComputeBackend.CPU, w -> {});
                    fractions = solved.weights();
                    bps = BasisPoints.fromWeights("weights", fractions, solved.lowerBps(), solved.upperBps());
                }
            } catch (IllegalArgumentException e) {
                fail("weights", "the inputs do not replay: " + e.getMessage());
                return;
            }
            if (fractions != null) {
                boolean same = r.weights() != null && Arrays.equals(fractions, r.weights());
                check(
                        "weights",
                        same,
                        r.weights() == null ? "none" : Arrays.toString(r.weights()),
                        "the optimiser's weights recomputed bit for bit: " + Arrays.toString(fractions));
            }
            check(
                    "weightsBps",
                    bps.equals(signed.weightsBps()),
                    String.valueOf(signed.weightsBps()),
                    "the signed basis points recomputed: " + bps);
        }

        private void recovers(String name, String expected, java.util.function.Supplier<String> recover) {
            try {
                String got = recover.get();
                check(name, got.equalsIgnoreCase(expected), "recovers " + got, "recovers the signer " + expected);
            } catch (IllegalArgumentException e) {
                fail(name, e.getMessage());
            }
        }

        /** One line: "ok   name: what holds", or "FAIL name: what was expected, what the receipt holds". */
        private void check(String name, boolean ok, String found, String expectation) {
            if (ok) {
                out.println("ok   " + name + ": " + expectation);
            } else {
                fail(name, "expected " + expectation + "; the receipt has " + found);
            }
        }

        private void fail(String name, String why) {
            failed = true;
            out.println("FAIL " + name + ": " + why);
        }
    }

    private static String toHex(byte[] bytes) {
        StringBuilder s = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            s.append(String.format(Locale.ROOT, "%02x", b));
        }
        return s.toString();
    }
}
