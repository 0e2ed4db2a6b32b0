package io.vaultrisk.montecarlo.risk;

import io.vaultrisk.montecarlo.book.PerpetualPosition;

/**
 * Closed forms of an isolated-margin perpetual. F is the funding received so far, in the margin currency (quote for
 * linear, coin for inverse); q the signed size, E the entry price, M the margin, m the maintenance-margin rate.
 *
 * <pre>
 * linear   equity = M + F + q(S − E)          maintenance = m|q|S
 *          long  (q &gt; 0): liquidated when S &lt; (qE − M − F) / (q(1 − m))
 *          short (q &lt; 0): liquidated when S &gt; (M + F + |q|E) / (|q|(1 + m))
 * inverse  equity = M + F + q(1/E − 1/S) coin  maintenance = m|q|/S coin
 *          long:  liquidated when S &lt; q(1 + m) / (M + F + q/E)
 *          short: liquidated when S &gt; |q|(1 − m) / (|q|/E − M − F); never when M + F ≥ |q|/E (the margin covers
 *                 the contracts at any price: a fully collateralised short, as in cash-and-carry)
 * </pre>
 * A long linear position whose margin covers the notional (M + F ≥ qE) is never liquidated either. Funding at rate r:
 * linear F += −r·q·S, inverse F += −r·q/S (longs pay shorts when r &gt; 0).
 */
public final class PerpetualMath {
    private PerpetualMath() {}

    /** True when a falling price liquidates the position (longs); false when a rising one does (shorts). */
    public static boolean liquidatedBelow(PerpetualPosition p) {
        return p.size() > 0;
    }

    /** The liquidation price given funding received F, or NaN when no price liquidates the position. */
    public static double liquidationPrice(boolean linear, double q, double e, double margin, double mmr, double f) {
        double m = margin + f;
        if (linear) {
            if (q > 0) {
                double s = (q * e - m) / (q * (1 - mmr));
                return s > 0 ? s : Double.NaN;
            }
            double n = -q;
            return (m + n * e) / (n * (1 + mmr));
        }
        if (q > 0) {
            double d = m + q / e;
            return d > 0 ? q * (1 + mmr) / d : Double.POSITIVE_INFINITY;
        }
        double n = -q, d = n / e - m;
        return d > 0 ? n * (1 - mmr) / d : Double.NaN;
    }

    public static double liquidationPrice(PerpetualPosition p) {
        return liquidationPrice(p.isLinear(), p.size(), p.entryPrice(), p.margin(), p.maintenanceMarginRate(), 0.0);
    }

    /** Funding received for one interval at spot s and rate r, in the margin currency. */
    public static double funding(boolean linear, double q, double s, double rate) {
        return linear ? -rate * q * s : -rate * q / s;
    }

    /** Value of the position (its equity) in the quote currency at spot s; 0 once liquidated. */
    public static double valueQuote(boolean linear, double q, double e, double margin, double f, double s) {
        if (linear) {
            return Math.max(0.0, margin + f + q * (s - e));
        }
        return Math.max(0.0, (margin + f + q * (1 / e - 1 / s)) * s);
    }

    public static double valueQuote(PerpetualPosition p, double spot) {
        return valueQuote(p.isLinear(), p.size(), p.entryPrice(), p.margin(), 0.0, spot);
    }

    /** Whether spot s is past the liquidation price (equity below maintenance margin). */
    public static boolean isLiquidated(PerpetualPosition p, double s) {
        double l = liquidationPrice(p);
        if (Double.isNaN(l)) {
            return false;
        }
        return p.size() > 0 ? s < l : s > l;
    }

    /** Delta of the quote-currency value in coins: q for linear, M + q/E for inverse (value (M + q/E)S − q). */
    public static double deltaCoins(PerpetualPosition p) {
        return p.isLinear() ? p.size() : p.margin() + p.size() / p.entryPrice();
    }
}
