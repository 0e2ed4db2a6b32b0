package io.vaultrisk.surface;

import java.util.Locale;

/** The smile models a chain can be fitted with. */
public enum SurfaceModel {
    /** Raw SVI per expiry (5 parameters each, Zeliade quasi-explicit fit). */
    SVI,
    /** Surface SVI across expiries (ρ, η, γ plus θ per expiry), free of static arbitrage by construction. */
    SSVI;

    /** Parses "svi" or "ssvi", any case. */
    public static SurfaceModel parse(String text) {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "svi":
                return SVI;
            case "ssvi":
                return SSVI;
            default:
                throw new IllegalArgumentException("model must be svi or ssvi, got '" + text + "'");
        }
    }

    /** Lower-case name as used on the command line and in JSON. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Fewest usable quotes an expiry needs to be fitted. */
    int minimumQuotes() {
        return this == SVI ? 5 : 3;
    }
}
