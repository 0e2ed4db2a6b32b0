package io.vaultrisk.montecarlo.book;

import io.vaultrisk.montecarlo.market.Market;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The market a book is valued in: the quote-currency rate, the underlyings (in file order: that order is the
 * dimension of each underlying in the random stream) and their correlation matrix.
 *
 * @param correlation row-major n×n matrix, symmetric with unit diagonal and entries in [−1, 1]; positive
 *                    semi-definiteness is checked where it is factorised (risk.CorrelationFactor)
 */
public record MarketData(double rate, List<Underlying> underlyings, double[][] correlation, MarketJump marketJump) {
    public MarketData(double rate, List<Underlying> underlyings, double[][] correlation) {
        this(rate, underlyings, correlation, MarketJump.NONE);
    }

    public MarketData {
        if (marketJump == null) {
            marketJump = MarketJump.NONE;
        }
        if (!Double.isFinite(rate) || Math.abs(rate) > 1) {
            throw new BookFormatException(null, "market.rate", "must be a decimal in [-1, 1], got " + rate);
        }
        if (underlyings == null || underlyings.isEmpty()) {
            throw new BookFormatException(null, "market.underlyings", "at least one underlying is required");
        }
        underlyings = List.copyOf(underlyings);
        int n = underlyings.size();
        if (correlation == null) {
            correlation = identity(n);
        }
        if (correlation.length != n) {
            throw new BookFormatException(null, "market.correlations", "matrix must be " + n + "x" + n);
        }
        double[][] copy = new double[n][];
        for (int i = 0; i < n; i++) {
            if (correlation[i].length != n) {
                throw new BookFormatException(null, "market.correlations", "matrix must be " + n + "x" + n);
            }
            copy[i] = correlation[i].clone();
        }
        for (int i = 0; i < n; i++) {
            if (copy[i][i] != 1.0) {
                throw new BookFormatException(
                        null,
                        "market.correlations",
                        "diagonal must be 1 (" + underlyings.get(i).name() + ")");
            }
            for (int j = 0; j < i; j++) {
                String pair =
                        underlyings.get(j).name() + "/" + underlyings.get(i).name();
                double c = copy[i][j];
                if (!(c >= -1 && c <= 1)) {
                    throw new BookFormatException(null, "market.correlations." + pair, "must be in [-1, 1], got " + c);
                }
                if (copy[j][i] != c) {
                    throw new BookFormatException(null, "market.correlations." + pair, "matrix must be symmetric");
                }
            }
        }
        correlation = copy;
        if (marketJump.isOn() && marketJump.mean().length != n) {
            throw new BookFormatException(null, "market.marketJump.sizes", "must give one size per underlying");
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < n; i++) {
            if (seen.put(underlyings.get(i).name(), i) != null) {
                throw new BookFormatException(
                        null,
                        "market.underlyings",
                        "duplicate underlying " + underlyings.get(i).name());
            }
        }
    }

    public static MarketData of(double rate, List<Underlying> underlyings, double[][] correlation) {
        return new MarketData(rate, underlyings, correlation);
    }

    public static double[][] identity(int n) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            m[i][i] = 1.0;
        }
        return m;
    }

    public int size() {
        return underlyings.size();
    }

    /** Index of the named underlying, or −1. */
    public int indexOf(String name) {
        for (int i = 0; i < underlyings.size(); i++) {
            if (underlyings.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    public Underlying underlying(String name) {
        int i = indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("unknown underlying " + name);
        }
        return underlyings.get(i);
    }

    /** The single-underlying market of {@code name} (spot and the quote rate), as `price` takes it. */
    public Market market(String name) {
        return Market.of(underlying(name).spot(), rate);
    }

    public double correlation(int i, int j) {
        return correlation[i][j];
    }

    @Override
    public double[][] correlation() {
        double[][] c = new double[correlation.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = correlation[i].clone();
        }
        return c;
    }

    public MarketData withUnderlyings(List<Underlying> replaced) {
        return new MarketData(rate, replaced, correlation, marketJump);
    }

    public MarketData withCorrelation(double[][] replaced) {
        return new MarketData(rate, underlyings, replaced, marketJump);
    }
}
