package io.vaultrisk.allocator.strategy;

import io.vaultrisk.montecarlo.book.MarketData;
import java.util.Locale;

/**
 * Reads a strategy back from its name ({@link StrategyTemplate#name()}), so a vault's registered sleeves can be
 * simulated: "stablecoin", "spot:ETH", "covered-call:ETH:d0.20:14d", "cash-secured-put:BTC:d0.10:7d",
 * "hedged-short-call:ETH:d0.50:30d:band0.10". Token sleeves read naturally too: a stablecoin symbol (USDC, USDT, DAI)
 * is the stablecoin strategy and a wrapped coin (WBTC, WETH) holds its underlying.
 */
public final class StrategyNames {
    private StrategyNames() {}

    public static StrategyTemplate parse(String name, MarketData market, double stableYield) {
        String n = name.trim();
        String upper = n.toUpperCase(Locale.ROOT);
        if (upper.equals("STABLECOIN") || upper.equals("USDC") || upper.equals("USDT") || upper.equals("DAI")) {
            return new StrategyTemplate.Stablecoin(stableYield);
        }
        if (upper.length() > 1 && upper.startsWith("W") && market.indexOf(upper.substring(1)) >= 0) {
            return new StrategyTemplate.Spot(upper.substring(1));
        }
        if (market.indexOf(upper) >= 0) {
            return new StrategyTemplate.Spot(upper);
        }
        String[] f = n.split(":");
        try {
            StrategyTemplate t = switch (f[0].toLowerCase(Locale.ROOT)) {
                case "spot" -> f.length == 2 ? new StrategyTemplate.Spot(f[1]) : null;
                case "covered-call" ->
                    f.length == 4 ? new StrategyTemplate.CoveredCall(f[1], delta(f[2]), days(f[3])) : null;
                case "cash-secured-put" ->
                    f.length == 4 ? new StrategyTemplate.CashSecuredPut(f[1], delta(f[2]), days(f[3])) : null;
                case "hedged-short-call" ->
                    f.length == 5
                            ? new StrategyTemplate.DeltaHedgedShortCall(f[1], delta(f[2]), days(f[3]), band(f[4]))
                            : null;
                default -> null;
            };
            if (t == null) {
                throw new IllegalArgumentException("unknown strategy '" + name + "' (e.g. stablecoin, USDC, WETH, "
                        + "spot:ETH, covered-call:ETH:d0.20:14d, cash-secured-put:BTC:d0.10:7d, "
                        + "hedged-short-call:ETH:d0.50:30d:band0.10)");
            }
            String u = StrategySimulator.underlying(t);
            if (u != null && market.indexOf(u) < 0) {
                throw new IllegalArgumentException(
                        "strategy '" + name + "': underlying " + u + " is not in the market");
            }
            return t;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("strategy '" + name + "': malformed parameter (" + e.getMessage() + ")");
        }
    }

    private static double delta(String s) {
        if (!s.startsWith("d")) {
            throw new NumberFormatException("delta must look like d0.20, got " + s);
        }
        return Double.parseDouble(s.substring(1));
    }

    private static int days(String s) {
        if (!s.endsWith("d")) {
            throw new NumberFormatException("tenor must look like 14d, got " + s);
        }
        return Integer.parseInt(s.substring(0, s.length() - 1));
    }

    private static double band(String s) {
        if (!s.startsWith("band")) {
            throw new NumberFormatException("hedge band must look like band0.10, got " + s);
        }
        return Double.parseDouble(s.substring(4));
    }
}
