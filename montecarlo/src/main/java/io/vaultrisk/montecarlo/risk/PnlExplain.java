package io.vaultrisk.montecarlo.risk;

import io.vaultrisk.basics.Greeks;
import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.Position;
import java.util.List;

/**
 * P&amp;L explain at one horizon (quote currency): the simulated P&amp;L split by today's greeks into
 * delta Σᵤ Δᵤ·ΔSᵤ, gamma Σᵤ ½Γᵤ·ΔSᵤ², vega Σᵤ νᵤ·Δσᵤ, theta Θ·τ, perpetual funding received, and the residual
 * (higher orders, cross terms, options expiring inside the horizon, liquidations), averaged over all paths
 * ({@code mean}) and over the ES tail paths at the highest confidence ({@code tail}). While implied vols are frozen
 * along the paths Δσ = 0 and the vega term is 0 (stated in {@code note}).
 */
public record PnlExplain(Terms mean, Terms tail, double tailConfidence, int tailPaths, String note) {
    /** The terms of one set of paths; {@code total} = the mean P&amp;L, = the sum of the others. */
    public record Terms(
            double delta, double gamma, double vega, double theta, double funding, double residual, double total) {}

    public static final String FROZEN_VOL_NOTE =
            "implied vols are frozen along the paths, so the vega term is 0; quote currency";

    /** Today's greeks per underlying (delta coins, gamma, vega) and the book's theta per year. */
    record BookGreeks(double[] delta, double[] gamma, double[] vega, double theta) {
        static BookGreeks of(Book book) {
            int n = book.market().size();
            double[] d = new double[n], g = new double[n], v = new double[n];
            double theta = 0;
            List<Position> ps = book.positions();
            for (Position p : ps) {
                int u = book.market().indexOf(p.underlying());
                Greeks x = PositionValuer.DEFAULT.greeks(book, p);
                d[u] += x.delta();
                g[u] += x.gamma();
                v[u] += x.vega();
                theta += x.theta();
            }
            return new BookGreeks(d, g, v, theta);
        }
    }

    /**
     * Terms over the given paths.
     *
     * @param spots0   spot now per underlying
     * @param spots    horizon spot per underlying and path, [u][path]
     * @param pnl      quote-currency P&amp;L per path (value at the horizon − value now)
     * @param funding  funding received per path (quote), or null with {@code meanFunding}
     * @param paths    the paths to average over, or null for all
     */
    static Terms terms(
            BookGreeks g,
            double years,
            double[] spots0,
            double[][] spots,
            double[] pnl,
            double[] funding,
            double meanFunding,
            int[] paths) {
        int n = paths == null ? pnl.length : paths.length;
        double delta = 0, gamma = 0, total = 0, fund = 0;
        for (int j = 0; j < n; j++) {
            int k = paths == null ? j : paths[j];
            for (int u = 0; u < spots0.length; u++) {
                double ds = spots[u][k] - spots0[u];
                delta += g.delta()[u] * ds;
                gamma += 0.5 * g.gamma()[u] * ds * ds;
            }
            total += pnl[k];
            if (funding != null) {
                fund += funding[j];
            }
        }
        delta /= n;
        gamma /= n;
        total /= n;
        fund = funding == null ? meanFunding : fund / n;
        double theta = g.theta() * years, vega = 0.0;
        return new Terms(delta, gamma, vega, theta, fund, total - delta - gamma - vega - theta - fund, total);
    }
}
