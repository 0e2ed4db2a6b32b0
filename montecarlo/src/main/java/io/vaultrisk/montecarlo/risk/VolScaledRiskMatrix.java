package io.vaultrisk.montecarlo.risk;

import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.OptionPosition;
import io.vaultrisk.montecarlo.book.Position;
import io.vaultrisk.montecarlo.book.Underlying;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A risk matrix whose shocks are per underlying: each underlying's spot moves by its own standard deviation over a
 * period, so a book long a low-vol coin and short a high-vol one is not shocked as if both moved alike. Rows are
 * moves of the log-spots, instantaneous, columns relative implied-vol shocks scaled with tenor:
 *
 * <ul>
 *   <li>joint z: every underlying's log-spot moves by z·σᵤ·√τ (τ the period in years);
 *   <li>spread z of a correlated pair (i, j): the spread ln Sᵢ − ln Sⱼ moves by z·σₛ·√τ with
 *       σₛ² = σᵢ² + σⱼ² − 2ρσᵢσⱼ, split between the two as its regression gives (the most likely joint move for that
 *       spread move): xᵢ = (σᵢ² − ρσᵢσⱼ)/σₛ²·d, xⱼ = −(σⱼ² − ρσᵢσⱼ)/σₛ²·d; the other underlyings stay put;
 *   <li>a vol shock v at 30 days applies to an option as {@link TenorVolShock#EXCHANGE} scales it to its tenor.
 * </ul>
 * A perpetual whose shocked spot is past its liquidation price is worth nothing.
 */
public record VolScaledRiskMatrix(double periodYears, double[] volShocks, List<Move> moves, double[][] pnl) {
    /** Moves in standard deviations over the period. */
    public static final double[] Z_SCORES = {-4, -3, -2, -1, 0, 1, 2, 3, 4};

    /** One row: its label, kind ("joint" or "spread") and the relative spot return of each underlying (book order). */
    public record Move(String label, String kind, double z, double[] returns) {}

    public static VolScaledRiskMatrix of(Book book, double periodYears, double[] volShocks) {
        if (!(periodYears > 0)) {
            throw new IllegalArgumentException("risk-matrix period must be positive years, got " + periodYears);
        }
        List<Underlying> us = book.market().underlyings();
        int n = us.size();
        double sqrtT = Math.sqrt(periodYears);
        List<Move> moves = new ArrayList<>();
        for (double z : Z_SCORES) {
            double[] r = new double[n];
            for (int u = 0; u < n; u++) {
                r[u] = Math.expm1(z * us.get(u).vol() * sqrtT);
            }
            moves.add(new Move(String.format(Locale.ROOT, "joint %+.0f sd", z), "joint", z, r));
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double rho = book.market().correlation(i, j);
                double si = us.get(i).vol(), sj = us.get(j).vol();
                double varS = si * si + sj * sj - 2 * rho * si * sj;
                if (rho == 0 || !(varS > 1e-12)) {
                    continue; // uncorrelated pairs are covered by the joint rows; a spread without variance has no risk
                }
                for (double z : Z_SCORES) {
                    if (z == 0) {
                        continue;
                    }
                    double d = z * Math.sqrt(varS) * sqrtT;
                    double[] r = new double[n];
                    r[i] = Math.expm1((si * si - rho * si * sj) / varS * d);
                    r[j] = Math.expm1(-(sj * sj - rho * si * sj) / varS * d);
                    moves.add(new Move(
                            String.format(
                                    Locale.ROOT,
                                    "%s/%s spread %+.0f sd",
                                    us.get(i).name(),
                                    us.get(j).name(),
                                    z),
                            "spread",
                            z,
                            r));
                }
            }
        }
        double base = value(book, new double[n], 0);
        double[][] pnl = new double[moves.size()][volShocks.length];
        for (int m = 0; m < moves.size(); m++) {
            for (int v = 0; v < volShocks.length; v++) {
                pnl[m][v] = value(book, moves.get(m).returns(), volShocks[v]) - base;
            }
        }
        return new VolScaledRiskMatrix(periodYears, volShocks.clone(), List.copyOf(moves), pnl);
    }

    static double value(Book book, double[] returns, double volShock) {
        List<Underlying> us = book.market().underlyings();
        double v = 0;
        for (Position p : book.positions()) {
            int u = book.market().indexOf(p.underlying());
            double factor = p instanceof OptionPosition o
                    ? TenorVolShock.EXCHANGE.factorAtYears(volShock, book.yearsTo(o.expiry()))
                    : 1.0;
            v += PositionValuer.DEFAULT.valueShocked(book, p, us.get(u).spot() * (1 + returns[u]), factor);
        }
        return v;
    }

    /** The worst (most negative) P&amp;L cell: [move index, vol index]. */
    public int[] worstCell() {
        return RiskMatrix.worstCell(pnl);
    }

    public double worstLoss() {
        return RiskMatrix.worstLoss(pnl);
    }
}
