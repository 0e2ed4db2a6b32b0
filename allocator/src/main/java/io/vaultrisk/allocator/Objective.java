package io.vaultrisk.allocator;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What an allocation optimises, with the name the CLI's {@code --objective} and the JSON APIs use for it. */
public enum Objective {
    /** Least CVaR, optionally subject to a least expected return ({@code targetReturn}). */
    MIN_CVAR("min-cvar"),
    /** Largest expected return subject to a CVaR limit ({@code cvarLimit}, required). */
    MAX_RETURN("max-return"),
    MIN_VARIANCE("min-variance"),
    /** Largest Sharpe ratio over a risk-free return ({@code riskFree}). */
    MAX_SHARPE("max-sharpe"),
    /** Equal risk contributions ({@code risk}: volatility or CVaR); takes the budget only, no other constraint. */
    RISK_PARITY("risk-parity"),
    /** Fractional Kelly ({@code kellyFraction}): largest expected log growth, scaled. */
    KELLY("kelly");

    private final String jsonName;

    Objective(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name in JSON and on the command line, e.g. {@code min-cvar}. */
    public String jsonName() {
        return jsonName;
    }

    /** The objective of a JSON or command-line name, any case; unknown names throw naming {@code objective}. */
    public static Objective fromJson(String name) {
        if (name != null) {
            String n = name.strip().toLowerCase(Locale.ROOT);
            for (Objective o : values()) {
                if (o.jsonName.equals(n)) {
                    return o;
                }
            }
        }
        throw new InvalidAllocationSpecException(
                "objective", "unknown objective '" + name + "' (allowed: " + allowed() + ")");
    }

    /** The JSON names, comma-separated, for messages. */
    public static String allowed() {
        return Arrays.stream(values()).map(Objective::jsonName).collect(Collectors.joining(", "));
    }

    /**
     * Whether the objective honours constraints beyond the budget (bounds, groups, margin, leverage, turnover): risk
     * parity does not, as they would make equal contributions unattainable.
     */
    public boolean takesConstraints() {
        return this != RISK_PARITY;
    }
}
