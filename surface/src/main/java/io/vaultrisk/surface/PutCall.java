package io.vaultrisk.surface;

import io.vaultrisk.basics.OptionType;

/** Whether an option is a call or a put; {@link #sign()} is the θ of the Black formula. */
public enum PutCall {
    CALL(1),
    PUT(-1);

    private final int sign;

    PutCall(int sign) {
        this.sign = sign;
    }

    /** The same choice for the Black formulas of basics. */
    public OptionType optionType() {
        return this == CALL ? OptionType.CALL : OptionType.PUT;
    }

    /** +1 for a call, -1 for a put. */
    public int sign() {
        return sign;
    }

    /** Parses "C"/"call" or "P"/"put", any case. */
    public static PutCall parse(String text) {
        switch (text.trim().toUpperCase(java.util.Locale.ROOT)) {
            case "C":
            case "CALL":
                return CALL;
            case "P":
            case "PUT":
                return PUT;
            default:
                throw new IllegalArgumentException("option type must be C/call or P/put, got '" + text + "'");
        }
    }
}
