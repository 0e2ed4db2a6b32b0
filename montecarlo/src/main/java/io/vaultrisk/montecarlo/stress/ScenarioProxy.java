package io.vaultrisk.montecarlo.stress;

import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.Position;
import io.vaultrisk.montecarlo.book.Underlying;
import io.vaultrisk.montecarlo.risk.PositionValuer;
import java.util.ArrayList;
import java.util.List;

/**
 * The move of an underlying a scenario does not name, from its beta to the named ones. With the book's vols σ and
 * correlations ρ (covariance Σ = ρσσ, per year), the named log-returns x_N give the regression
 * E[x_u | x_N] = Σ_uN Σ_NN⁻¹ x_N and the residual variance σ²_u|N = σᵤ² − Σ_uN Σ_NN⁻¹ Σ_Nu per year. The scenario's
 * length in years is estimated from its own size, τ = x_N' Σ_NN⁻¹ x_N / |N| (the maximum-likelihood τ for a
 * Gaussian move), so the residual's standard deviation over it is σ_u|N √τ.
 *
 * <p>Conservative for either side: the book's positions in u are revalued at the regression move and at the
 * regression ± 2 residual standard deviations, and the worst of the three is used (a short in u loses most when u
 * falls less, or rises, which a regression-only or worst-listed proxy never shows). The book's instantaneous value
 * is a sum over underlyings, so choosing per underlying gives the joint worst.
 *
 * <p>The betas come from the book's vols and correlations, today's: a history-based estimate can replace
 * {@link #covariance} once real history is in the project.
 */
final class ScenarioProxy {
    static final double BAND_SD = 2.0;

    private ScenarioProxy() {}

    /** Per underlying (book order): the relative return to apply; named ones as given. */
    record Moves(double[] returns, double[] beta, double[] regression) {}

    static Moves of(Book book, Scenario s) {
        List<Underlying> us = book.market().underlyings();
        int n = us.size();
        double[][] cov = covariance(book);
        List<Integer> named = new ArrayList<>();
        double[] returns = new double[n], beta = new double[n], regression = new double[n];
        for (int u = 0; u < n; u++) {
            Double r = s.returns().get(us.get(u).name());
            if (r != null) {
                named.add(u);
                returns[u] = r;
                regression[u] = r;
                beta[u] = 1;
            }
        }
        int k = named.size();
        if (k == 0) {
            // nothing in common with the book: every underlying like the scenario's worst return, as before
            java.util.Arrays.fill(returns, s.worstReturn());
            java.util.Arrays.fill(regression, s.worstReturn());
            return new Moves(returns, beta, regression);
        }
        double[][] snn = new double[k][k];
        double[] xn = new double[k];
        for (int a = 0; a < k; a++) {
            xn[a] = Math.log1p(returns[named.get(a)]);
            for (int b = 0; b < k; b++) {
                snn[a][b] = cov[named.get(a)][named.get(b)];
            }
        }
        double[] w = solve(snn, xn); // Σ_NN⁻¹ x_N
        double tau = 0;
        for (int a = 0; a < k; a++) {
            tau += xn[a] * w[a];
        }
        tau /= k;
        for (int u = 0; u < n; u++) {
            if (named.contains(u)) {
                continue;
            }
            double[] sun = new double[k];
            for (int a = 0; a < k; a++) {
                sun[a] = cov[u][named.get(a)];
            }
            double mean = 0;
            for (int a = 0; a < k; a++) {
                mean += sun[a] * w[a];
            }
            double[] b = solve(snn, sun); // Σ_NN⁻¹ Σ_Nu: the betas
            double explained = 0;
            for (int a = 0; a < k; a++) {
                explained += sun[a] * b[a];
            }
            beta[u] = k == 1 ? b[0] : Double.NaN;
            double sd = Math.sqrt(Math.max(0.0, cov[u][u] - explained) * tau);
            regression[u] = Math.expm1(mean);
            double worst = Double.POSITIVE_INFINITY;
            for (double x : new double[] {mean, mean - BAND_SD * sd, mean + BAND_SD * sd}) {
                double v = valueOf(book, u, Math.expm1(x));
                if (v < worst) {
                    worst = v;
                    returns[u] = Math.expm1(x);
                }
            }
        }
        return new Moves(returns, beta, regression);
    }

    static double[][] covariance(Book book) {
        List<Underlying> us = book.market().underlyings();
        int n = us.size();
        double[][] c = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                c[i][j] = book.market().correlation(i, j)
                        * us.get(i).vol()
                        * us.get(j).vol();
            }
        }
        return c;
    }

    /** Value of the book's positions in underlying u after return r (instant, vols unchanged). */
    private static double valueOf(Book book, int u, double r) {
        Underlying x = book.market().underlyings().get(u);
        double v = 0;
        for (Position p : book.positions()) {
            if (p.underlying().equals(x.name())) {
                v += PositionValuer.DEFAULT.valueShocked(book, p, x.spot() * (1 + r), 1.0);
            }
        }
        return v;
    }

    /** Solves the small SPD system a·x = b (Gaussian elimination with partial pivoting; a tiny ridge if singular). */
    static double[] solve(double[][] a0, double[] b0) {
        int n = b0.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = a0[i].clone();
            a[i][i] += 1e-12 * Math.max(1e-12, a0[i][i]);
        }
        double[] b = b0.clone();
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[p][c])) {
                    p = r;
                }
            }
            double[] t = a[c];
            a[c] = a[p];
            a[p] = t;
            double tb = b[c];
            b[c] = b[p];
            b[p] = tb;
            for (int r = c + 1; r < n; r++) {
                double f = a[r][c] / a[c][c];
                for (int k = c; k < n; k++) {
                    a[r][k] -= f * a[c][k];
                }
                b[r] -= f * b[c];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = b[r];
            for (int k = r + 1; k < n; k++) {
                s -= a[r][k] * x[k];
            }
            x[r] = s / a[r][r];
        }
        return x;
    }
}
