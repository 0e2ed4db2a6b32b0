package io.vaultrisk.basics;

import java.util.Locale;

/** Call or put. */
public enum OptionType {
    CALL,
    PUT;

    public boolean isCall() {
        return this == CALL;
    }

    /** +1 for a call, -1 for a put: the θ of the Black formula. */
    public int sign() {
        return this == CALL ? 1 : -1;
    }

    /** The payoff at exercise in the quote currency: (S − K)⁺ for a call, (K − S)⁺ for a put. */
    public double intrinsic(double spot, double strike) {
        return this == CALL ? Math.max(spot - strike, 0) : Math.max(strike - spot, 0);
    }

    /** Parses "call" or "put" (any case); the message lists what is allowed. */
    public static OptionType parse(String text) {
        String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        return switch (t) {
            case "CALL", "C" -> CALL;
            case "PUT", "P" -> PUT;
            default -> throw new IllegalArgumentException("unknown option type '" + text + "' (allowed: call, put)");
        };
    }
}
