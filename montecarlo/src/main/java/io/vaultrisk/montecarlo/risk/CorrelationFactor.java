package io.vaultrisk.montecarlo.risk;

import io.vaultrisk.montecarlo.book.MarketData;
import io.vaultrisk.montecarlo.book.Underlying;
import java.util.List;

/**
 * The lower Cholesky factor L of a correlation matrix (C = L·Lᵀ), which turns independent normals into correlated
 * ones. A matrix that is not positive semi-definite cannot be a correlation matrix: that is an error naming the
 * matrix's most negative eigenvalue, unless repair was asked for, in which case the nearest correlation matrix in
 * the Frobenius norm (Higham 2002, alternating projections with Dykstra's correction) is used and the largest
 * change of any entry is reported.
 *
 * @param maxRepair largest absolute change of a correlation made by the repair (0 when none was needed)
 */
public record CorrelationFactor(double[][] lower, double[][] used, double maxRepair, boolean repaired) {
    private static final double PSD_TOLERANCE = 1e-10;

    public static CorrelationFactor of(MarketData market, boolean repair) {
        double[][] c = market.correlation();
        SymmetricEigen eig = SymmetricEigen.of(c);
        double min = eig.minValue();
        if (min >= -PSD_TOLERANCE) {
            return new CorrelationFactor(cholesky(c), c, 0.0, false);
        }
        if (!repair) {
            throw new CorrelationNotPsdException("the correlation matrix of "
                    + market.underlyings().stream().map(Underlying::name).toList()
                    + " is not positive semi-definite (smallest eigenvalue " + String.format("%.4g", min) + ")");
        }
        double[][] fixed = nearestCorrelation(c);
        double change = 0;
        for (int i = 0; i < c.length; i++) {
            for (int j = 0; j < c.length; j++) {
                change = Math.max(change, Math.abs(fixed[i][j] - c[i][j]));
            }
        }
        return new CorrelationFactor(cholesky(fixed), fixed, change, true);
    }

    /** Higham's alternating projections onto the PSD cone and the unit-diagonal matrices, with Dykstra correction. */
    static double[][] nearestCorrelation(double[][] a) {
        int n = a.length;
        double[][] y = copy(a), ds = new double[n][n], x = copy(a);
        for (int it = 0; it < 2000; it++) {
            double[][] r = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    r[i][j] = y[i][j] - ds[i][j];
                }
            }
            x = SymmetricEigen.of(r).rebuild(0.0);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    ds[i][j] = x[i][j] - r[i][j];
                }
            }
            double diff = 0, norm = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double v = i == j ? 1.0 : x[i][j];
                    diff += (v - y[i][j]) * (v - y[i][j]);
                    norm += v * v;
                    y[i][j] = v;
                }
            }
            if (Math.sqrt(diff) <= 1e-12 * Math.sqrt(norm)) {
                break;
            }
        }
        // the limit sits on the PSD boundary; nudge the eigenvalues up so the factor is well defined and rescale
        // back to a unit diagonal (a change of order 1e-10)
        double[][] z = SymmetricEigen.of(y).rebuild(1e-10);
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                out[i][j] = i == j ? 1.0 : Math.max(-1, Math.min(1, z[i][j] / Math.sqrt(z[i][i] * z[j][j])));
            }
        }
        return out;
    }

    /** Cholesky that accepts semi-definite matrices (a zero pivot gives a zero column: perfectly dependent coins). */
    static double[][] cholesky(double[][] c) {
        int n = c.length;
        double[][] l = new double[n][n];
        for (int j = 0; j < n; j++) {
            double d = c[j][j];
            for (int k = 0; k < j; k++) {
                d -= l[j][k] * l[j][k];
            }
            double pivot = d <= 1e-14 ? 0.0 : Math.sqrt(d);
            l[j][j] = pivot;
            for (int i = j + 1; i < n; i++) {
                double s = c[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                l[i][j] = pivot == 0 ? 0.0 : s / pivot;
            }
        }
        return l;
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    public List<List<Double>> usedAsList() {
        return java.util.Arrays.stream(used)
                .map(r -> java.util.Arrays.stream(r).boxed().toList())
                .toList();
    }
}
