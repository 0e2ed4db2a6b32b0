package io.vaultrisk.montecarlo.risk;

import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.Position;
import io.vaultrisk.montecarlo.book.Underlying;
import java.util.List;

/**
 * Instantaneous revaluation of a book under joint spot × vol shocks, as crypto portfolio-margin systems do: every
 * underlying's spot moves by the same relative shock and every vol is scaled by (1 + vol shock); no time passes.
 * A perpetual whose shocked spot is past its liquidation price is worth nothing (its isolated margin is lost).
 */
public record RiskMatrix(double[] spotShocks, double[] volShocks, double[][] pnl) {

    public static RiskMatrix of(Book book, double[] spotShocks, double[] volShocks) {
        double[][] pnl = new double[spotShocks.length][volShocks.length];
        double base = value(book, null, 0, 0);
        for (int i = 0; i < spotShocks.length; i++) {
            for (int j = 0; j < volShocks.length; j++) {
                pnl[i][j] = value(book, null, spotShocks[i], volShocks[j]) - base;
            }
        }
        return new RiskMatrix(spotShocks.clone(), volShocks.clone(), pnl);
    }

    /**
     * The margin grid: as {@link #of} but each option's vol shock scaled with its tenor, (30/days)^p
     * ({@link TenorVolShock#EXCHANGE}), as exchanges' portfolio margin does.
     */
    public static RiskMatrix ofTenorScaled(Book book, double[] spotShocks, double[] volShocks) {
        double[][] pnl = new double[spotShocks.length][volShocks.length];
        double base = value(book, null, 0, 0);
        List<Underlying> us = book.market().underlyings();
        for (int i = 0; i < spotShocks.length; i++) {
            for (int j = 0; j < volShocks.length; j++) {
                double v = 0;
                for (Position p : book.positions()) {
                    double spot = us.get(book.market().indexOf(p.underlying())).spot() * (1 + spotShocks[i]);
                    v += PositionValuer.DEFAULT.valueTenorShocked(book, p, spot, volShocks[j]);
                }
                pnl[i][j] = v - base;
            }
        }
        return new RiskMatrix(spotShocks.clone(), volShocks.clone(), pnl);
    }

    /** Book value with per-underlying returns (null: {@code uniformShock} for all) and a relative vol shock. */
    public static double value(Book book, double[] returns, double uniformShock, double volShock) {
        double v = 0;
        List<Underlying> us = book.market().underlyings();
        for (Position p : book.positions()) {
            int u = book.market().indexOf(p.underlying());
            double r = returns == null ? uniformShock : returns[u];
            v += PositionValuer.DEFAULT.valueShocked(book, p, us.get(u).spot() * (1 + r), 1 + volShock);
        }
        return v;
    }

    /** The worst (most negative) P&amp;L cell: [spot index, vol index]. */
    public int[] worstCell() {
        return worstCell(pnl);
    }

    public double worstLoss() {
        return worstLoss(pnl);
    }

    /** The first most negative cell of a P&amp;L grid (rows × columns): [row, column]. */
    static int[] worstCell(double[][] pnl) {
        int[] w = {0, 0};
        for (int i = 0; i < pnl.length; i++) {
            for (int j = 0; j < pnl[i].length; j++) {
                if (pnl[i][j] < pnl[w[0]][w[1]]) {
                    w = new int[] {i, j};
                }
            }
        }
        return w;
    }

    /** The loss of the worst cell of a P&amp;L grid, zero when no cell loses. */
    static double worstLoss(double[][] pnl) {
        int[] w = worstCell(pnl);
        return Math.max(0.0, -pnl[w[0]][w[1]]);
    }
}
