package io.vaultrisk.montecarlo.risk;

import io.vaultrisk.basics.Greeks;
import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.OptionPosition;
import io.vaultrisk.montecarlo.book.Position;
import java.util.List;

/**
 * P&amp;L explain at one horizon (quote currency): the simulated P&amp;L split by today's greeks into
 * delta Σᵤ Δᵤ·ΔSᵤ, gamma Σᵤ ½Γᵤ·ΔSᵤ², vega Σᵢ (νᵢ·Δσᵢ + vannaᵢ·ΔS·Δσᵢ + ½volgaᵢ·Δσᵢ²), theta Θ·τ, perpetual
 * funding received, and the residual (higher orders, options expiring inside the horizon, liquidations), averaged
 * over all paths ({@code mean}) and over the ES tail paths at the highest confidence ({@code tail}). With vol dynamics
 * an option's implied vol moves on a path as its underlying's ATM factor does, Δσᵢ = σᵢ(eˣ − 1) with x the path's
 * log vol factor at the horizon (exact for a flat vol or a raw SVI surface, the ATM move for SSVI's smile); without
 * them Δσ = 0 and the vega term is 0 ({@code note} says which).
 */
public record PnlExplain(Terms mean, Terms tail, double tailConfidence, int tailPaths, String note) {
    /** The terms of one set of paths; {@code total} = the mean P&amp;L, = the sum of the others. */
    public record Terms(
            double delta, double gamma, double vega, double theta, double funding, double residual, double total) {}

    public static final String FROZEN_VOL_NOTE =
            "implied vols are frozen along the paths, so the vega term is 0; quote currency";

    public static final String MOVING_VOL_NOTE = "vega includes vanna and volga: each option's implied vol moves by "
            + "its underlying's simulated ATM factor, dsigma = sigma(e^x - 1); skew changes beyond that are in the "
            + "residual; quote currency";

    /**
     * Today's greeks per underlying: delta (coins), gamma, and the vol greeks weighted by each option's marked vol
     * σᵢ (so that Δσᵢ = σᵢ(eˣ − 1) factors out): Σνᵢσᵢ, Σvannaᵢσᵢ, Σvolgaᵢσᵢ²; the book's theta per year.
     */
    record BookGreeks(
            double[] delta, double[] gamma, double[] vegaVol, double[] vannaVol, double[] volgaVol2, double theta) {
        static BookGreeks of(Book book) {
            int n = book.market().size();
            double[] d = new double[n], g = new double[n], v = new double[n], va = new double[n], vo = new double[n];
            double theta = 0;
            List<Position> ps = book.positions();
            for (Position p : ps) {
                int u = book.market().indexOf(p.underlying());
                Greeks x = PositionValuer.DEFAULT.greeks(book, p);
                d[u] += x.delta();
                g[u] += x.gamma();
                theta += x.theta();
                if (p instanceof OptionPosition o) {
                    double tau = book.yearsTo(o.expiry());
                    if (tau > 0) {
                        double sigma = PositionValuer.markVol(
                                book,
                                o,
                                tau,
                                book.market().underlying(o.underlying()).spot());
                        double[] second = PositionValuer.DEFAULT.vannaVolga(book, p);
                        v[u] += x.vega() * sigma;
                        va[u] += second[0] * sigma;
                        vo[u] += second[1] * sigma * sigma;
                    }
                }
            }
            return new BookGreeks(d, g, v, va, vo, theta);
        }
    }

    /**
     * Terms over the given paths.
     *
     * @param spots0   spot now per underlying
     * @param spots    horizon spot per underlying and path, [u][path]
     * @param pnl      quote-currency P&amp;L per path (value at the horizon − value now)
     * @param volX     log ATM vol factor at the horizon per underlying and path, [u][path]; a null row (or array)
     *                 for an underlying whose implied vols do not move
     * @param funding  funding received per path (quote), or null with {@code meanFunding}
     * @param paths    the paths to average over, or null for all
     */
    static Terms terms(
            BookGreeks g,
            double years,
            double[] spots0,
            double[][] spots,
            double[][] volX,
            double[] pnl,
            double[] funding,
            double meanFunding,
            int[] paths) {
        int n = paths == null ? pnl.length : paths.length;
        double delta = 0, gamma = 0, vega = 0, total = 0, fund = 0;
        for (int j = 0; j < n; j++) {
            int k = paths == null ? j : paths[j];
            for (int u = 0; u < spots0.length; u++) {
                double ds = spots[u][k] - spots0[u];
                delta += g.delta()[u] * ds;
                gamma += 0.5 * g.gamma()[u] * ds * ds;
                if (volX != null && volX[u] != null) {
                    double rel = Math.expm1(volX[u][k]); // Δσᵢ / σᵢ
                    vega += (g.vegaVol()[u] + g.vannaVol()[u] * ds) * rel + 0.5 * g.volgaVol2()[u] * rel * rel;
                }
            }
            total += pnl[k];
            if (funding != null) {
                fund += funding[j];
            }
        }
        delta /= n;
        gamma /= n;
        vega /= n;
        total /= n;
        fund = funding == null ? meanFunding : fund / n;
        double theta = g.theta() * years;
        return new Terms(delta, gamma, vega, theta, fund, total - delta - gamma - vega - theta - fund, total);
    }

    /**
     * The sums {delta, gamma, vega, total} of the mean terms over paths [from, to) (one block, in path order), which
     * a run adds in block order and {@link #meanTerms} turns into the terms.
     */
    static double[] sums(
            BookGreeks g, double[] spots0, double[][] spots, double[][] volX, double[] pnl, int from, int to) {
        double delta = 0, gamma = 0, vega = 0, total = 0;
        for (int k = from; k < to; k++) {
            for (int u = 0; u < spots0.length; u++) {
                double ds = spots[u][k] - spots0[u];
                delta += g.delta()[u] * ds;
                gamma += 0.5 * g.gamma()[u] * ds * ds;
                if (volX != null && volX[u] != null) {
                    double rel = Math.expm1(volX[u][k]); // Δσᵢ / σᵢ
                    vega += (g.vegaVol()[u] + g.vannaVol()[u] * ds) * rel + 0.5 * g.volgaVol2()[u] * rel * rel;
                }
            }
            total += pnl[k];
        }
        return new double[] {delta, gamma, vega, total};
    }

    /** The mean terms over {@code n} paths from their {@link #sums} added over the run. */
    static Terms meanTerms(BookGreeks g, double years, double[] sums, int n, double meanFunding) {
        double delta = sums[0] / n, gamma = sums[1] / n, vega = sums[2] / n, total = sums[3] / n;
        double theta = g.theta() * years;
        return new Terms(
                delta, gamma, vega, theta, meanFunding, total - delta - gamma - vega - theta - meanFunding, total);
    }
}
