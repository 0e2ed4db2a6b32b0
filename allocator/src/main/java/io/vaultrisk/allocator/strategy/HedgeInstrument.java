package io.vaultrisk.allocator.strategy;

import java.util.Locale;

/** What a delta hedge trades: the coin itself (paid in cash) or a linear perpetual (settled in cash, pays funding). */
public enum HedgeInstrument {
    SPOT,
    PERP;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static HedgeInstrument fromJson(String s) {
        for (HedgeInstrument h : values()) {
            if (h.jsonName().equalsIgnoreCase(s)) {
                return h;
            }
        }
        throw new IllegalArgumentException("hedge instrument must be spot or perp, got " + s);
    }
}
