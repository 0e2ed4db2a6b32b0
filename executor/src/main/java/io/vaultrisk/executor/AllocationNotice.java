package io.vaultrisk.executor;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vaultrisk.protocol.SignedAllocation;
import java.io.IOException;

/**
 * A published allocation as the service announces it: the signed allocation and, next to it, two unsigned fields the
 * executor uses only to decide how fast and at what gas price to act. An urgent allocation (a limit breach) is acted
 * on at once, up to the urgent gas ceiling; {@code trigger} says why it was published ("scheduled", "breach: ES99 1d
 * 14.2% > 12%", "regime: ..."). Neither field is signed, so neither can widen what the vault accepts: a forged
 * {@code urgent} can at most make the executor pay more gas, up to a ceiling its operator set.
 *
 * @param allocation the signed allocation, verified separately
 * @param urgent whether the service marked it urgent (absent: false)
 * @param trigger why it was published (absent: "scheduled")
 * @param protection the protective puts the service asks for with an urgent allocation of a vault with a venue (null:
 *     none); unsigned too, and harmless: the service signs the order that lets the vault buy, not this
 */
record AllocationNotice(
        SignedAllocation allocation, boolean urgent, String trigger, ProtectionSeeker.Request protection) {

    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    AllocationNotice {
        trigger = trigger == null || trigger.isBlank() ? "scheduled" : trigger;
    }

    AllocationNotice(SignedAllocation allocation, boolean urgent, String trigger) {
        this(allocation, urgent, trigger, null);
    }

    /** Parses the JSON of {@code /allocation/latest} or of one {@code allocation} event of the stream. */
    static AllocationNotice parse(String json) {
        try {
            JsonNode tree = JSON.readTree(json);
            if (tree == null || !tree.isObject()) {
                throw new ExecutorException("service sent an unreadable allocation: not a JSON object");
            }
            // parsed twice, not converted from the tree: that conversion takes jackson-core's TreeNode, which this
            // module does not declare
            SignedAllocation signed = JSON.readValue(json, SignedAllocation.class);
            JsonNode trigger = tree.path("trigger");
            JsonNode protection = tree.path("protection");
            return new AllocationNotice(
                    signed,
                    tree.path("urgent").asBoolean(false),
                    trigger.isTextual() ? trigger.asText() : null,
                    protection.isObject() ? ProtectionSeeker.Request.parse(protection) : null);
        } catch (IOException e) {
            throw new ExecutorException("service sent an unreadable allocation: " + e.getMessage(), e);
        }
    }

    java.math.BigInteger nonce() {
        return allocation.nonce();
    }
}
