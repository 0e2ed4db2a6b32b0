package io.vaultrisk.montecarlo.risk;

import java.io.Serializable;

/**
 * The currency P&amp;L, VaR and ES are reported in: the book's quote currency, or coins of one of its underlyings (the
 * view of a coin-margined vault, whose unit of account is the coin). In the coin view a path's P&amp;L is
 * V_h/S_h − V_0/S_0 coins: the value at the horizon divided by that path's coin spot, less today's value in coins,
 * so a vault holding only the coin has no coin risk at all.
 *
 * @param coin the underlying's name, or null for the quote currency
 */
public record ReportingCurrency(String coin) implements Serializable {
    public static final ReportingCurrency QUOTE = new ReportingCurrency(null);

    public ReportingCurrency {
        if (coin != null && coin.isBlank()) {
            throw new InvalidSettingException("currency", "coin view needs an underlying, as coin:ETH");
        }
    }

    /** "quote" or "coin:NAME". */
    public static ReportingCurrency parse(String s) {
        String t = s == null ? "" : s.trim();
        if (t.equals("quote")) {
            return QUOTE;
        }
        if (t.startsWith("coin:") && t.length() > 5) {
            return new ReportingCurrency(t.substring(5));
        }
        throw new InvalidSettingException("currency", "must be 'quote' or 'coin:<underlying>', got '" + s + "'");
    }

    public boolean isCoin() {
        return coin != null;
    }

    /** The label shown with amounts: the quote currency's name, or the coin's. */
    public String label(String quoteCurrency) {
        return coin == null ? quoteCurrency : coin;
    }
}
